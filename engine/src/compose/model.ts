/**
 * The compose model: one `yaml` parse per text, with exact ranges for every service, key and value.
 * Merge keys (`<<`), anchors, `!reset`/`!override`, `x-` fields and `${VAR:-default}` load without errors.
 */
import * as path from '../core/paths';
import {
  type Alias,
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  type Scalar,
  type ScalarTag,
  type CollectionTag,
  type YAMLMap,
  YAMLSeq,
  visit,
} from 'yaml';
import { sharedParser } from '../core/shared-parse';
import { parseYamlDocument } from '../core/yaml-parse';
import { detectEol, LineIndex } from '../core/text';

export interface SyntaxError {
  start: number;
  end: number;
  message: string;
}

export interface BuildInfo {
  /** Absolute build context folder (meaningless when `contextSource` is a URL or interpolated). */
  context: string;
  /** The context as written (`.` when not given): a path, a Git or HTTP URL, or `${VAR}`. */
  contextSource: string;
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** The node of `build` (string or map) for positions. */
  node: Node;
  /** Inline `dockerfile_inline`, when present (no Dockerfile on disk). */
  inline: boolean;
  /** `build.target`: the stage built, when not the last one. */
  target?: string;
}

export interface ComposeService {
  name: string;
  /** The service's key in `services:` (where service-level problems are shown). */
  key: Scalar;
  pair: Pair;
  /** The service's mapping, undefined for `svc:` with no value or a non-map value. */
  map: YAMLMap | undefined;
  /** The value of a key of the service, aliases resolved and `<<` merges followed. */
  get(key: string): Node | null | undefined;
  /** The pair of a key; `inherited` is true when it comes from a `<<` merge. */
  getPair(key: string): { pair: Pair; inherited: boolean } | undefined;
  /** A scalar value as a string. */
  str(key: string): string | undefined;
  /** The node an alias stands for (other nodes as they are): for maps below the service's own keys. */
  resolve(node: Node | null | undefined): Node | null | undefined;
  image: string | undefined;
  build: BuildInfo | undefined;
}

export interface ComposeFile {
  kind: 'compose';
  /** Absolute path. */
  path: string;
  text: string;
  lines: LineIndex;
  doc: Document.Parsed;
  root: YAMLMap | undefined;
  syntaxErrors: SyntaxError[];
  services: ComposeService[];
  servicesPair: Pair | undefined;
  /** Spaces per nesting level, as the file uses it. */
  indentUnit: number;
  /** Whether block sequences are indented under their key (`key:\n  - a`) or not (`key:\n- a`). */
  indentedSequences: boolean;
  eol: string;
}

/** Compose's own tags: accept them on scalars, maps and sequences without a warning. */
const composeTags = ['!reset', '!override'].flatMap((tag) => [
  { tag, resolve: (value: string) => value } as ScalarTag,
  { tag, collection: 'map', resolve: (value: unknown) => value } as unknown as CollectionTag,
  { tag, collection: 'seq', resolve: (value: unknown) => value } as unknown as CollectionTag,
]);

export const YAML_OPTIONS = {
  // yaml's warnings (a collection as a map key, an unknown tag) go to doc.warnings, not to the console: the CLI's
  // stderr and the server's output stay clean.
  logLevel: 'error',
  merge: true,
  // Duplicate keys are found by parseYamlDocument in one pass; yaml's own check is quadratic in a map's keys.
  uniqueKeys: false,
  maxAliasCount: 1000,
  prettyErrors: false,
  customTags: composeTags,
} as const;

/** `parseCompose`, shared by the lints of a run (see sharedParser). */
export const parseComposeShared = sharedParser((filePath: string, text: string) => parseCompose(filePath, text), 8);

export function parseCompose(filePath: string, text: string): ComposeFile {
  let doc: Document.Parsed;
  let tooDeep = false;
  try {
    doc = parseYamlDocument(text, YAML_OPTIONS);
    tooDeep = nestingDepth(doc.contents) > MAX_NESTING;
  } catch {
    // The yaml parser recurses per nesting level: a few thousand levels overflow the stack.
    tooDeep = true;
    doc = parseYamlDocument('', YAML_OPTIONS);
  }
  if (tooDeep) doc = parseYamlDocument('', YAML_OPTIONS);
  const lines = new LineIndex(text);
  const syntaxErrors: SyntaxError[] = doc.errors.map((error) => ({
    start: Math.min(error.pos[0], text.length),
    end: Math.min(Math.max(error.pos[1], error.pos[0]), text.length),
    message: firstLine(error.message),
  }));
  if (tooDeep) syntaxErrors.push({ start: 0, end: 0, message: `The file is nested more than ${MAX_NESTING} levels deep: not a compose file.` });
  const root = isMap(doc.contents) ? doc.contents : undefined;
  const file: ComposeFile = {
    kind: 'compose',
    path: filePath,
    text,
    lines,
    doc,
    root,
    syntaxErrors,
    services: [],
    servicesPair: undefined,
    indentUnit: 2,
    indentedSequences: true,
    eol: detectEol(text),
  };
  if (!root) return file;
  const servicesPair = findPair(doc, root, 'services');
  file.servicesPair = servicesPair?.pair;
  const servicesMap = servicesPair ? resolve(doc, servicesPair.pair.value as Node) : undefined;
  if (isMap(servicesMap)) {
    for (const item of servicesMap.items) {
      if (!isScalar(item.key) || !item.key.range) continue;
      file.services.push(makeService(file, item as Pair<Scalar>));
    }
  }
  file.indentUnit = detectIndentUnit(file);
  file.indentedSequences = detectSequenceStyle(file);
  return file;
}

function makeService(file: ComposeFile, pair: Pair<Scalar>): ComposeService {
  const { doc } = file;
  const value = resolve(doc, pair.value as Node);
  const map = isMap(value) ? value : undefined;
  const getPair = (key: string) => (map ? findPair(doc, map, key) : undefined);
  const get = (key: string) => {
    const found = getPair(key);
    return found ? resolve(doc, found.pair.value as Node) : undefined;
  };
  const str = (key: string) => scalarString(get(key));
  const service: ComposeService = {
    name: String(pair.key.value),
    key: pair.key,
    pair,
    map,
    get,
    getPair,
    str,
    resolve: (node) => resolve(doc, node),
    image: str('image'),
    build: undefined,
  };
  service.build = buildInfo(file, service);
  return service;
}

function buildInfo(file: ComposeFile, service: ComposeService): BuildInfo | undefined {
  const node = service.get('build');
  if (node === undefined || node === null) return undefined;
  const base = path.dirname(file.path);
  if (isScalar(node)) {
    const contextSource = String(node.value);
    const context = path.resolve(base, contextSource);
    return { context, contextSource, dockerfile: path.join(context, 'Dockerfile'), node, inline: false };
  }
  if (isMap(node)) {
    const contextValue = scalarString(getIn(file.doc, node, ['context'])) ?? '.';
    const context = path.resolve(base, contextValue);
    const dockerfileValue = scalarString(getIn(file.doc, node, ['dockerfile'])) ?? 'Dockerfile';
    const inline = getIn(file.doc, node, ['dockerfile_inline']) !== undefined;
    const target = scalarString(getIn(file.doc, node, ['target']));
    return { context, contextSource: contextValue, dockerfile: path.resolve(context, dockerfileValue), node, inline, ...(target && !target.includes('$') ? { target } : {}) };
  }
  return undefined;
}

/** Deeper documents are refused (rules and yaml's own visitors recurse per level); compose files nest ~10 levels. */
const MAX_NESTING = 256;

/** How deep collections nest (iterative, so a hostile file cannot overflow the stack here). */
function nestingDepth(root: unknown): number {
  // Only collections go on the stack (scalars cannot nest), with their depths in a parallel array: this walks
  // every node of a 10,000-line file, so it allocates nothing per node.
  let deepest = 0;
  const nodes: unknown[] = [root];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop()!;
    if (depth > deepest) deepest = depth;
    if (depth > MAX_NESTING) return depth;
    if (!isMap(node) && !isSeq(node)) continue;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        if (isMap(item.key) || isSeq(item.key)) {
          nodes.push(item.key);
          depths.push(depth + 1);
        }
        if (isMap(item.value) || isSeq(item.value)) {
          nodes.push(item.value);
          depths.push(depth + 1);
        } else if (depth + 1 > deepest) deepest = depth + 1;
      } else if (isMap(item) || isSeq(item)) {
        nodes.push(item);
        depths.push(depth + 1);
      } else if (depth + 1 > deepest) deepest = depth + 1;
    }
  }
  return deepest;
}

/** Follows aliases (bounded, so an alias cycle cannot loop). */
export function resolve(doc: Document, node: Node | null | undefined): Node | null | undefined {
  let current = node;
  for (let depth = 0; depth < 32 && isAlias(current); depth++) {
    current = aliasTargets(doc).get(current);
  }
  return isAlias(current) ? undefined : current;
}

const aliasTargetCache = new WeakMap<Document, Map<Alias, Node | undefined>>();

/**
 * Every alias's anchored node, found in one walk of the document. `Alias#resolve` walks the whole document on each
 * call, which made a file with many merge keys take seconds to lint. Same answer: the last node with the anchor
 * before the alias, in document order.
 */
function aliasTargets(doc: Document): Map<Alias, Node | undefined> {
  let targets = aliasTargetCache.get(doc);
  if (targets) return targets;
  const found = new Map<Alias, Node | undefined>();
  const anchors = new Map<string, Node>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) found.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  targets = found;
  aliasTargetCache.set(doc, targets);
  return targets;
}

export function isMergeKey(pair: Pair): boolean {
  const key = pair.key as unknown;
  if (!isScalar(key)) return false;
  return typeof key.value === 'symbol' ? key.value.description === '<<' : key.value === '<<' && key.source === '<<';
}

/** A key of a map: its own pairs first, then those merged in with `<<` (nearest source first). */
export function findPair(
  doc: Document,
  map: YAMLMap,
  key: string,
  depth = 0,
): { pair: Pair; inherited: boolean } | undefined {
  const index = pairIndex(map);
  const own = index.own.get(key);
  if (own) return { pair: own, inherited: depth > 0 };
  if (depth > 8) return undefined;
  for (const item of index.merges) {
    const source = resolve(doc, item.value as Node);
    const sources = isSeq(source) ? source.items.map((s) => resolve(doc, s as Node)) : [source];
    for (const candidate of sources) {
      if (!isMap(candidate)) continue;
      const found = findPair(doc, candidate, key, depth + 1);
      if (found) return { pair: found.pair, inherited: true };
    }
  }
  return undefined;
}

interface PairIndex {
  items: unknown[];
  length: number;
  /** The first pair of each scalar key (merge keys aside). */
  own: Map<string, Pair>;
  /** The `<<` pairs, in order. */
  merges: Pair[];
}

/**
 * The keys of a map, indexed once: rules ask a service map for a dozen keys each, and most are missing (a scan of
 * every pair). Parsed documents are never changed in place; the index is rebuilt if its map's items were.
 */
const pairIndexes = new WeakMap<YAMLMap, PairIndex>();

function pairIndex(map: YAMLMap): PairIndex {
  let index = pairIndexes.get(map);
  if (index && index.items === map.items && index.length === map.items.length) return index;
  const own = new Map<string, Pair>();
  const merges: Pair[] = [];
  for (const item of map.items) {
    if (isMergeKey(item)) merges.push(item);
    else if (isScalar(item.key)) {
      const name = String(item.key.value);
      if (!own.has(name)) own.set(name, item);
    }
  }
  index = { items: map.items, length: map.items.length, own, merges };
  pairIndexes.set(map, index);
  return index;
}

export function getIn(doc: Document, node: Node | null | undefined, keys: string[]): Node | null | undefined {
  let current = resolve(doc, node);
  for (const key of keys) {
    if (!isMap(current)) return undefined;
    const found = findPair(doc, current, key);
    if (!found) return undefined;
    current = resolve(doc, found.pair.value as Node);
  }
  return current;
}

export function scalarString(node: Node | null | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (value === null || value === undefined) return undefined;
  return typeof value === 'symbol' ? value.description : String(value);
}

/** [start, end] offsets of a node's value (without a trailing comment). */
export function nodeRange(node: Node | Pair | null | undefined): [number, number] | undefined {
  if (isPair(node)) {
    const key = node.key as Node | null;
    const value = node.value as Node | null;
    const start = key?.range?.[0] ?? value?.range?.[0];
    const end = value?.range?.[1] ?? key?.range?.[1];
    return start === undefined || end === undefined ? undefined : [start, end];
  }
  if (!node || !node.range) return undefined;
  return [node.range[0], node.range[1]];
}

/** Entries of a map as [key, value] with aliases resolved (own items only, merge keys skipped). */
export function mapEntries(doc: Document, map: YAMLMap): { key: Scalar; value: Node | null | undefined; pair: Pair }[] {
  const entries: { key: Scalar; value: Node | null | undefined; pair: Pair }[] = [];
  for (const item of map.items) {
    if (!isScalar(item.key) || isMergeKey(item)) continue;
    entries.push({ key: item.key, value: resolve(doc, item.value as Node), pair: item });
  }
  return entries;
}

function detectIndentUnit(file: ComposeFile): number {
  const first = file.services[0];
  if (first?.map && !first.map.flow && first.map.items[0]) {
    const keyColumn = file.lines.positionAt(first.key.range![0]).character;
    // Where the map's first item starts (a key, or the `?` of an explicit key).
    if (first.map.range) {
      const childColumn = file.lines.positionAt(first.map.range[0]).character;
      if (childColumn > keyColumn) return childColumn - keyColumn;
    }
  }
  if (first?.key.range) {
    const column = file.lines.positionAt(first.key.range[0]).character;
    if (column > 0) return column;
  }
  return 2;
}

function detectSequenceStyle(file: ComposeFile): boolean {
  for (const service of file.services) {
    if (!service.map) continue;
    for (const item of service.map.items) {
      const value = item.value as Node | null;
      const key = item.key as Node | null;
      if (value instanceof YAMLSeq && !value.flow && value.range && key?.range) {
        const keyColumn = file.lines.positionAt(key.range[0]).character;
        const itemColumn = file.lines.positionAt(value.range[0]).character;
        return itemColumn > keyColumn;
      }
    }
  }
  return true;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

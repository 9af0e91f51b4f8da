/**
 * Minimal text edits to compose files. Nothing here re-serialises a document: new keys are rendered on their
 * own and inserted at an offset with the file's indentation and line breaks; everything else stays byte-identical.
 *
 * Which compose edit helper to use (this file and ./ensure.ts are the only places that build compose edits):
 * - add keys to a service or any block map, creating the nested maps that are missing (`deploy.resources.limits`):
 *   `ensureEntries` (ensure.ts); it refuses shapes it cannot edit safely (flow maps, aliases, `<<` merges);
 * - add whole new keys to a map you already hold: `insertIntoMap`; under a key whose value is empty: `insertUnderKey`;
 * - add an item to a list: `appendToSeq`, or `addToServiceList` for a service list that may not exist yet (ensure.ts);
 * - change a scalar in place, keeping its quote style: `replaceScalar` (ensure.ts);
 * - remove a key with its value and comment lines: `removePair`; a list item: `removeSeqItem` (ensure.ts);
 * - a new top-level block (`secrets:`): `appendTopLevel` (ensure.ts);
 * - render values for new text: `renderEntries`, `renderScalar` (never `yaml.stringify` of a whole document).
 * Each returns undefined when it cannot edit the shape; the rule then offers no fix rather than a wrong one.
 */
import { isMap, isScalar, isSeq, stringify, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Edit } from '../core/text';
import type { ComposeFile } from './model';

/** A value to render as YAML. `flow` renders a sequence inline: `["CMD", "redis-cli", "ping"]`. */
export type YamlValue = string | number | boolean | YamlValue[] | FlowSeq | Quoted | { [key: string]: YamlValue };

export class FlowSeq {
  constructor(readonly items: (string | number)[]) {}
}

/** A string always written in double quotes (e.g. `"10m"`, `"0.50"`). */
export class Quoted {
  constructor(readonly value: string) {}
}

export const flow = (...items: (string | number)[]) => new FlowSeq(items);
export const quoted = (value: string) => new Quoted(value);

/** Renders `{key: value}` entries as lines at indentation 0 (the caller indents them). */
export function renderEntries(entries: Record<string, YamlValue>, unit: number, indentedSequences: boolean): string[] {
  const lines: string[] = [];
  const pad = (level: number) => ' '.repeat(level * unit);
  const emit = (key: string, value: YamlValue, level: number) => {
    const head = `${pad(level)}${renderScalar(key)}:`;
    if (isInline(value)) {
      lines.push(`${head} ${renderInline(value)}`);
    } else if (Array.isArray(value)) {
      lines.push(head);
      const itemPad = indentedSequences ? pad(level + 1) : pad(level);
      for (const item of value) {
        if (isInline(item)) lines.push(`${itemPad}- ${renderInline(item)}`);
        else if (!Array.isArray(item) && typeof item === 'object' && !(item instanceof FlowSeq) && !(item instanceof Quoted)) {
          const sub = renderEntries(item, unit, indentedSequences);
          sub.forEach((line, index) => lines.push(index === 0 ? `${itemPad}- ${line}` : `${itemPad}  ${line}`));
        }
      }
    } else {
      lines.push(head);
      for (const [childKey, childValue] of Object.entries(value)) emit(childKey, childValue, level + 1);
    }
  };
  for (const [key, value] of Object.entries(entries)) emit(key, value, 0);
  return lines;
}

function isInline(value: YamlValue): value is string | number | boolean | FlowSeq | Quoted {
  return (
    typeof value !== 'object' || value instanceof FlowSeq || value instanceof Quoted ||
    (Array.isArray(value) && value.length === 0)
  );
}

function renderInline(value: YamlValue): string {
  if (value instanceof FlowSeq) return `[${value.items.map((item) => (typeof item === 'number' ? String(item) : JSON.stringify(item))).join(', ')}]`;
  if (value instanceof Quoted) return JSON.stringify(value.value);
  if (Array.isArray(value)) return '[]';
  return renderScalar(value as string | number | boolean);
}

/** Results of renderScalar: fixes render the same few values ("30s", "10m", "unless-stopped") for every service. */
const renderedScalars = new Map<string, string>();
/** A word of letters, digits and `_ . / -` that starts with a letter or digit: no YAML indicator, space, colon or `#`. */
const PLAIN_WORD = /^[A-Za-z0-9][A-Za-z0-9_./-]*$/;
/** Such a word that the YAML core schema reads as a number, a boolean or null: written double-quoted. */
const CORE_SCHEMA_VALUE = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[Tt]rue|TRUE|[Ff]alse|FALSE|[Nn]ull|NULL)$/;

/** A scalar in plain style when YAML keeps it a string, double-quoted otherwise. */
export function renderScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  // Names, sizes and versions (`api`, `db-data`, `10m`, `0.5`) are written as yaml's stringify would write them
  // without building a Document (test/unit/edit.test.ts checks both agree); anything else goes through stringify.
  if (PLAIN_WORD.test(value)) return CORE_SCHEMA_VALUE.test(value) ? JSON.stringify(value) : value;
  let rendered = renderedScalars.get(value);
  if (rendered === undefined) {
    // yaml's stringify builds a whole Document per call: the slowest step of building fixes on a big file.
    rendered = stringify(value, { lineWidth: 0 }).trimEnd();
    if (rendered.startsWith("'")) rendered = JSON.stringify(value);
    if (renderedScalars.size >= 4096) renderedScalars.clear();
    renderedScalars.set(value, rendered);
  }
  return rendered;
}

/** Column (0-based) at which a node starts. */
export function columnOf(file: ComposeFile, offset: number): number {
  return file.lines.positionAt(offset).character;
}

/**
 * Edits that replace the text from `start` to the end of a scalar with `text`. A block scalar (`|`, `>-`, `|2+`...)
 * runs past its last line break: it is replaced up to the end of its last line with content, keeping the comment of
 * its header line, and the blank lines it kept after that line are removed by a second edit (unless the file ends
 * there); its final line break
 * stays untouched, so the next key keeps its own line and an insertion after the scalar's last line (a key added at
 * the end of the map or file the scalar ends) does not overlap the replacement.
 */
export function replaceThroughScalar(file: ComposeFile, start: number, scalar: Scalar, text: string): Edit[] | undefined {
  if (!scalar.range) return undefined;
  const end = scalar.range[1];
  if (scalar.type !== 'BLOCK_LITERAL' && scalar.type !== 'BLOCK_FOLDED') return [{ start, end, text }];
  const comment = /^[|>][-+0-9]*([ \t]+#[^\r\n]*)?/.exec(file.text.slice(scalar.range[0], end))?.[1] ?? '';
  const lastLine = Math.max(start, endOfContentLine(file, end));
  const finalBreak = /\r?\n$/.exec(file.text.slice(lastLine, end))?.[0] ?? '';
  const edits: Edit[] = [{ start, end: lastLine, text: text + comment.trimEnd() }];
  // At the end of the file they are left to the edit appending there (a new top-level key trims them).
  NON_BLANK.lastIndex = end;
  if (end - finalBreak.length > lastLine && NON_BLANK.test(file.text)) edits.push({ start: lastLine, end: end - finalBreak.length, text: '' });
  return edits;
}

const NON_BLANK = /\S/g;

/** The offset at the end of the line holding the last non-blank character before `offset`. */
export function endOfContentLine(file: ComposeFile, offset: number): number {
  let index = Math.min(offset, file.text.length) - 1;
  while (index >= 0 && /\s/.test(file.text[index])) index--;
  const line = file.lines.positionAt(Math.max(0, index)).line;
  return file.lines.lineEnd(line);
}

/**
 * Inserts entries at the end of a block mapping, indented like its existing keys.
 * Returns undefined for flow mappings (`{a: b}`), which are left to the user.
 */
export function insertIntoMap(file: ComposeFile, map: YAMLMap, entries: Record<string, YamlValue>): Edit | undefined {
  if (map.flow || map.items.length === 0 || !map.range) return undefined;
  // The map starts where its first item does: the key, or the `?` of an explicit key (`? [a, b]`), whose key node
  // starts two columns further right.
  const indent = ' '.repeat(columnOf(file, map.range[0]));
  const at = endOfContentLine(file, map.range[1]);
  const lines = renderEntries(entries, file.indentUnit, file.indentedSequences);
  return { start: at, end: at, text: lines.map((line) => file.eol + indent + line).join('') };
}

/** Inserts entries as the value of a key that has none yet (`web:` followed by nothing). */
export function insertUnderKey(file: ComposeFile, pair: Pair, entries: Record<string, YamlValue>): Edit | undefined {
  const key = pair.key as Node | null;
  if (!key?.range || (pair.value !== null && !(isScalar(pair.value) && pair.value.value === null))) return undefined;
  // An explicit `null` or `~` stays in the text: lines added under it would not parse (`deploy: null` + `  resources:`).
  const value = pair.value as Scalar | null;
  if (value?.range && value.range[1] > value.range[0]) return undefined;
  const indent = ' '.repeat(columnOf(file, key.range[0]) + file.indentUnit);
  const at = endOfContentLine(file, key.range[1] + 1);
  const lines = renderEntries(entries, file.indentUnit, file.indentedSequences);
  return { start: at, end: at, text: lines.map((line) => file.eol + indent + line).join('') };
}

/**
 * Removes a whole `key: value` entry of a block mapping, with its line break; keeps comments on their own lines
 * above it. Returns undefined when the entry shares its line with other content.
 */
export function removePair(file: ComposeFile, pair: Pair): Edit | undefined {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  if (!key?.range) return undefined;
  const startLine = file.lines.positionAt(key.range[0]).line;
  const lineStart = file.lines.lineStart(startLine);
  if (file.text.slice(lineStart, key.range[0]).trim() !== '') return undefined;
  const lastOffset = value?.range ? value.range[1] : key.range[1];
  const endLine = file.lines.positionAt(endOfContentLine(file, lastOffset)).line;
  const nextStart = endLine + 1 < file.lines.lineCount ? file.lines.lineStart(endLine + 1) : file.text.length;
  return { start: lineStart, end: nextStart, text: '' };
}

/** The items of a block sequence or flow sequence node, for callers that rewrite one item. */
export function seqItems(node: Node | null | undefined): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

export function isBlockMap(node: Node | null | undefined): node is YAMLMap {
  return isMap(node) && !node.flow;
}

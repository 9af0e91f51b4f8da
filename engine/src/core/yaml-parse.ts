/**
 * `parseDocument` with yaml's duplicate-key errors found in linear time. yaml's own check (`uniqueKeys: true`)
 * compares each key with every earlier key of its map: one map of 100,000 keys (a 1 MB compose file) took seconds,
 * a 9 MB one minutes. Here the parse runs without it, and one pass per map with a Set finds the same duplicates and
 * reports yaml's own error (code, message, position), in the place of `doc.errors` yaml would have put it.
 */
import { type CST, type Document, isMap, isSeq, isScalar, parseDocument, type Pair, type ParseOptions, type DocumentOptions, type SchemaOptions, type YAMLError, type YAMLMap, YAMLParseError } from 'yaml';

/** yaml's options, minus the two this module decides: no quadratic check, and plain (position-only) errors. */
export type YamlParseOptions = Omit<ParseOptions & DocumentOptions & SchemaOptions, 'uniqueKeys' | 'prettyErrors' | 'keepSourceTokens'> & { prettyErrors: false };

export const DUPLICATE_KEY_MESSAGE = 'Map keys must be unique';

export function parseYamlDocument(text: string, options: YamlParseOptions): Document.Parsed {
  const doc = parseDocument(text, { ...options, uniqueKeys: false }) as Document.Parsed;
  if (duplicateKeys(doc).length === 0) return doc;
  // yaml reports a duplicate where the tokens before the key end, which the document does not keep: a second parse
  // keeps them (a file with a duplicate key costs two parses, still linear).
  const withTokens = parseDocument(text, { ...options, uniqueKeys: false, keepSourceTokens: true });
  const starts = duplicateKeys(withTokens).map(({ map, index }) => keyStart(map, index));
  doc.errors = placeDuplicates(
    doc.errors,
    starts.sort((a, b) => a - b).map((start) => new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', DUPLICATE_KEY_MESSAGE)),
  );
  return doc;
}

/**
 * Every pair whose key equals an earlier key of the same map, as yaml compares keys: the same node, or two scalars
 * whose values are `===` (so `1` and `1.0` match, `1` and `"1"` do not, `.nan` never does, and each `<<` merge key
 * is a symbol of its own). Aliases are not followed: a map is checked where it is written. Iterative, so a deeply
 * nested document cannot overflow the stack.
 */
export function duplicateKeys(doc: Document): { map: YAMLMap; index: number }[] {
  const found: { map: YAMLMap; index: number }[] = [];
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isSeq(node)) {
      for (const item of node.items) if (isMap(item) || isSeq(item)) pending.push(item);
      continue;
    }
    if (!isMap(node)) continue;
    const seen = node.items.length > 1 ? new Set<unknown>() : undefined;
    node.items.forEach((pair: Pair<unknown, unknown>, index) => {
      const key = pair.key;
      if (seen && isScalar(key) && !Number.isNaN(key.value)) {
        if (seen.has(key.value)) found.push({ map: node, index });
        else seen.add(key.value);
      }
      if (isMap(key) || isSeq(key)) pending.push(key);
      if (isMap(pair.value) || isSeq(pair.value)) pending.push(pair.value);
    });
  }
  return found;
}

/**
 * Where yaml reports a duplicate key: the end of the tokens before the key (its `?`, anchor, tag, comments and
 * indentation), or, when the item has none, where the previous item ended (after an empty value, that is right after
 * the previous `:`).
 */
function keyStart(map: YAMLMap, index: number): number {
  const pair = map.items[index] as Pair & { srcToken?: CST.CollectionItem };
  const start = pair.srcToken?.start ?? [];
  const last = start[start.length - 1];
  if (last) return last.offset + last.source.length;
  const previous = map.items[index - 1] as Pair<{ range?: [number, number, number] } | null, { range?: [number, number, number] } | null> & {
    srcToken?: CST.CollectionItem;
  };
  if (previous.value?.range) return previous.value.range[2];
  const sep = previous.srcToken?.sep ?? [];
  const lastSep = sep[sep.length - 1];
  return lastSep ? lastSep.offset + lastSep.source.length : (previous.key?.range?.[2] ?? 0);
}

/**
 * yaml's errors with the duplicate-key errors put in. Every output sorts errors by position and keeps the order of
 * ties, so what must match yaml is the order among errors at the very same place: a duplicate comes after those
 * yaml found before reaching the key (the end of the previous map, a bad indent) and before the one it finds after
 * (a key without a value). Elsewhere, it goes before the first error that starts after it.
 */
function placeDuplicates(errors: YAMLError[], duplicates: YAMLError[]): YAMLError[] {
  const byStart = new Map<number, YAMLError[]>();
  for (const error of errors) {
    const list = byStart.get(error.pos[0]);
    if (list) list.push(error);
    else byStart.set(error.pos[0], [error]);
  }
  const after = new Map<YAMLError, YAMLError[]>();
  const before = new Map<YAMLError, YAMLError[]>();
  const elsewhere: YAMLError[] = [];
  const add = (where: Map<YAMLError, YAMLError[]>, error: YAMLError, duplicate: YAMLError) => {
    const list = where.get(error);
    if (list) list.push(duplicate);
    else where.set(error, [duplicate]);
  };
  for (const duplicate of duplicates) {
    const [start, end] = duplicate.pos;
    const here = byStart.get(start) ?? [];
    const earlier = here.filter((error) => error.pos[1] === end && !isKeyWithoutValue(error, start));
    const later = here.find((error) => isKeyWithoutValue(error, start));
    if (earlier.length > 0) add(after, earlier[earlier.length - 1], duplicate);
    else if (later) add(before, later, duplicate);
    else elsewhere.push(duplicate);
  }
  const placed: YAMLError[] = [];
  let next = 0;
  for (const error of errors) {
    while (next < elsewhere.length && elsewhere[next].pos[0] < error.pos[0]) placed.push(elsewhere[next++]);
    for (const duplicate of before.get(error) ?? []) placed.push(duplicate);
    placed.push(error);
    for (const duplicate of after.get(error) ?? []) placed.push(duplicate);
  }
  while (next < elsewhere.length) placed.push(elsewhere[next++]);
  return placed;
}

function isKeyWithoutValue(error: YAMLError, keyStart: number): boolean {
  return error.code === 'MISSING_CHAR' && error.pos[0] === keyStart && error.message.startsWith('Implicit map keys need to be followed by map values');
}

/**
 * Edits that add to what a service already has: nested keys (`deploy.resources.limits`), sequence items, scalar
 * replacements and removals. Each returns an offset edit, or undefined when the shape is one we do not rewrite
 * (flow maps, values shared through an alias or a `<<` merge), so the caller offers no fix rather than a wrong one.
 */
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Edit } from '../core/text';
import { endOfContentLine, insertIntoMap, insertUnderKey, renderEntries, renderScalar, type YamlValue } from './edit';
import { findPair, isMergeKey, resolve, type ComposeFile } from './model';

/** A key of a map's own entries (not merged in). */
export function ownPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((item) => isScalar(item.key) && !isMergeKey(item) && String(item.key.value) === key);
}

function nest(keys: string[], entries: Record<string, YamlValue>): Record<string, YamlValue> {
  return keys.reduceRight<Record<string, YamlValue>>((inner, key) => ({ [key]: inner }), entries);
}

/**
 * Adds `entries` under the path `keys` of a block map, creating the maps that are missing and keeping every
 * existing key. The caller passes only entries that are absent.
 */
export function ensureEntries(file: ComposeFile, map: YAMLMap, keys: string[], entries: Record<string, YamlValue>): Edit | undefined {
  let current = map;
  for (let i = 0; i < keys.length; i++) {
    const pair = ownPair(current, keys[i]);
    if (!pair) {
      // Inherited through `<<`: adding an own key would hide the merged one.
      if (findPair(file.doc, current, keys[i])) return undefined;
      return insertIntoMap(file, current, nest(keys.slice(i), entries));
    }
    if (isAlias(pair.value)) return undefined;
    const value = pair.value as Node | null;
    if (value === null || (isScalar(value) && (value.value === null || value.value === ''))) {
      return insertUnderKey(file, pair, nest(keys.slice(i + 1), entries));
    }
    if (!isMap(value) || value.flow) return undefined;
    current = value;
  }
  return insertIntoMap(file, current, entries);
}

/** Renders a scalar in the style of an existing one (double, single or no quotes). */
export function inStyleOf(original: Scalar | undefined, value: string): string {
  if (original?.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (original?.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return renderScalar(value);
}

/** Replaces a scalar's text, keeping its quoting style. */
export function replaceScalar(scalar: Scalar, value: string): Edit | undefined {
  if (!scalar.range) return undefined;
  return { start: scalar.range[0], end: scalar.range[1], text: inStyleOf(scalar, value) };
}

/** Appends an item (already rendered as YAML) to a block or flow sequence. */
export function appendToSeq(file: ComposeFile, seq: YAMLSeq, rendered: string): Edit | undefined {
  if (!seq.range) return undefined;
  const items = seq.items as Node[];
  if (seq.flow) {
    const last = items[items.length - 1];
    if (last?.range) return { start: last.range[1], end: last.range[1], text: `, ${rendered}` };
    const close = file.text.lastIndexOf(']', seq.range[1]);
    if (close < seq.range[0]) return undefined;
    return { start: close, end: close, text: rendered };
  }
  if (items.length === 0) return undefined;
  const dashLine = file.lines.positionAt(seq.range[0]);
  const indent = ' '.repeat(dashLine.character);
  const at = endOfContentLine(file, seq.range[1]);
  return { start: at, end: at, text: `${file.eol}${indent}- ${rendered}` };
}

/** Removes one item of a sequence (its whole line in a block sequence, the item and a comma in a flow one). */
export function removeSeqItem(file: ComposeFile, seq: YAMLSeq, item: Node): Edit | undefined {
  const items = seq.items as Node[];
  const index = items.indexOf(item);
  if (index < 0 || !item.range) return undefined;
  if (seq.flow) {
    const next = items[index + 1];
    if (next?.range) return { start: item.range[0], end: next.range[0], text: '' };
    const previous = items[index - 1];
    if (previous?.range) return { start: previous.range[1], end: item.range[1], text: '' };
    return { start: item.range[0], end: item.range[1], text: '' };
  }
  const startLine = file.lines.positionAt(item.range[0]).line;
  const lineStart = file.lines.lineStart(startLine);
  const before = file.text.slice(lineStart, item.range[0]);
  if (!/^\s*-\s*$/.test(before)) return undefined;
  const endLine = file.lines.positionAt(endOfContentLine(file, item.range[1])).line;
  const nextStart = endLine + 1 < file.lines.lineCount ? file.lines.lineStart(endLine + 1) : file.text.length;
  return { start: lineStart, end: nextStart, text: '' };
}

/** Adds `key: [items]` to a service (creating the sequence) or appends the items to the existing own sequence. */
export function addToServiceList(file: ComposeFile, map: YAMLMap, key: string, item: string | string[]): Edit | undefined {
  const items = Array.isArray(item) ? item : [item];
  const pair = ownPair(map, key);
  if (!pair) {
    if (findPair(file.doc, map, key)) return undefined;
    return insertIntoMap(file, map, { [key]: items });
  }
  if (isAlias(pair.value)) return undefined;
  const value = resolve(file.doc, pair.value as Node);
  if (value === null || (isScalar(value) && value.value === null)) return insertListUnderKey(file, pair, items);
  if (!isSeq(value)) return undefined;
  const first = appendToSeq(file, value, renderScalar(items[0]));
  if (!first) return undefined;
  const separator = value.flow ? ', ' : first.text.slice(0, first.text.indexOf('- '));
  const rest = items.slice(1).map((name) => (value.flow ? `, ${renderScalar(name)}` : `${separator}- ${renderScalar(name)}`)).join('');
  return { ...first, text: first.text + rest };
}

function insertListUnderKey(file: ComposeFile, pair: Pair, items: string[]): Edit | undefined {
  const key = pair.key as Node | null;
  if (!key?.range) return undefined;
  const keyColumn = file.lines.positionAt(key.range[0]).character;
  const indent = ' '.repeat(keyColumn + (file.indentedSequences ? file.indentUnit : 0));
  const at = endOfContentLine(file, key.range[1] + 1);
  return { start: at, end: at, text: items.map((name) => `${file.eol}${indent}- ${renderScalar(name)}`).join('') };
}

/** Lines for a new top-level key appended at the end of the file. */
export function appendTopLevel(file: ComposeFile, entries: Record<string, YamlValue>): Edit {
  // A file indented as a whole (` services:` at column 1) keeps its top-level column: the new key lines up with the
  // last top-level key, which it follows (the first key can sit elsewhere: yaml accepts a first line indented after
  // a byte-order mark).
  // After a byte-order mark, yaml does not count the first line's spaces as indentation at all (the root map is at
  // column 0 for it, whatever follows), so a key on that line gives no column.
  const items = file.root?.items ?? [];
  const lastKey = items[items.length - 1]?.key as Node | null | undefined;
  const keyLine = lastKey?.range ? file.lines.positionAt(lastKey.range[0]).line : 0;
  const afterBom = keyLine === 0 && file.text.startsWith('\uFEFF');
  const before = lastKey?.range && !afterBom ? file.text.slice(file.lines.lineStart(keyLine), lastKey.range[0]) : '';
  const indent = /^ *$/.test(before) ? before : '';
  const lines = renderEntries(entries, file.indentUnit, file.indentedSequences).map((line) => indent + line);
  const text = file.text;
  let at = text.length;
  while (at > 0 && /\s/.test(text[at - 1])) at--;
  // Spaces after the last content stay: an insertion at the end of that line (a key added to the last service)
  // would fall inside this edit.
  if (at > 0) at = file.lines.lineEnd(file.lines.positionAt(at - 1).line);
  const prefix = at === 0 ? '' : file.eol + file.eol;
  return { start: at, end: text.length, text: prefix + lines.join(file.eol) + file.eol };
}

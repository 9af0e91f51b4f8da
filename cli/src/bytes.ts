/**
 * The bytes to write for a fixed text: the engine works on the decoded text, and a file may hold bytes that are not
 * UTF-8 (decoded as U+FFFD). The changes between the text read and the fixed text are applied to the file's own bytes,
 * so every byte outside them is kept as it was, invalid ones included.
 */

/**
 * For each UTF-16 unit of `bytes.toString('utf8')`, the offset of the bytes it came from; one more entry holds the
 * length. Decodes as Node does (the WHATWG decoder): one U+FFFD per maximal subpart of an invalid sequence.
 */
export function utf16ByteOffsets(bytes: Uint8Array): Uint32Array {
  const offsets = new Uint32Array(bytes.length + 1);
  let unit = 0;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    offsets[unit++] = i;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const [need, lower, upper] = sequence(lead);
    let end = i + 1;
    for (let k = 0; k < need && end < bytes.length; k++, end++) {
      const next = bytes[end];
      if (next < (k === 0 ? lower : 0x80) || next > (k === 0 ? upper : 0xbf)) break;
    }
    // A whole four-byte sequence decodes to a surrogate pair: both units start at its first byte.
    if (need === 3 && end - i === 4) offsets[unit++] = i;
    i = need === 0 ? i + 1 : end;
  }
  offsets[unit] = bytes.length;
  return offsets.subarray(0, unit + 1);
}

/** Continuation bytes a lead byte needs, and the range its first continuation byte must be in (0 for invalid leads). */
function sequence(lead: number): [number, number, number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [1, 0x80, 0xbf];
  if (lead === 0xe0) return [2, 0xa0, 0xbf];
  if (lead === 0xed) return [2, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [2, 0x80, 0xbf];
  if (lead === 0xf0) return [3, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [3, 0x80, 0xbf];
  if (lead === 0xf4) return [3, 0x80, 0x8f];
  return [0, 0, 0];
}

/** A change of the text read: units [start, end) replaced by `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/**
 * The file's new bytes: `original` decodes to `before`; `after` is the fixed text. Throws when the result would not
 * decode to `after` (it always does; the check guards the mapping).
 */
export function patchedBytes(original: Buffer, before: string, after: string): Buffer {
  const encoded = Buffer.from(before, 'utf8');
  // Valid UTF-8 round-trips: the fixed text's own encoding keeps every byte the fixes did not change.
  if (encoded.equals(original)) return Buffer.from(after, 'utf8');
  const offsets = utf16ByteOffsets(original);
  if (offsets.length !== before.length + 1) throw new Error('the file does not decode as it was read');
  const chunks: Buffer[] = [];
  let kept = 0;
  for (const change of textChanges(before, after)) {
    chunks.push(original.subarray(kept, offsets[change.start]), Buffer.from(change.text, 'utf8'));
    kept = offsets[change.end];
  }
  chunks.push(original.subarray(kept));
  const result = Buffer.concat(chunks);
  if (result.toString('utf8') !== after) throw new Error('the fixed bytes do not decode to the fixed text');
  return result;
}

/**
 * The changes from `before` to `after`: the common start and end first (a fix's edits are few and close), then line
 * by line over the lines in between (jsdiff), each change trimmed to the units that differ, never between the two
 * halves of a surrogate pair. (Two lines that differ only in their invalid bytes decode alike: when a fix replaces
 * one of them, the text cannot tell which, and the line diff picks one.)
 */
export function textChanges(before: string, after: string): TextChange[] {
  const common = trimmed(before, { start: 0, end: before.length, text: after });
  // Whole lines, so the line diff lines up (the common start and end hold the same text in both).
  const start = common.start === 0 ? 0 : before.lastIndexOf('\n', common.start - 1) + 1;
  const lineEnd = before.indexOf('\n', common.end);
  const end = lineEnd === -1 ? before.length : Math.max(lineEnd + 1, common.end);
  const newText = after.slice(start, after.length - (before.length - end));
  const middle = before.slice(start, end);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { diffChars, diffLines } = require('diff') as typeof import('diff');
  const changes: TextChange[] = [];
  for (const lines of runs(middle === '' || newText === '' ? [{ removed: true, value: middle }, { added: true, value: newText }] : diffLines(middle, newText), start)) {
    const old = before.slice(lines.start, lines.end);
    // Changed lines that hold invalid bytes: character by character, so the bytes around the change stay too.
    if (!old.includes('\ufffd') || old.length + lines.text.length > MAX_REFINED) changes.push(trimmed(before, lines));
    else for (const change of runs(diffChars(old, lines.text), lines.start)) changes.push(change);
  }
  return changes.filter((change) => change.end > change.start || change.text !== '');
}

/** Largest run of changed lines compared character by character (the comparison is quadratic at worst). */
const MAX_REFINED = 20_000;

/** The runs of removed and added parts of a jsdiff result, as changes of the old text (which starts at `at`). */
function runs(parts: readonly { added?: boolean; removed?: boolean; value: string }[], at: number): TextChange[] {
  const changes: TextChange[] = [];
  let pending: TextChange | undefined;
  for (const part of parts) {
    if (!part.added && !part.removed) {
      if (pending) changes.push(pending);
      pending = undefined;
      at += part.value.length;
      continue;
    }
    pending ??= { start: at, end: at, text: '' };
    if (part.removed) pending.end = at += part.value.length;
    else pending.text += part.value;
  }
  if (pending) changes.push(pending);
  return changes;
}

function trimmed(before: string, change: TextChange): TextChange {
  const old = before.slice(change.start, change.end);
  const text = change.text;
  let prefix = 0;
  const most = Math.min(old.length, text.length);
  while (prefix < most && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHighSurrogate(old.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < most - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isLowSurrogate(old.charCodeAt(old.length - suffix))) suffix--;
  return { start: change.start + prefix, end: change.end - suffix, text: text.slice(prefix, text.length - suffix) };
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

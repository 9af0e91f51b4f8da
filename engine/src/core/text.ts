/** Plain text utilities: offsets, line/column conversion and offset edits. Everything in the engine works on offsets. */

/** A replacement of the text between two offsets. Insertions have start === end. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A 0-based line and a 0-based column in UTF-16 code units (as in LSP and JavaScript strings). */
export interface Position {
  line: number;
  character: number;
}

/** Maps offsets to lines and columns and back. Built once per text. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) starts.push(i + 1);
      else if (ch === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset of the end of a line, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1] - 1;
    if (end > 0 && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** The line break the file uses (CRLF if its first line break is one). */
export function detectEol(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/** Applies non-overlapping edits (in any order). Throws if two edits overlap. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error('overlapping edits');
    result += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/** Insertions at the same offset become one edit (in order), so a fix's own edits do not overlap and apply together. */
export function mergeInsertions(edits: readonly Edit[]): Edit[] {
  const merged: Edit[] = [];
  for (const edit of edits) {
    const previous = merged.find((other) => other.start === edit.start && other.end === edit.end && edit.start === edit.end);
    if (previous) previous.text += edit.text;
    else merged.push({ ...edit });
  }
  return merged;
}

/** Whether applyEdits would refuse these edits: two of them overlap (insertions at one point, in order, do not). */
export function editsConflict(edits: readonly Edit[]): boolean {
  if (edits.length < 2) return false;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) return true;
    cursor = edit.end;
  }
  return false;
}

/** True when the two edit lists touch a common range (insertions at the same point count as overlapping). */
export function editsOverlap(a: readonly Edit[], b: readonly Edit[]): boolean {
  for (const x of a) {
    for (const y of b) {
      if (x.start < y.end && y.start < x.end) return true;
      if (x.start === y.start) return true;
      if ((x.start === x.end && x.start > y.start && x.start < y.end) || (y.start === y.end && y.start > x.start && y.start < x.end)) return true;
    }
  }
  return false;
}

/**
 * The smallest set of line-granular edits that turn `before` into `after`: common prefix and suffix are kept,
 * and the middle is split into separate edits where whole lines are unchanged (a simple LCS over lines).
 */
export function minimalEdits(before: string, after: string): Edit[] {
  if (before === after) return [];
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) suffix++;
  // Widen to line boundaries so the line diff below compares whole lines.
  const start = prefix === 0 ? 0 : before.lastIndexOf('\n', prefix - 1) + 1;
  const beforeEndCut = before.length - suffix;
  const afterEndCut = after.length - suffix;
  const beforeMid = before.slice(start, beforeEndCut);
  const afterMid = after.slice(start, afterEndCut);
  const a = splitLinesKeepEnds(beforeMid);
  const b = splitLinesKeepEnds(afterMid);
  if (a.length * b.length > 4_000_000) {
    return [trimEdit({ start, end: beforeEndCut, text: afterMid }, before)];
  }
  // LCS table over lines (small: only the changed middle).
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = [];
  for (let i = 0; i <= n; i++) lcs.push(new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  let offset = start;
  let pending: Edit | undefined;
  const flush = () => {
    if (pending) edits.push(trimEdit(pending, before));
    pending = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      flush();
      offset += a[i].length;
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      pending ??= { start: offset, end: offset, text: '' };
      pending.text += b[j];
      j++;
    } else {
      pending ??= { start: offset, end: offset, text: '' };
      pending.end += a[i].length;
      offset += a[i].length;
      i++;
    }
  }
  flush();
  return edits;
}

function trimEdit(edit: Edit, before: string): Edit {
  const old = before.slice(edit.start, edit.end);
  let p = 0;
  const max = Math.min(old.length, edit.text.length);
  while (p < max && old.charCodeAt(p) === edit.text.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === edit.text.charCodeAt(edit.text.length - 1 - s)) s++;
  return { start: edit.start + p, end: edit.end - s, text: edit.text.slice(p, edit.text.length - s) };
}

function splitLinesKeepEnds(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      lines.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/**
 * Edit distance for "did you mean" suggestions: insertions, deletions, substitutions and swaps of two neighbours
 * (optimal string alignment), so `restrat` is one typo from `restart`, as a person counts. `max` lets a caller stop
 * early: any distance above it is `max + 1`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      let distance = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, beforePrevious[j - 2] + 1);
      current[j] = distance;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

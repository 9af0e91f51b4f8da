/**
 * Secret values in what the CLI prints. A fix that moves a secret out of a file says where its source text was
 * (SecretSource: the lines, and the range on them); a diff shows those lines with that range, in whatever spelling
 * (quotes, escapes, `$$`, a block scalar's lines), as `***`, and the decoded value too wherever it is later on
 * them. Nothing else is touched: the same characters in an image name on another line stay as they are.
 */
import type { SecretSource } from '../../engine/src/index';

export const MASK = '***';

/** Each line a secret was on, and how it is shown. */
export function maskedLines(sources: readonly SecretSource[]): Map<string, string> {
  // Ranges to mask per line (two secrets can share a line: a flow map).
  const ranges = new Map<string, { ranges: [number, number][]; values: string[] }>();
  for (const source of sources) {
    let offset = 0;
    for (const line of source.lines) {
      const start = Math.max(source.start, offset) - offset;
      const end = Math.min(source.end, offset + line.length) - offset;
      if (end > start || (source.start <= offset && source.end >= offset + line.length && line.trim() !== '')) {
        const entry = ranges.get(line) ?? { ranges: [], values: [] };
        entry.ranges.push([start, Math.max(start, end)]);
        for (const part of source.value.split('\n')) if (part.trim() !== '') entry.values.push(part.trim());
        ranges.set(line, entry);
      }
      offset += line.length + 1;
    }
  }
  const masked = new Map<string, string>();
  for (const [line, entry] of ranges) masked.set(line, maskLine(line, entry.ranges, entry.values));
  return masked;
}

function maskLine(line: string, ranges: [number, number][], values: string[]): string {
  const sorted = ranges.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    out += line.slice(at, from);
    const piece = line.slice(from, end);
    // A block scalar's line keeps its indentation.
    out += piece.trim() === '' ? piece : (/^\s*/.exec(piece)![0] + MASK);
    at = end;
  }
  // After the first masked range (never in the key before it): the value itself, as a comment may repeat it.
  const rest = [...new Set(values)].sort((a, b) => b.length - a.length).reduce((text, value) => text.split(value).join(MASK), line.slice(at));
  return sorted.length ? out + rest : line;
}

/**
 * A unified diff (one file's) with the lines a secret was on masked, in removed, added and context lines alike.
 * Headers (`---`, `+++` before the first `@@`) and hunk lines are left as they are.
 */
export function maskDiff(patch: string, masks: ReadonlyMap<string, string>): string {
  if (masks.size === 0) return patch;
  let inHunk = false;
  return patch
    .split('\n')
    .map((line) => {
      if (line.startsWith('@@')) inHunk = true;
      if (!inHunk || line.startsWith('@@') || !/^[-+ ]/.test(line)) return line;
      const body = line.slice(1);
      const cr = body.endsWith('\r') ? '\r' : '';
      const masked = masks.get(cr ? body.slice(0, -1) : body);
      return masked === undefined ? line : line[0] + masked + cr;
    })
    .join('\n');
}

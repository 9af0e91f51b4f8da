/** Pure text helpers of the client (no vscode import, so tests run them in Node). */
/**
 * The span of `before` that differs from `after` (common prefix and suffix left out), so the edit does not move
 * the cursor or folding in the untouched parts of an open file. Undefined when the texts are equal.
 */
export function changedSpan(before: string, after: string): { start: number; end: number; text: string } | undefined {
  if (before === after) return undefined;
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (
    suffix < shortest - start &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) suffix++;
  // Never split a CRLF pair or a surrogate pair at the span's edges.
  while (start > 0 && isPairTail(before.charCodeAt(start))) start--;
  while (suffix > 0 && isPairTail(before.charCodeAt(before.length - suffix))) suffix--;
  return { start, end: before.length - suffix, text: after.slice(start, after.length - suffix) };
}

function isPairTail(code: number): boolean {
  return code === 10 /* \n after \r */ || (code >= 0xdc00 && code <= 0xdfff);
}

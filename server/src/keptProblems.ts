/**
 * While a compose file does not parse (a line half typed: `rest` under a service), its lint has only the syntax
 * errors. The other problems of the last lint stay where the text did not change, as the YAML extension keeps its
 * results outside the broken part: a problem before the changed lines keeps its offsets, one after them moves with
 * the text, one on a changed line or on a line with a syntax error goes. The rules do not run on yaml's recovered
 * tree (an unclosed quote or bracket swallows the rest of the file, and what the rules would say about it is a
 * guess). Kept problems carry no fixes: a fix computed for a text that no longer exists could lose what is typed.
 */
import { LineIndex } from '../../engine/src/index';
import type { LintData, ProblemSummary } from './engineJobs';

export interface LintedText {
  text: string;
  lines: LineIndex;
  result: LintData;
}

/** The lint of a text that does not parse, with the problems of the previous lint that lie outside the change. */
export function keepProblemsOutsideChange(previous: LintedText, text: string, lines: LineIndex, current: LintData): LintData {
  const before = previous.text;
  // The same text linted again (a file it reads changed): nothing moved.
  const same = before === text;
  const change = changedLines(before, previous.lines, text, lines);
  // The text after the change is the same in both: its lines move by the difference in line count.
  const lineDelta = lines.lineCount - previous.lines.lineCount;
  const offsetDelta = text.length - before.length;
  const oldFrom = previous.lines.lineStart(change.first);
  const oldTo = previous.lines.lineEnd(change.oldLast);
  const brokenLines = current.problems.filter((problem) => problem.syntaxError).map((problem) => [lines.positionAt(problem.start).line, lines.positionAt(problem.end).line]);
  const onBrokenLine = (start: number, end: number) => {
    const [first, last] = [lines.positionAt(start).line, lines.positionAt(end).line];
    return brokenLines.some(([from, to]) => first <= to && last >= from);
  };
  const kept: { problem: ProblemSummary; anchor: number }[] = [];
  previous.result.problems.forEach((problem, index) => {
    if (problem.syntaxError) return;
    const anchor = previous.result.anchors[index] ?? previous.lines.positionAt(problem.start).line;
    let moved: ProblemSummary;
    let movedAnchor: number;
    if (same || problem.end < oldFrom) {
      moved = problem;
      movedAnchor = anchor;
    } else if (problem.start > oldTo) {
      moved = { ...problem, start: problem.start + offsetDelta, end: problem.end + offsetDelta };
      movedAnchor = anchor < change.first ? anchor : anchor > change.oldLast ? anchor + lineDelta : lines.positionAt(moved.start).line;
    } else {
      return;
    }
    if (onBrokenLine(moved.start, moved.end)) return;
    kept.push({ problem: { ...moved, fixes: 0, safeFix: false }, anchor: movedAnchor });
  });
  const all = [
    ...current.problems.map((problem, index) => ({ problem, anchor: current.anchors[index] ?? 0 })),
    ...kept,
  ].sort(({ problem: a }, { problem: b }) => a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return {
    ...current,
    problems: all.map(({ problem }) => problem),
    anchors: all.map(({ anchor }) => anchor),
    // The kept problems came from these files: a change to one of them re-lints as before.
    dependencies: [...new Set([...current.dependencies, ...previous.result.dependencies])],
  };
}

/**
 * The lines that differ between two texts: from the first line with a difference to the last one, in each text
 * (the common prefix and suffix, widened to whole lines).
 */
export function changedLines(before: string, beforeLines: LineIndex, after: string, afterLines: LineIndex): { first: number; oldLast: number; newLast: number } {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const first = beforeLines.positionAt(prefix).line;
  // The end of a change is exclusive: a change that ends where a line starts does not touch that line.
  const lastLine = (lines: LineIndex, end: number) => (end > prefix ? lines.positionAt(end - 1).line : first);
  return { first, oldLast: lastLine(beforeLines, before.length - suffix), newLast: lastLine(afterLines, after.length - suffix) };
}

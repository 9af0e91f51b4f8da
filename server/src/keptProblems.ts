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
  const before = previous.lines;
  const change = changedLines(previous.text, before, text, lines);
  // Lines before the change are where they were; the lines after it are the same text, moved as a whole.
  const lineDelta = change.newEnd - change.oldEnd;
  const suffixStart = (whole: string, index: LineIndex, line: number) => (line < index.lineCount ? index.lineStart(line) : whole.length);
  const offsetDelta = suffixStart(text, lines, change.newEnd) - suffixStart(previous.text, before, change.oldEnd);
  const brokenLines = current.problems.filter((problem) => problem.syntaxError).map((problem) => [lines.positionAt(problem.start).line, lines.positionAt(problem.end).line]);
  const onBrokenLine = (start: number, end: number) => {
    const [first, last] = [lines.positionAt(start).line, lines.positionAt(end).line];
    return brokenLines.some(([from, to]) => first <= to && last >= from);
  };
  const kept: { problem: ProblemSummary; anchor: number }[] = [];
  previous.result.problems.forEach((problem, index) => {
    if (problem.syntaxError) return;
    const anchor = previous.result.anchors[index] ?? before.positionAt(problem.start).line;
    const [startLine, endLine] = [before.positionAt(problem.start).line, before.positionAt(problem.end).line];
    let moved: ProblemSummary;
    let movedAnchor: number;
    if (endLine < change.first) {
      moved = problem;
      movedAnchor = anchor;
    } else if (startLine >= change.oldEnd) {
      moved = { ...problem, start: problem.start + offsetDelta, end: problem.end + offsetDelta };
      movedAnchor = anchor < change.first ? anchor : anchor >= change.oldEnd ? anchor + lineDelta : lines.positionAt(moved.start).line;
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
 * The lines that differ between two texts, whole lines with their line breaks compared: lines [first, oldEnd) of
 * the old text became lines [first, newEnd) of the new one, and the lines before and after are the same. Equal texts
 * give an empty change at the end.
 */
export function changedLines(before: string, beforeLines: LineIndex, after: string, afterLines: LineIndex): { first: number; oldEnd: number; newEnd: number } {
  const line = (text: string, lines: LineIndex, index: number) => text.slice(lines.lineStart(index), index + 1 < lines.lineCount ? lines.lineStart(index + 1) : text.length);
  const oldCount = beforeLines.lineCount;
  const newCount = afterLines.lineCount;
  let first = 0;
  while (first < oldCount && first < newCount && line(before, beforeLines, first) === line(after, afterLines, first)) first++;
  let oldEnd = oldCount;
  let newEnd = newCount;
  while (oldEnd > first && newEnd > first && line(before, beforeLines, oldEnd - 1) === line(after, afterLines, newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { first, oldEnd, newEnd };
}

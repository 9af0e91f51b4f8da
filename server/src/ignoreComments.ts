/**
 * The edits of the two "Ignore" quick fixes: a `# docker-harden-ignore <id>` comment on the line above the node the
 * problem belongs to (a YAML key or sequence item, a whole Dockerfile instruction), indented like that line, and a
 * `# docker-harden-ignore-file <id>` comment at the top of the file (after Dockerfile parser directives). An
 * existing comment of the same kind gets the id appended instead.
 */
import { isPair, isScalar, visit, type Node } from 'yaml';
import { detectEol, type ComposeFile, type DockerfileFile, type Edit, type FileKind, type LineIndex } from '../../engine/src/index';

const LINE_COMMENT = /^(\s*#\s*docker-harden-ignore)(\s+[^-\s].*?)?\s*$/;
const FILE_COMMENT = /^(\s*#\s*docker-harden-ignore-file)(\s+.*?)?\s*$/;
const DIRECTIVE = /^\s*#\s*(syntax|escape|check)\s*=/i;

/** The line that starts the node holding `offset`: the comment goes above it. */
export function nodeStartLine(file: ComposeFile | DockerfileFile | undefined, lines: LineIndex, offset: number): number {
  return nodeStartLines(file, lines, [offset])[0];
}

/**
 * `nodeStartLine` for many offsets (every problem of a lint) in one pass over the model: the start lines of the nodes
 * are collected once and each offset's is found by binary search.
 */
export function nodeStartLines(file: ComposeFile | DockerfileFile | undefined, lines: LineIndex, offsets: readonly number[]): number[] {
  const linesOf = offsets.map((offset) => lines.positionAt(offset).line);
  if (!file) return linesOf;
  if (file.kind === 'dockerfile') {
    // Instructions in document order, each from its first to its last line.
    const ranges = file.ast.getInstructions().map((instruction) => instruction.getRange());
    const startLines = ranges.map((range) => range.start.line);
    return linesOf.map((line) => {
      const at = lastAtOrBefore(startLines, line);
      return at >= 0 && line <= ranges[at].end.line ? ranges[at].start.line : line;
    });
  }
  // YAML: the last key or sequence item starting at or before the line (never a line inside a block scalar).
  const starts: number[] = [];
  const consider = (start: number | undefined) => {
    if (start !== undefined) starts.push(lines.positionAt(start).line);
  };
  visit(file.doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) || isPair(pair.key)) consider((pair.key as Node).range?.[0]);
    },
    Seq(_key, seq) {
      for (const item of seq.items) consider((item as Node | null)?.range?.[0]);
    },
  });
  starts.sort((a, b) => a - b);
  return linesOf.map((line) => {
    const at = lastAtOrBefore(starts, line);
    return at >= 0 ? starts[at] : line;
  });
}

/** The index of the last value <= `target` in an ascending array, or -1. */
function lastAtOrBefore(sorted: readonly number[], target: number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] <= target) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

export function ignoreLineEdit(file: ComposeFile | DockerfileFile | undefined, lines: LineIndex, offset: number, ruleId: string): Edit {
  return ignoreAboveLine(lines, nodeStartLine(file, lines, offset), ruleId);
}

/** The "ignore for this line" edit, given the line that starts the problem's node (see `nodeStartLines`). */
export function ignoreAboveLine(lines: LineIndex, target: number, ruleId: string): Edit {
  const text = lines.text;
  const eol = detectEol(text);
  if (target > 0) {
    const above = lines.lineText(target - 1);
    const existing = LINE_COMMENT.exec(above);
    if (existing && !FILE_COMMENT.test(above)) return appendId(lines.lineStart(target - 1), existing, ruleId);
  }
  const targetText = lines.lineText(target);
  // A sequence item `- key: v` keeps the comment at the dash's column.
  const indent = targetText.slice(0, targetText.length - targetText.trimStart().length);
  const start = lines.lineStart(target);
  return { start, end: start, text: `${indent}# docker-harden-ignore ${ruleId}${eol}` };
}

/** Only the kind of the file matters here (Dockerfile parser directives stay first). */
export function ignoreFileEdit(file: { kind: FileKind } | undefined, lines: LineIndex, ruleId: string): Edit {
  const text = lines.text;
  const eol = detectEol(text);
  for (let line = 0; line < lines.lineCount; line++) {
    const content = lines.lineText(line);
    const existing = FILE_COMMENT.exec(content);
    if (existing) return appendId(lines.lineStart(line), existing, ruleId);
  }
  let insertLine = 0;
  if (file?.kind === 'dockerfile' || (!file && DIRECTIVE.test(lines.lineText(0)))) {
    while (insertLine < lines.lineCount && DIRECTIVE.test(lines.lineText(insertLine))) insertLine++;
  }
  if (insertLine >= lines.lineCount || (insertLine > 0 && lines.lineStart(insertLine) === text.length && !text.endsWith('\n'))) {
    // Directives up to the end of a file without a final line break.
    return { start: text.length, end: text.length, text: `${eol}# docker-harden-ignore-file ${ruleId}${eol}` };
  }
  const start = lines.lineStart(insertLine);
  return { start, end: start, text: `# docker-harden-ignore-file ${ruleId}${eol}` };
}

/** Adds an id to an existing comment's list, before a ` -- reason` if there is one. */
function appendId(lineStart: number, existing: RegExpExecArray, ruleId: string): Edit {
  const list = existing[2] ?? '';
  const reason = /\s+--(\s|$)/.exec(list);
  const ids = reason ? list.slice(0, reason.index) : list;
  const end = lineStart + existing[1].length + ids.length;
  return { start: end, end, text: ids.trim() ? `, ${ruleId}` : ` ${ruleId}` };
}

/**
 * The edits of the two "Ignore" quick fixes: a `# docker-harden-ignore <id>` comment on the line above the node the
 * problem belongs to (a YAML key or sequence item, a whole Dockerfile instruction), indented like that line, and a
 * `# docker-harden-ignore-file <id>` comment at the top of the file (after Dockerfile parser directives). An
 * existing comment of the same kind gets the id appended instead.
 */
import { isPair, isScalar, visit, type Node } from 'yaml';
import { detectEol, type ComposeFile, type DockerfileFile, type Edit, type LineIndex } from '../../engine/src/index';

const LINE_COMMENT = /^(\s*#\s*docker-harden-ignore)(\s+[^-\s].*?)?\s*$/;
const FILE_COMMENT = /^(\s*#\s*docker-harden-ignore-file)(\s+.*?)?\s*$/;
const DIRECTIVE = /^\s*#\s*(syntax|escape|check)\s*=/i;

/** The line that starts the node holding `offset`: the comment goes above it. */
export function nodeStartLine(file: ComposeFile | DockerfileFile | undefined, lines: LineIndex, offset: number): number {
  const line = lines.positionAt(offset).line;
  if (!file) return line;
  if (file.kind === 'dockerfile') {
    for (const instruction of file.ast.getInstructions()) {
      const range = instruction.getRange();
      if (range.start.line <= line && line <= range.end.line) return range.start.line;
    }
    return line;
  }
  // YAML: the last key or sequence item starting at or before the line (never a line inside a block scalar).
  let best = -1;
  const consider = (start: number | undefined) => {
    if (start === undefined) return;
    const startLine = lines.positionAt(start).line;
    if (startLine <= line && startLine > best) best = startLine;
  };
  visit(file.doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) || isPair(pair.key)) consider((pair.key as Node).range?.[0]);
    },
    Seq(_key, seq) {
      for (const item of seq.items) consider((item as Node | null)?.range?.[0]);
    },
  });
  return best >= 0 ? best : line;
}

export function ignoreLineEdit(file: ComposeFile | DockerfileFile | undefined, lines: LineIndex, offset: number, ruleId: string): Edit {
  const text = lines.text;
  const eol = detectEol(text);
  const target = nodeStartLine(file, lines, offset);
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

export function ignoreFileEdit(file: ComposeFile | DockerfileFile | undefined, lines: LineIndex, ruleId: string): Edit {
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

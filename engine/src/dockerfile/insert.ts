/**
 * Where fixes add whole instructions (USER, HEALTHCHECK, RUN, SHELL) so that BuildKit reads each as its own: never in
 * a heredoc body, never as more lines of an instruction that ends in an escape.
 *
 * Which Dockerfile edit helper to use:
 * - add whole instructions: `insertLines` at a line start, or `appendToStage` at the end of a stage (this file);
 * - edit a word or a command inside a `RUN` (add `-y`, `--no-cache`, remove a word): read the script with
 *   `readRun`/`runScripts` and edit by the words' offsets with `insertAfter`/`removeWord` (shell.ts); find commands
 *   with `findCommands`/`aptInstalls`/`pipInstalls` (commands.ts);
 * - replace an instruction's arguments: `file.rangeOf(instruction)` / `getArgumentsRange()` offsets, reading a
 *   continued instruction as one line with `logicalLine` (shell.ts), which knows the file's escape character;
 * - loop over instructions with `instructionsOf(file, keywords)` (model.ts), over a stage's with `stageInstructions`.
 * Never split the text on lines yourself: continuations, heredocs and `# escape=` make that wrong.
 */
import type { Heredoc, Instruction } from 'dockerfile-ast';
import type { Edit } from '../core/text';
import type { DockerfileFile, Stage } from './model';

/**
 * The last instruction when one of its heredocs is never closed. BuildKit reads the rest of the file as that heredoc's
 * body (and refuses to build); dockerfile-ast gives it the rest of the file too, so it is the last instruction.
 */
export function unterminatedHeredoc(file: DockerfileFile): Instruction | undefined {
  const instructions = file.ast.getInstructions();
  const last = instructions[instructions.length - 1];
  // `getHeredocs` is declared on RUN and COPY (and ADD at run time), protected on other instructions.
  const heredocs = (last as unknown as { getHeredocs?: () => Heredoc[] } | undefined)?.getHeredocs?.() ?? [];
  return heredocs.some((heredoc) => heredoc.getDelimiterRange() === null) ? last : undefined;
}

export interface DanglingEscape {
  /** The line whose final escape continues the last instruction past the end of the file. */
  line: number;
  /** The escape with the blanks around it, to the end of that line. */
  start: number;
  end: number;
  /**
   * False when the line without that escape would still end in one (`echo a \\`), or be blank (an escape alone on
   * a line, continuing the line above): nothing can follow it.
   */
  removable: boolean;
}

/**
 * The escape (`\`, or the one `# escape=` names) that ends the file's last instruction line, with only comments and
 * blank lines after it, which BuildKit skips inside a continuation. BuildKit ends the instruction at the end of the
 * file, so any line added after it would become more of its arguments.
 */
export function danglingEscape(file: DockerfileFile): DanglingEscape | undefined {
  const instructions = file.ast.getInstructions();
  const last = instructions[instructions.length - 1];
  if (!last) return undefined;
  const escape = file.ast.getEscapeCharacter();
  const ending = new RegExp(`[ \\t]*${escape === '`' ? '`' : '\\\\'}[ \\t]*$`);
  const line = codeLineAtOrAbove(file, file.lines.lineCount - 1, last.getRange().start.line);
  if (line === undefined) return undefined;
  const text = file.lines.lineText(line);
  const match = ending.exec(text);
  if (!match) return undefined;
  const start = file.lines.lineStart(line);
  const kept = text.slice(0, match.index);
  return { line, start: start + match.index, end: start + text.length, removable: kept.trim() !== '' && !kept.endsWith(escape) };
}

/** The last line from `line` up to `top` that is neither blank nor a comment (which BuildKit skips in a continuation). */
function codeLineAtOrAbove(file: DockerfileFile, line: number, top: number): number | undefined {
  for (let at = line; at >= top; at--) if (!/^\s*(#.*)?$/.test(file.lines.lineText(at))) return at;
  return undefined;
}

/**
 * The edit adding whole lines (`text`, each with its line break) at `offset`, the start of a line or the end of the
 * file, so they stand as instructions of their own; undefined where they cannot: anywhere in a file with a heredoc
 * never closed, and inside an instruction (a heredoc body, a continuation line). At the end of a file whose last
 * instruction ends in an escape, the escape goes first: BuildKit ends that instruction at the end of the file and
 * trims it, so it means what it meant.
 */
export function insertLines(file: DockerfileFile, offset: number, text: string): Edit | undefined {
  if (unterminatedHeredoc(file)) return undefined;
  for (const instruction of file.ast.getInstructions()) {
    const range = file.rangeOf(instruction);
    if (range.start < offset && offset < range.end) return undefined;
  }
  const needsBreak = file.text.length > 0 && !/[\r\n]$/.test(file.text);
  if (offset < file.text.length) return continuedInto(file, offset) ? undefined : { start: offset, end: offset, text };
  const dangling = danglingEscape(file);
  if (!dangling) return { start: offset, end: offset, text: (needsBreak ? file.eol : '') + text };
  if (!dangling.removable) return undefined;
  // The comments and blank lines after the escape stay, byte for byte.
  return { start: dangling.start, end: file.text.length, text: file.text.slice(dangling.end) + (needsBreak ? file.eol : '') + text };
}

/** True when the instruction line above `offset` (past comments and blank lines) ends in an escape. */
function continuedInto(file: DockerfileFile, offset: number): boolean {
  const line = codeLineAtOrAbove(file, file.lines.positionAt(offset).line - 1, 0);
  return line !== undefined && file.lines.lineText(line).trimEnd().endsWith(file.ast.getEscapeCharacter());
}

/**
 * Where lines are added at the end of a stage: the end of the file for the last stage; for another (a stage compose
 * builds with `build.target`), the start of the next FROM, above the blank lines and comments that lead to it.
 * `text` gets the line break it needs before it. Undefined where no line can go (see `insertLines`).
 */
export function appendToStage(file: DockerfileFile, stage: Stage, text: string): Edit | undefined {
  const next = file.stages[stage.index + 1];
  if (!next) return insertLines(file, file.text.length, text);
  let line = next.from.getRange()!.start.line;
  while (line > 0 && /^\s*(#.*)?$/.test(file.lines.lineText(line - 1))) line--;
  return insertLines(file, file.lines.lineStart(line), text);
}

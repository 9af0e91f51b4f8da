/**
 * The one shell-aware reader of `RUN`: splits the script into commands (`&&`, `||`, `;`, `|`, `&`, new lines of a
 * heredoc) made of words with their exact offsets in the Dockerfile, honouring the file's escape character for line
 * continuations, comment lines inside continuations, quotes, `$(...)` and backticks. Exec form (`RUN ["a", "b"]`) is
 * one command whose words are the JSON strings. Fixes use the offsets to edit the exact word or chain link.
 */
import type { Heredoc, Instruction } from 'dockerfile-ast';
import type { Edit } from '../core/text';
import type { DockerfileFile } from './model';

export interface ShellWord {
  /** The word as the shell sees it (quotes removed, continuations removed). */
  value: string;
  /** Offsets in the Dockerfile of the word as written (quotes included). */
  start: number;
  end: number;
}

export type ShellOperator = '&&' | '||' | ';' | '|' | '&' | '\n' | '(' | ')';

export interface ShellCommand {
  /** Every word, leading assignments and keywords included. */
  words: ShellWord[];
  /** Leading `NAME=value` words. */
  assignments: ShellWord[];
  /** The program word (after assignments, `then`/`do`/`!`, `sudo`/`env`/`exec` prefixes). */
  program: ShellWord | undefined;
  /** The program's base name (`/usr/bin/apt-get` → `apt-get`). */
  name: string | undefined;
  /** Words after the program. */
  args: ShellWord[];
  /** The operator before and after this command (undefined at the ends of the script). */
  before: ShellOperator | undefined;
  after: ShellOperator | undefined;
  /** Offsets of the first and last word. */
  start: number;
  end: number;
  /** `sudo` written in front of the program. */
  sudo: boolean;
}

export interface RunScript {
  instruction: Instruction;
  /** `RUN ["..."]`. */
  exec: boolean;
  /** `RUN <<EOF` script. */
  heredoc: boolean;
  commands: ShellCommand[];
  /** Offsets of the whole instruction. */
  start: number;
  end: number;
}

const cache = new WeakMap<Instruction, RunScript>();

/** The commands of a RUN instruction (cached per instruction). */
export function readRun(file: DockerfileFile, instruction: Instruction): RunScript {
  const cached = cache.get(instruction);
  if (cached) return cached;
  const range = file.rangeOf(instruction);
  const argsRange = instruction.getArgumentsRange();
  const script: RunScript = { instruction, exec: false, heredoc: false, commands: [], start: range.start, end: range.end };
  if (argsRange) {
    const start = file.lines.offsetAt(argsRange.start);
    const end = file.lines.offsetAt(argsRange.end);
    const raw = file.text.slice(start, end);
    const heredoc = /^<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2[ \t]*(?=\r?\n)/.exec(raw);
    if (raw.startsWith('[')) {
      const words = readExecForm(file.text, start, end);
      if (words) {
        script.exec = true;
        script.commands = words.length ? [makeCommand(words, undefined, undefined)] : [];
      }
    }
    if (!script.exec && heredoc) {
      script.heredoc = true;
      const bodyStart = start + heredoc[0].length + (raw[heredoc[0].length] === '\r' ? 2 : 1);
      const terminator = new RegExp(`^\\t*${heredoc[3]}[ \\t]*$`, 'm');
      const body = file.text.slice(bodyStart, end);
      const found = terminator.exec(body);
      const bodyEnd = found ? bodyStart + found.index : end;
      script.commands = tokenize(file.text, bodyStart, bodyEnd, '\\', true);
    } else if (!script.exec) {
      // A heredoc after a command (`cat <<EOF > /etc/motd`, `<<EOF python3`) is that command's input, not commands
      // of this RUN, and its terminator must stay alone on its line: only the lines up to the one opening it are read.
      const opened = (instruction as unknown as { getHeredocs?: () => Heredoc[] }).getHeredocs?.()[0]?.getStartRange().end.line;
      const stop = opened === undefined ? end : Math.min(end, file.lines.lineEnd(opened));
      script.commands = tokenize(file.text, start, stop, file.ast.getEscapeCharacter(), false);
    }
  }
  cache.set(instruction, script);
  return script;
}

/** Every RUN of the given instructions with its commands. */
export function runScripts(file: DockerfileFile, instructions: readonly Instruction[]): RunScript[] {
  return instructions.filter((instruction) => instruction.getKeyword() === 'RUN').map((instruction) => readRun(file, instruction));
}

/** `apt-get install` → the `install` word; options before it (`-y`, `-o X=Y`) are skipped. */
export function subcommand(command: ShellCommand, optionsWithValue: readonly string[] = []): { word: ShellWord; index: number } | undefined {
  for (let index = 0; index < command.args.length; index++) {
    const word = command.args[index];
    if (word.value.startsWith('-')) {
      if (optionsWithValue.includes(word.value)) index++;
      continue;
    }
    return { word, index };
  }
  return undefined;
}

/** True when an argument equals one of the options, or a combined short flag (`-qy`) contains a short one. */
export function hasOption(command: ShellCommand, long: readonly string[], short: readonly string[] = []): boolean {
  return command.args.some((word) => {
    const value = word.value;
    if (long.some((option) => value === option || value.startsWith(`${option}=`))) return true;
    if (/^-[A-Za-z]+$/.test(value)) return short.some((letter) => value.slice(1).includes(letter));
    return false;
  });
}

/** The edit inserting an argument right after a word (`, "arg"` in exec form). */
export function insertAfter(script: RunScript, word: ShellWord, argument: string): Edit {
  return { start: word.end, end: word.end, text: script.exec ? `, ${JSON.stringify(argument)}` : ` ${argument}` };
}

/** The edit removing an argument word (with the space or comma before it). */
export function removeWord(file: DockerfileFile, script: RunScript, word: ShellWord): Edit {
  const text = file.text;
  let start = word.start;
  if (script.exec) {
    const before = text.slice(0, start);
    const comma = /,\s*$/.exec(before);
    if (comma) start -= comma[0].length;
    return { start, end: word.end, text: '' };
  }
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { start, end: word.end, text: '' };
}

/** True when the command runs a Python module (`python -m pip ...`): returns the words after the module. */
export function pythonModuleArgs(command: ShellCommand, module: string): ShellWord[] | undefined {
  if (!command.name || !/^python[\d.]*$/.test(command.name)) return undefined;
  const m = command.args.findIndex((word) => word.value === '-m');
  if (m < 0 || command.args[m + 1]?.value !== module) return undefined;
  return command.args.slice(m + 2);
}

/** `set -o pipefail`, `set -euxo pipefail`. */
export function setsPipefail(command: ShellCommand): boolean {
  if (command.name !== 'set') return false;
  return command.args.some((word, index) => word.value === 'pipefail' && /^[-+][A-Za-z]*o$/.test(command.args[index - 1]?.value ?? ''));
}

const KEYWORDS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', '{', 'time']);
const PREFIXES = new Set(['sudo', 'env', 'exec', 'command', 'nice', 'nohup']);

function makeCommand(words: ShellWord[], before: ShellOperator | undefined, after: ShellOperator | undefined): ShellCommand {
  let index = 0;
  const assignments: ShellWord[] = [];
  let sudo = false;
  for (; index < words.length; index++) {
    const value = words[index].value;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) assignments.push(words[index]);
    else if (KEYWORDS.has(value)) continue;
    else if (PREFIXES.has(value)) {
      if (value === 'sudo') sudo = true;
      while (words[index + 1]?.value.startsWith('-')) index++;
    } else break;
  }
  const program = words[index];
  return {
    words,
    assignments,
    program,
    name: program ? program.value.slice(program.value.lastIndexOf('/') + 1) : undefined,
    args: words.slice(index + 1),
    before,
    after,
    start: words[0].start,
    end: words[words.length - 1].end,
    sudo,
  };
}

function readExecForm(text: string, start: number, end: number): ShellWord[] | undefined {
  const raw = text.slice(start, end);
  try {
    const values = JSON.parse(raw.replace(/\\\r?\n/g, ''));
    if (!Array.isArray(values) || !values.every((value) => typeof value === 'string')) return undefined;
  } catch {
    return undefined;
  }
  const words: ShellWord[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"/g;
  for (let match = pattern.exec(raw); match; match = pattern.exec(raw)) {
    words.push({ value: JSON.parse(match[0]) as string, start: start + match.index, end: start + match.index + match[0].length });
  }
  return words;
}

/**
 * Splits shell text into commands. `escape` is the Dockerfile's escape character: escape + line break is a line
 * continuation, and a comment line right after one is dropped, as the Dockerfile parser does. In a heredoc, line
 * breaks separate commands.
 */
/** The length of a line continuation at i (escape + optional spaces + line break), 0 otherwise. */
function continuationLength(text: string, i: number, end: number, escape: string): number {
  if (text[i] !== escape) return 0;
  let j = i + 1;
  while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
  if (text[j] === '\r' && text[j + 1] === '\n') return j + 2 - i;
  if (text[j] === '\n') return j + 1 - i;
  return 0;
}

/** Past the comment lines at i: inside a continued instruction the Dockerfile parser removes them. */
function afterCommentLines(text: string, i: number, end: number): number {
  let j = i;
  for (;;) {
    let k = j;
    while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
    if (text[k] !== '#') return j;
    while (k < end && text[k] !== '\n') k++;
    j = k + 1;
  }
}

/**
 * The arguments of an instruction as one line, as the Dockerfile parser reads them: each continuation (the file's
 * escape character, `\` or `` ` ``, then a line break) and the comment lines after it removed. Quotes and every other
 * character stay as written. The removed comment lines are returned too, so a fix that rewrites the instruction can
 * keep them (above it).
 */
export function logicalLine(file: DockerfileFile, start: number, end: number): { text: string; comments: string[] } {
  const escape = file.ast.getEscapeCharacter();
  const comments: string[] = [];
  let text = '';
  let i = start;
  while (i < end) {
    const continuation = continuationLength(file.text, i, end, escape);
    if (continuation) {
      text += ' ';
      const from = i + continuation;
      i = afterCommentLines(file.text, from, end);
      for (const line of file.text.slice(from, i).split(/\r?\n/)) if (line.trim() !== '') comments.push(line.trim());
      continue;
    }
    text += file.text[i];
    i++;
  }
  return { text, comments };
}

function tokenize(text: string, start: number, end: number, escape: string, heredoc: boolean): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let before: ShellOperator | undefined;
  let word: { value: string; start: number; end: number } | undefined;
  // `case WORD in PATTERN) LIST ;; ... esac`: the `|` and `)` of a pattern are not operators. One entry per open
  // `case`: 'pattern' where a pattern (or `esac`) is expected, 'body' in the commands after a pattern.
  const cases: ('pattern' | 'body')[] = [];
  const finishWord = (_at: number) => {
    if (!word) return;
    const finished = { value: word.value, start: word.start, end: word.end };
    word = undefined;
    if (finished.value === 'esac' && words.length === 0 && cases.at(-1) === 'body') cases.pop();
    const opensCase = finished.value === 'in' && words.length >= 2 && words[words.length - 2].value === 'case' && words.slice(0, -2).every((w) => KEYWORDS.has(w.value));
    words.push(finished);
    if (opensCase) {
      finishCommand(';');
      cases.push('pattern');
    }
  };
  const finishCommand = (operator: ShellOperator | undefined) => {
    if (words.length) {
      commands.push(makeCommand(words, before, operator));
      before = operator;
    } else if (operator && operator !== '\n') {
      before = operator;
    }
    words = [];
  };
  const continuationAt = (i: number): number => continuationLength(text, i, end, escape);
  const skipCommentLines = (i: number): number => (heredoc ? i : afterCommentLines(text, i, end));
  const append = (chars: string, from: number, to: number) => {
    if (!word) word = { value: '', start: from, end: to };
    word.value += chars;
    word.end = to;
  };
  let i = start;
  while (i < end) {
    const ch = text[i];
    const continuation = continuationAt(i);
    if (continuation) {
      i = skipCommentLines(i + continuation);
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      finishWord(i);
      i++;
      continue;
    }
    if (ch === '\n') {
      finishWord(i);
      if (heredoc) finishCommand('\n');
      i++;
      continue;
    }
    if (ch === '#' && !word) {
      while (i < end && text[i] !== '\n') i++;
      continue;
    }
    if (cases.at(-1) === 'pattern' && !word && words.length === 0) {
      // `esac` is read as a word below; finishing it closes the case.
      if (/^esac(?![^\s;&|()<>])/.test(text.slice(i, i + 5))) {
        cases[cases.length - 1] = 'body';
      } else {
        // The pattern is no command: the case's first command follows the `in` or `;;` before it.
        i = casePatternEnd(text, i, end, escape);
        cases[cases.length - 1] = 'body';
        continue;
      }
    }
    if (ch === ';' && cases.at(-1) === 'body' && (text[i + 1] === ';' || text[i + 1] === '&')) {
      finishWord(i);
      finishCommand(';');
      i += text.startsWith(';;&', i) ? 3 : 2;
      cases[cases.length - 1] = 'pattern';
      continue;
    }
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      const stop = close < 0 || close >= end ? end : close;
      append(stripContinuations(text.slice(i + 1, stop), escape), i, Math.min(stop + 1, end));
      i = stop + 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let value = '';
      while (j < end && text[j] !== '"') {
        const c = continuationAt(j);
        if (c) { j += c; continue; }
        if (text[j] === '\\' && j + 1 < end) { value += text[j + 1]; j += 2; continue; }
        value += text[j];
        j++;
      }
      append(value, i, Math.min(j + 1, end));
      i = Math.min(j + 1, end);
      continue;
    }
    if (ch === '$' && text[i + 1] === '(') {
      const close = matchingParen(text, i + 1, end);
      append(text.slice(i, close + 1), i, close + 1);
      i = close + 1;
      continue;
    }
    if (ch === '`') {
      const close = text.indexOf('`', i + 1);
      const stop = close < 0 || close >= end ? end - 1 : close;
      append(text.slice(i, stop + 1), i, stop + 1);
      i = stop + 1;
      continue;
    }
    if (ch === '\\' && escape === '\\' && i + 1 < end) {
      append(text[i + 1], i, i + 2);
      i += 2;
      continue;
    }
    if ((ch === '>' || ch === '<') && (text[i + 1] === '&' || text[i + 1] === ch)) {
      append(text.slice(i, i + 2), i, i + 2);
      i += 2;
      continue;
    }
    if (ch === '&' && text[i + 1] === '>') {
      append('&>', i, i + 2);
      i += 2;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      finishWord(i);
      finishCommand(two);
      i += 2;
      continue;
    }
    if (ch === ';' || ch === '|' || ch === '&' || ch === '(' || ch === ')') {
      finishWord(i);
      finishCommand(ch as ShellOperator);
      i++;
      continue;
    }
    append(ch, i, i + 1);
    i++;
  }
  finishWord(end);
  finishCommand(undefined);
  // `after` of the last command stays undefined; fix up the links recorded as `before` of the next.
  for (let k = 0; k < commands.length; k++) commands[k].after = commands[k + 1]?.before;
  return commands;
}

/** Past the `)` closing a case pattern that starts at i (`(a|"b c")`, `x86_64|amd64)`, `*)`). */
function casePatternEnd(text: string, i: number, end: number, escape: string): number {
  let j = i;
  if (text[j] === '(') j++;
  while (j < end) {
    const continuation = continuationLength(text, j, end, escape);
    if (continuation) { j += continuation; continue; }
    const ch = text[j];
    if (ch === ')') return j + 1;
    if (ch === "'") {
      const close = text.indexOf("'", j + 1);
      j = close < 0 || close >= end ? end : close + 1;
      continue;
    }
    if (ch === '"') {
      j++;
      while (j < end && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      j++;
      continue;
    }
    if (ch === '\\') { j += 2; continue; }
    j++;
  }
  return end;
}

function stripContinuations(value: string, escape: string): string {
  const pattern = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*\\r?\\n`, 'g');
  return value.replace(pattern, '');
}

function matchingParen(text: string, open: number, end: number): number {
  let depth = 0;
  for (let i = open; i < end; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return end - 1;
}

/**
 * How a shell word of a RUN is quoted, read from its text as written (the shell reader's words carry the value with
 * quotes removed, and the offsets of the text): its single-quoted, double-quoted and bare parts, and the parameter
 * expansions (`$NAME`, `${NAME...}`) in it with whether they are quoted. For the ShellCheck-level checks.
 */
import type { DockerfileFile } from './model';
import type { ShellWord } from './shell';

export interface WordPart {
  /** The quote around the part; undefined for a bare part. */
  quote: "'" | '"' | undefined;
  /** Offsets in the Dockerfile, quotes included. */
  start: number;
  end: number;
  /** The text between the quotes. */
  content: string;
}

export interface Expansion {
  /** The variable's name (`HOME` of `${HOME:-/root}`). */
  name: string;
  /** Offsets of `$NAME` or `${...}`. */
  start: number;
  end: number;
  /** Inside double quotes (no word splitting). */
  quoted: boolean;
}

/** The parts of a word: `a'b'"c"` → bare `a`, single `b`, double `c`. A part never spans a closing quote. */
export function wordParts(file: DockerfileFile, word: ShellWord): WordPart[] {
  const text = file.text;
  const parts: WordPart[] = [];
  let bareStart = word.start;
  const flushBare = (end: number) => {
    if (end > bareStart) parts.push({ quote: undefined, start: bareStart, end, content: text.slice(bareStart, end) });
  };
  for (let index = word.start; index < word.end; index++) {
    const char = text[index];
    if (char === '\\') {
      index++;
      continue;
    }
    if (char !== "'" && char !== '"') continue;
    flushBare(index);
    let close = index + 1;
    while (close < word.end && text[close] !== char) close += char === '"' && text[close] === '\\' ? 2 : 1;
    const end = Math.min(close + 1, word.end);
    parts.push({ quote: char, start: index, end, content: text.slice(index + 1, Math.min(close, word.end)) });
    index = end - 1;
    bareStart = end;
  }
  flushBare(word.end);
  return parts;
}

const EXPANSION = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** The `$NAME` and `${NAME...}` expansions of a word outside single quotes (command substitutions are not read). */
export function expansions(file: DockerfileFile, word: ShellWord): Expansion[] {
  const found: Expansion[] = [];
  for (const part of wordParts(file, word)) {
    if (part.quote === "'") continue;
    const offset = part.quote ? part.start + 1 : part.start;
    for (const match of part.content.matchAll(EXPANSION)) {
      // `\$HOME` is a literal dollar.
      if (match.index > 0 && part.content[match.index - 1] === '\\') continue;
      found.push({ name: match[1] ?? match[2], start: offset + match.index, end: offset + match.index + match[0].length, quoted: part.quote === '"' });
    }
  }
  return found;
}

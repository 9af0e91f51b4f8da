/**
 * Where the cursor is in a compose file, read from the lines above it rather than from a parse: while a key is half
 * typed the document often does not parse, and completion is asked exactly then. Block-style YAML (what compose files
 * are written in) is read by indentation; a flow list (`[a, b]`) on the cursor's line is read for its last item.
 */

export interface CursorContext {
  /**
   * `key`: a key of the mapping at `path` is being typed; `value`: the value of the key ending `path`; `item`: an item
   * of the sequence at `path` (after `- `), which may be a scalar or the first key of a mapping item.
   */
  kind: 'key' | 'value' | 'item';
  /** Keys from the root; `[]` for an item of a sequence. */
  path: string[];
  /** What is typed so far of the word being completed. */
  prefix: string;
  /** The offsets the completion replaces (the typed word). */
  start: number;
  end: number;
  /** The column of the key being typed (for `key`), to indent a block inserted below it. */
  column: number;
  /** Keys already present in the mapping being typed into (for `key`). */
  siblings: string[];
  /** The item is in a flow list (`[a, b]`) written after its key on the cursor's line. */
  flow?: boolean;
}

const KEY_LINE = /^(\s*)(-\s+)?((?:"[^"]*"|'[^']*'|[^\s#'"&*!][^#]*?)):(?:\s+(.*))?$/;

export interface Line {
  indent: number;
  /** Column of the content after `- ` (the indent when the line is not an item). */
  content: number;
  dash: boolean;
  key: string | undefined;
  /** The value after `key:`, trimmed, without a trailing comment; '' for none. */
  value: string;
}

/** A line of block YAML: indentation, `- `, its key and value; undefined for blank lines, comments and markers. */
export function readLine(text: string): Line | undefined {
  const trimmed = text.trimStart();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed === '---' || trimmed === '...') return undefined;
  const indent = text.length - trimmed.length;
  const dash = /^-(\s+|$)/.exec(trimmed);
  const content = dash ? indent + dash[0].length : indent;
  const match = KEY_LINE.exec(text);
  const key = match ? unquote(match[3].trim()) : undefined;
  const value = match ? stripComment(match[4] ?? '').trim() : '';
  return { indent, content, dash: Boolean(dash), key, value };
}

function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}

function stripComment(value: string): string {
  const hash = value.search(/(^|\s)#/);
  return hash >= 0 ? value.slice(0, hash) : value;
}

/** A value that opens a block below its key: nothing, an anchor, a tag, or a block scalar indicator. */
function opensBlock(value: string): boolean {
  return value === '' || /^(&\S+|!\S+)(\s+(&\S+|!\S+))*$/.test(value) || /^[|>][-+0-9]*$/.test(value);
}

/**
 * The keys above a position at `column` (the column of the key or `- ` being typed), nearest last, and the keys of
 * the same mapping seen on the way up. Undefined when the position is inside a block scalar or a multi-line value.
 */
function parentsOf(text: string, lineStart: number, column: number, atDash: boolean): { path: string[]; siblings: string[] } | undefined {
  const path: string[] = [];
  const siblings: string[] = [];
  let col = column;
  let dash = atDash;
  let sameLevel = true;
  // The lines above, nearest first, read in place (no split of a big file on each keystroke).
  for (let end = lineStart - 1; end >= 0 && (col > 0 || sameLevel); ) {
    const start = end > 0 ? text.lastIndexOf('\n', end - 1) + 1 : 0;
    const raw = text.slice(start, text[end - 1] === '\r' ? end - 1 : end);
    end = start - 1;
    const indent = raw.length - raw.trimStart().length;
    // Deeper lines (and items below a sibling) say nothing about the parents: skipped without reading them.
    if (indent > col || (indent === col && !sameLevel && !(dash && raw[indent] !== '-'))) continue;
    const line = readLine(raw);
    if (!line) continue;
    if (line.dash) {
      if (line.content === col && !dash) {
        // A key of the same mapping item (`- name: a` above `  image: b`).
        if (sameLevel && line.key) siblings.push(line.key);
        path.unshift('[]');
        col = line.indent;
        dash = true;
        sameLevel = false;
      } else if (line.content < col && line.indent < col) {
        if (!line.key || !opensBlock(line.value)) return undefined;
        path.unshift(line.key, '[]');
        col = line.indent;
        dash = true;
        sameLevel = false;
      }
      continue;
    }
    if (line.indent === col && dash && line.key && opensBlock(line.value)) {
      // A sequence written at its key's own column (`key:\n- a`).
      path.unshift(line.key);
      dash = false;
      sameLevel = false;
      continue;
    }
    if (line.indent === col) {
      if (sameLevel && line.key) siblings.push(line.key);
      continue;
    }
    if (line.indent < col) {
      if (!line.key || !opensBlock(line.value) || /^[|>]/.test(line.value)) return undefined;
      path.unshift(line.key);
      col = line.indent;
      dash = false;
      sameLevel = false;
    }
  }
  if (col > 0) {
    // Indented without a parent: nothing to say.
    return path.length === 0 ? undefined : { path, siblings };
  }
  return { path, siblings };
}

/** The siblings below the cursor's line (keys of the same mapping written after it). */
function siblingsBelow(text: string, lineStart: number, column: number): string[] {
  const keys: string[] = [];
  const first = text.indexOf('\n', lineStart);
  for (let start = first < 0 ? text.length : first + 1; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = readLine(text.slice(start, text[end - 1] === '\r' ? end - 1 : end));
    start = end + 1;
    if (!line) continue;
    if (line.indent < column) break;
    if (line.indent === column && !line.dash && line.key) keys.push(line.key);
  }
  return keys;
}

/** The cursor context at an offset of a compose file's text; undefined where nothing can be completed. */
export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset).replace(/\r$/, '');
  if (before.includes('#')) {
    // A comment, unless the # is inside a quoted value: not worth the guess.
    return undefined;
  }
  // The rest of the line's word, so a completion in the middle of a word replaces all of it.
  const after = /^[\w.-]*/.exec(text.slice(offset))?.[0] ?? '';

  // `key: value` (the value being typed), or `- key: value` in a list of mappings.
  const valueMatch = /^(\s*)(-\s+)?((?:"[^"]*"|'[^']*'|[^\s#'"&*!\-][^#]*?|-[^\s#][^#]*?)):\s+(.*)$/.exec(before);
  if (valueMatch) {
    const [, indent, dash, rawKey, typed] = valueMatch;
    const keyColumn = indent.length + (dash?.length ?? 0);
    // `- key: value`: the key is in a mapping item of the sequence above the dash.
    const parents = dash ? parentsOf(text, lineStart, indent.length, true) : parentsOf(text, lineStart, keyColumn, false);
    if (!parents) return undefined;
    const path = dash ? [...parents.path, '[]', unquote(rawKey.trim())] : [...parents.path, unquote(rawKey.trim())];
    const flow = /^[[{]/.test(typed);
    const { prefix, start } = lastFlowItem(typed, offset);
    return { kind: flow ? 'item' : 'value', path, prefix, start, end: offset + after.length, column: keyColumn, siblings: [], flow };
  }

  // `- item` or `- ` in a sequence.
  const itemMatch = /^(\s*)-\s+([^\s:#'"]*)$/.exec(before) ?? /^(\s*)-()$/.exec(before);
  if (itemMatch) {
    const [, indent, typed] = itemMatch;
    const parents = parentsOf(text, lineStart, indent.length, true);
    if (!parents) return undefined;
    return { kind: 'item', path: parents.path, prefix: typed, start: offset - typed.length, end: offset + after.length, column: before.length - typed.length, siblings: [] };
  }

  // A key being typed (or an empty line where one can go).
  const keyMatch = /^(\s*)([\w.$-]*)$/.exec(before);
  if (keyMatch) {
    const [, indent, typed] = keyMatch;
    const parents = parentsOf(text, lineStart, indent.length, false);
    if (!parents) return undefined;
    const siblings = [...parents.siblings, ...siblingsBelow(text, lineStart, indent.length)];
    return { kind: 'key', path: parents.path, prefix: typed, start: offset - typed.length, end: offset + after.length, column: indent.length, siblings };
  }

  // `key: [a, b` (a flow list as the value of a key typed on this line is matched above); a flow list elsewhere:
  // nothing.
  return undefined;
}

/** The item being typed of a value: after the last `[` or `,` of a flow list, else the whole value. */
function lastFlowItem(typed: string, offset: number): { prefix: string; start: number } {
  if (typed.startsWith('[') || typed.startsWith('{')) {
    const cut = Math.max(typed.lastIndexOf('['), typed.lastIndexOf(','), typed.lastIndexOf('{'));
    const rest = typed.slice(cut + 1).trimStart();
    return { prefix: rest.replace(/^["']/, ''), start: offset - rest.replace(/^["']/, '').length };
  }
  const unquoted = typed.replace(/^["']/, '');
  return { prefix: unquoted, start: offset - unquoted.length };
}

export interface HoverTarget {
  /** Keys from the root to the key on the cursor's line; `[]` for an item of a sequence. */
  path: string[];
  on: 'key' | 'value';
  /** The offsets of the key or the value under the cursor. */
  start: number;
  end: number;
  /** The value as written (quotes removed), for `value`. */
  value?: string;
}

/**
 * The key or value under the cursor, read from the lines as completion reads them (no parse: a hover after each edit
 * of a big file would otherwise parse it each time). A `key: value` line only; items of lists are not described.
 */
export function hoverTarget(text: string, offset: number): HoverTarget | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const line = text.slice(lineStart, newline < 0 ? text.length : newline).replace(/\r$/, '');
  const match = /^(\s*(?:-\s+)?)("[^"]*"|'[^']*'|[^\s#'"&*!\-][^#]*?|-[^\s#][^#]*?):(?=\s|$)(\s*)(.*)$/.exec(line);
  if (!match) return undefined;
  const [, lead, rawKey, space, rest] = match;
  const keyStart = lineStart + lead.length;
  const keyEnd = keyStart + rawKey.length;
  // The path of the key: the completion context just after the key (`key` or, after `- `, an item's first key).
  const context = cursorContext(text, keyEnd);
  if (!context) return undefined;
  const key = unquote(rawKey.trim());
  const path = context.kind === 'item' ? [...context.path, '[]', key] : [...context.path, key];
  if (context.kind !== 'key' && context.kind !== 'item') return undefined;
  if (offset < keyStart) return undefined;
  if (offset <= keyEnd) return { path, on: 'key', start: keyStart, end: keyEnd };
  const written = stripComment(rest).trimEnd();
  const valueStart = keyEnd + 1 + space.length;
  if (!written || offset < valueStart || offset > valueStart + written.length) return undefined;
  return { path, on: 'value', start: valueStart, end: valueStart + written.length, value: written.replace(/^(["'])(.*)\1$/, '$2') };
}

/**
 * The names a top-level section (`services`, `networks`...) of a file defines, read from its lines: completion of a
 * name asks on each keystroke, and the file does not need a parse for this.
 */
export function sectionNames(text: string, section: string): string[] {
  const lines = text.split('\n');
  const names: string[] = [];
  let inside = false;
  let column = -1;
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = line.length - trimmed.length;
    if (indent === 0) {
      inside = new RegExp(`^${section}:\\s*(#.*)?$`).test(line) || new RegExp(`^${section}:\\s*&\\S+\\s*$`).test(line);
      column = -1;
      continue;
    }
    if (!inside) continue;
    if (column < 0) column = indent;
    if (indent !== column) continue;
    const key = /^("[^"]*"|'[^']*'|[^\s:#'"][^:#]*?):(\s|$)/.exec(trimmed)?.[1];
    if (key && key !== '<<') names.push(unquote(key));
  }
  return names;
}

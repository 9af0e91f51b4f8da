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

interface Line {
  indent: number;
  /** Column of the content after `- ` (the indent when the line is not an item). */
  content: number;
  dash: boolean;
  key: string | undefined;
  /** The value after `key:`, trimmed, without a trailing comment; '' for none. */
  value: string;
}

function readLine(text: string): Line | undefined {
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
function parentsOf(lines: string[], lineNumber: number, column: number, atDash: boolean): { path: string[]; siblings: string[] } | undefined {
  const path: string[] = [];
  const siblings: string[] = [];
  let col = column;
  let dash = atDash;
  let sameLevel = true;
  for (let index = lineNumber - 1; index >= 0 && (col > 0 || sameLevel); index--) {
    const line = readLine(lines[index]);
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
function siblingsBelow(lines: string[], lineNumber: number, column: number): string[] {
  const keys: string[] = [];
  for (let index = lineNumber + 1; index < lines.length; index++) {
    const line = readLine(lines[index]);
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
  const lines = text.slice(0, lineStart).split('\n').map((line) => line.replace(/\r$/, ''));
  const lineNumber = lines.length - 1;
  // The rest of the line's word, so a completion in the middle of a word replaces all of it.
  const after = /^[\w.-]*/.exec(text.slice(offset))?.[0] ?? '';

  // `key: value` (the value being typed), or `- key: value` in a list of mappings.
  const valueMatch = /^(\s*)(-\s+)?((?:"[^"]*"|'[^']*'|[^\s#'"&*!\-][^#]*?|-[^\s#][^#]*?)):\s+(.*)$/.exec(before);
  if (valueMatch) {
    const [, indent, dash, rawKey, typed] = valueMatch;
    const keyColumn = indent.length + (dash?.length ?? 0);
    // `- key: value`: the key is in a mapping item of the sequence above the dash.
    const parents = dash ? parentsOf(lines, lineNumber, indent.length, true) : parentsOf(lines, lineNumber, keyColumn, false);
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
    const parents = parentsOf(lines, lineNumber, indent.length, true);
    if (!parents) return undefined;
    return { kind: 'item', path: parents.path, prefix: typed, start: offset - typed.length, end: offset + after.length, column: before.length - typed.length, siblings: [] };
  }

  // A key being typed (or an empty line where one can go).
  const keyMatch = /^(\s*)([\w.$-]*)$/.exec(before);
  if (keyMatch) {
    const [, indent, typed] = keyMatch;
    const parents = parentsOf(lines, lineNumber, indent.length, false);
    if (!parents) return undefined;
    const siblings = [...parents.siblings, ...siblingsBelow(text.split('\n'), lineNumber, indent.length)];
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

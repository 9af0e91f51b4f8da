/**
 * The outline of a compose file: its top-level keys, the services, networks, volumes, secrets and configs under
 * them, and the keys of each (two levels: `deploy` shows `resources`, not the limits inside). Read from the lines by
 * indentation, as completion reads them: the editor asks for the outline after every edit (breadcrumbs), and a parse
 * of a 10,000-line file on each would hold up the server's other answers; a half-typed line does not empty it.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { LineIndex } from '../../../engine/src/core/text';
import { readLine } from './context';
import { KIND_OF_SECTION } from './references';

const KIND: Record<string, SymbolKind> = {
  service: SymbolKind.Class,
  network: SymbolKind.Interface,
  volume: SymbolKind.Struct,
  secret: SymbolKind.Key,
  config: SymbolKind.File,
};

/** Levels shown: top-level keys (0), named entries or their keys (1), and two levels below a named entry (2, 3). */
const MAX_LEVEL = 3;

interface Open {
  indent: number;
  level: number;
  symbol: DocumentSymbol;
  /** Offset of the end of the last line that belongs to it. */
  end: number;
  /** The section a named entry is in (level 0 of services, networks...). */
  section?: string;
  /** The deepest level shown below it: below a section two levels under each entry, below another key one. */
  maxLevel: number;
  hasChildren: boolean;
}

export function composeSymbols(text: string): DocumentSymbol[] {
  const lines = new LineIndex(text);
  const roots: DocumentSymbol[] = [];
  const stack: Open[] = [];
  // A block scalar (`key: |`) runs while lines are indented more than its key: its text is no key.
  let blockScalarIndent = -1;
  let itemIndent = -1;
  let openQuote: string | undefined;
  const close = (open: Open) => {
    open.symbol.range.end = lines.positionAt(open.end);
    if (!open.hasChildren) delete open.symbol.children;
  };
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const raw = text.slice(start, text[end - 1] === '\r' ? end - 1 : end);
    const lineStart = start;
    start = end + 1;
    const line = readLine(raw);
    if (!line) continue;
    if ((blockScalarIndent >= 0 && line.indent > blockScalarIndent) || openQuote) {
      // Inside a block scalar, or a quoted value that runs over several lines until its closing quote.
      if (openQuote && closesQuote(raw.trimEnd(), openQuote)) openQuote = undefined;
      for (const open of stack) open.end = lineStart + raw.length;
      continue;
    }
    blockScalarIndent = -1;
    while (stack.length > 0 && stack[stack.length - 1].indent >= (line.dash ? line.indent + 1 : line.indent)) close(stack.pop()!);
    for (const open of stack) open.end = lineStart + raw.length;
    const parent = stack[stack.length - 1];
    if (parent && !parent.hasChildren && parent.symbol.kind === SymbolKind.Property && parent.level > 0) {
      // A key with no value on its line holds what follows: a list or a mapping.
      const first = raw.trimStart()[0];
      parent.symbol.kind = line.dash || first === '[' ? SymbolKind.Array : line.key || first === '{' ? SymbolKind.Object : SymbolKind.Property;
    }
    if (/^[|>][-+0-9]*$/.test(line.value) || (line.dash && !line.key && /^-\s+[|>][-+0-9]*\s*(#.*)?$/.test(raw.trimStart()))) blockScalarIndent = line.indent;
    // A quoted value left open on its line: the value of a key, or a list item that is no `key: value`.
    const quoted = line.dash ? raw.trimStart().replace(/^-\s+/, '') : line.value;
    const quote = quoted[0];
    if ((quote === '"' || quote === "'") && !closesQuote(stripTrailingComment(quoted), quote, 1)) openQuote = quote;
    // The keys of a list's items (`- type: bind` and the lines below it) are no symbols of their own.
    if (itemIndent >= 0 && (line.indent < itemIndent || (line.indent === itemIndent && !line.dash))) itemIndent = -1;
    if (line.dash) itemIndent = line.indent;
    if (itemIndent >= 0 || !line.key || line.key === '<<') continue;
    const level = parent ? parent.level + 1 : 0;
    if (level > (parent ? parent.maxLevel : MAX_LEVEL)) continue;
    const keyStart = lineStart + line.indent;
    const keyEnd = keyStart + raw.slice(line.indent).search(/:(\s|$)/);
    const section = level === 0 ? KIND_OF_SECTION[line.key] : undefined;
    const entryOf = level === 1 ? parent?.section : undefined;
    const symbol: DocumentSymbol = {
      name: line.key,
      detail: entryOf ?? (line.value && !/^[&!|>]/.test(line.value) ? line.value : undefined),
      kind: section ? SymbolKind.Namespace : entryOf ? KIND[entryOf] : line.value.startsWith('[') ? SymbolKind.Array : line.value.startsWith('{') ? SymbolKind.Object : SymbolKind.Property,
      range: { start: lines.positionAt(keyStart), end: lines.positionAt(lineStart + raw.length) },
      selectionRange: { start: lines.positionAt(keyStart), end: lines.positionAt(keyEnd) },
      children: [],
    };
    if (!symbol.detail) delete symbol.detail;
    if (parent) {
      parent.symbol.children!.push(symbol);
      parent.hasChildren = true;
    } else roots.push(symbol);
    const maxLevel = parent ? parent.maxLevel : section ? MAX_LEVEL : 1;
    // Kept open at the deepest level shown too: its block's lines extend its range, not a sibling's.
    stack.push({ indent: line.indent, level, symbol, end: lineStart + raw.length, section, maxLevel, hasChildren: false });
  }
  while (stack.length > 0) close(stack.pop()!);
  return roots;
}

/** Whether a quoted scalar's closing quote ends `text` (searched from `from`): `\"` and `''` do not close it. */
function closesQuote(text: string, quote: string, from = 0): boolean {
  if (text.length <= from || !text.endsWith(quote)) return false;
  if (quote === "'") return (/'+$/.exec(text.slice(from))?.[0].length ?? 0) % 2 === 1;
  let backslashes = 0;
  for (let index = text.length - 2; index >= from && text[index] === '\\'; index--) backslashes++;
  return backslashes % 2 === 0;
}

/** A quoted value without a comment after its closing quote (`"a" # why` → `"a"`). */
function stripTrailingComment(value: string): string {
  return value.replace(/(["'])\s+#.*$/, '$1').trimEnd();
}

/**
 * The outline of a compose file: its top-level keys, the services, networks, volumes, secrets and configs under
 * them, and the keys of each (two levels: `deploy` shows `resources`, not the limits inside).
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import { mapEntries, type ComposeFile } from '../../../engine/src/compose/model';
import { KIND_OF_SECTION } from './references';

const KIND: Record<string, SymbolKind> = {
  service: SymbolKind.Class,
  network: SymbolKind.Interface,
  volume: SymbolKind.Struct,
  secret: SymbolKind.Key,
  config: SymbolKind.File,
};

/** Keys below a named entry shown in the outline: deeper levels are the editor's folding, not the outline's. */
const CHILD_DEPTH = 2;

export function composeSymbols(file: ComposeFile): DocumentSymbol[] {
  if (!file.root) return [];
  const range = (start: number, end: number): Range => ({ start: file.lines.positionAt(start), end: file.lines.positionAt(end) });
  const pairRange = (pair: Pair): Range | undefined => {
    const key = pair.key as Node;
    const value = pair.value as Node | null;
    if (!key.range) return undefined;
    return range(key.range[0], value?.range?.[1] ?? key.range[1]);
  };
  const keySymbols = (map: YAMLMap, depth: number): DocumentSymbol[] => {
    if (depth === 0) return [];
    return mapEntries(file.doc, map).flatMap(({ key, value, pair }) => {
      const whole = pairRange(pair);
      if (!whole || !key.range) return [];
      const children = isMap(value) ? keySymbols(value, depth - 1) : [];
      return [{
        name: String(key.value),
        detail: isScalar(value) ? String(value.value ?? '') : isSeq(value) ? `${value.items.length} items` : undefined,
        kind: isMap(value) ? SymbolKind.Object : isSeq(value) ? SymbolKind.Array : SymbolKind.Property,
        range: whole,
        selectionRange: range(key.range[0], key.range[1]),
        children,
      }];
    });
  };
  return mapEntries(file.doc, file.root).flatMap(({ key, value, pair }) => {
    const whole = pairRange(pair);
    if (!whole || !key.range) return [];
    const kind = KIND_OF_SECTION[String(key.value)];
    let children: DocumentSymbol[] = [];
    if (kind && isMap(value)) {
      children = mapEntries(file.doc, value).flatMap((entry) => {
        const entryRange = pairRange(entry.pair);
        if (!entryRange || !entry.key.range) return [];
        return [{
          name: String(entry.key.value),
          detail: kind,
          kind: KIND[kind],
          range: entryRange,
          selectionRange: range(entry.key.range[0], entry.key.range[1]),
          children: isMap(entry.value) ? keySymbols(entry.value, CHILD_DEPTH) : [],
        }];
      });
    } else if (isMap(value)) children = keySymbols(value, 1);
    return [{
      name: String(key.value),
      kind: kind ? SymbolKind.Namespace : SymbolKind.Property,
      range: whole,
      selectionRange: range(key.range[0], key.range[1]),
      children,
    }];
  });
}

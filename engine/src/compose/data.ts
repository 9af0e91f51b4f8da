/**
 * The plain data of a compose document, for the schema validator: what `doc.toJS()` returns, built by a direct walk.
 * yaml's toJS goes through a context, an anchor table and a generic conversion for every node; this is several times
 * faster on a large file. Anything it does not handle exactly like toJS (aliases, merge keys, collection keys,
 * `__proto__`-like keys, scalars holding objects) makes it answer `undefined`, and the caller uses toJS.
 */
import { isMap, isScalar, isSeq, type Document } from 'yaml';

const NOT_PLAIN: unique symbol = Symbol('not plain');
/** Compose's own tags: their values are the collections as written (see composeTags in model.ts). */
const PLAIN_TAGS = new Set(['!reset', '!override']);

export function plainData(doc: Document): unknown {
  try {
    const data = convert(doc.contents);
    return data === NOT_PLAIN ? undefined : data;
  } catch {
    return undefined; // A document nested deeper than the stack: toJS decides.
  }
}

function convert(node: unknown): unknown {
  if (node === null || node === undefined) return node ?? null;
  if (isScalar(node)) {
    const value = node.value;
    if (typeof value === 'bigint') return Number(value);
    if (typeof value === 'object' && value !== null) return NOT_PLAIN;
    if (typeof value === 'symbol') return NOT_PLAIN;
    return value;
  }
  // A collection with a tag of its own (`!!set`, `!!omap`, `%YAML 1.1` types) may be built differently by toJS.
  if ((isMap(node) || isSeq(node)) && node.tag && !PLAIN_TAGS.has(node.tag)) return NOT_PLAIN;
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = pair.key;
      let name: string;
      if (key === null || key === undefined) name = '';
      else if (isScalar(key)) {
        const value = key.value;
        if (value === '<<' || typeof value === 'symbol' || (typeof value === 'object' && value !== null)) return NOT_PLAIN;
        name = value === null || value === undefined ? '' : String(typeof value === 'bigint' ? Number(value) : value);
      } else return NOT_PLAIN;
      const value = convert(pair.value);
      if (value === NOT_PLAIN) return NOT_PLAIN;
      // As toJS: a key already there (a duplicate, or one Object.prototype has) is defined, never assigned.
      if (name in out) Object.defineProperty(out, name, { value, writable: true, enumerable: true, configurable: true });
      else out[name] = value;
    }
    return out;
  }
  if (isSeq(node)) {
    const out: unknown[] = [];
    for (const item of node.items) {
      const value = convert(item);
      if (value === NOT_PLAIN) return NOT_PLAIN;
      out.push(value);
    }
    return out;
  }
  return NOT_PLAIN; // An alias, or a node of a kind this does not know.
}

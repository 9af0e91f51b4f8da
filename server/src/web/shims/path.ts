/**
 * `node:path` for the browser build: POSIX paths only, the working directory is `/` (the web build's paths come
 * from URIs, always absolute). Only what the engine and the server use.
 */
export const sep = '/';
export const delimiter = ':';

function normalizeParts(input: string, absolute: boolean): string {
  const out: string[] = [];
  for (const part of input.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(part);
  }
  return out.join('/');
}

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

export function normalize(p: string): string {
  if (p === '') return '.';
  const absolute = isAbsolute(p);
  const trailing = p.endsWith('/');
  let result = normalizeParts(p, absolute);
  if (result === '' && !absolute) result = '.';
  if (result !== '' && trailing) result += '/';
  return absolute ? `/${result}` : result;
}

export function join(...parts: string[]): string {
  const joined = parts.filter((part) => part !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

export function resolve(...parts: string[]): string {
  let resolved = '';
  for (let index = parts.length - 1; index >= 0 && !isAbsolute(resolved); index--) {
    const part = parts[index];
    if (part) resolved = resolved ? `${part}/${resolved}` : part;
  }
  if (!isAbsolute(resolved)) resolved = `/${resolved}`;
  return `/${normalizeParts(resolved, true)}`;
}

export function relative(from: string, to: string): string {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

export function dirname(p: string): string {
  if (p === '') return '.';
  const trimmed = p.length > 1 ? p.replace(/\/+$/, '') || '/' : p;
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  if (slash === 0) return '/';
  return trimmed.slice(0, slash);
}

export function basename(p: string, ext?: string): string {
  const trimmed = p.replace(/\/+$/, '');
  let base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  if (ext && base !== ext && base.endsWith(ext)) base = base.slice(0, -ext.length);
  return base;
}

export function extname(p: string): string {
  const base = basename(p);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot);
}

export function parse(p: string): { root: string; dir: string; base: string; ext: string; name: string } {
  const base = basename(p);
  const ext = extname(p);
  return { root: isAbsolute(p) ? '/' : '', dir: dirname(p), base, ext, name: ext ? base.slice(0, -ext.length) : base };
}

export function format(parts: { dir?: string; root?: string; base?: string; name?: string; ext?: string }): string {
  const dir = parts.dir ?? parts.root ?? '';
  const base = parts.base ?? `${parts.name ?? ''}${parts.ext ?? ''}`;
  return dir ? (dir.endsWith('/') ? dir + base : `${dir}/${base}`) : base;
}

export function toNamespacedPath(p: string): string {
  return p;
}

const posixPath = { sep, delimiter, isAbsolute, normalize, join, resolve, relative, dirname, basename, extname, parse, format, toNamespacedPath };
export const posix = posixPath;
export default { ...posixPath, posix: posixPath };

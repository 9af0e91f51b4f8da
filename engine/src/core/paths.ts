/**
 * POSIX paths for the engine and the server core, in the browser as in Node: `node:path`'s `posix` functions, except
 * that `resolve` never reads a working directory (what is relative resolves against `/`). The engine's paths are
 * absolute POSIX paths (`/a/b`) on every platform: the Node host (engine/src/node/) turns a native Windows path into
 * its URI path (`/c:/a/b`) at its boundary and back. test/unit/paths.test.ts compares each with `path.posix`.
 */
export const sep = '/';

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

/** The segments of `p` with `.` and `..` applied; `..` above the start is kept only when `aboveRoot`. */
function normalizeSegments(p: string, aboveRoot: boolean): string {
  const out: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (aboveRoot) out.push('..');
    } else out.push(segment);
  }
  return out.join('/');
}

export function normalize(p: string): string {
  if (p === '') return '.';
  const absolute = isAbsolute(p);
  const trailing = p.endsWith('/');
  const normal = normalizeSegments(p, !absolute);
  if (normal === '') return absolute ? '/' : trailing ? './' : '.';
  const withTrailing = trailing ? `${normal}/` : normal;
  return absolute ? `/${withTrailing}` : withTrailing;
}

export function join(...parts: string[]): string {
  const joined = parts.filter((part) => part !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

/** The absolute path of `parts` read from the right up to the first absolute one; `/` is the base, not a working directory. */
export function resolve(...parts: string[]): string {
  let resolved = '';
  for (let index = parts.length - 1; index >= 0 && !isAbsolute(resolved); index--) {
    const part = parts[index];
    if (part !== '') resolved = resolved === '' ? part : `${part}/${resolved}`;
  }
  return `/${normalizeSegments(resolved, false)}`;
}

export function relative(from: string, to: string): string {
  const fromSegments = resolve(from).split('/').filter(Boolean);
  const toSegments = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < fromSegments.length && common < toSegments.length && fromSegments[common] === toSegments[common]) common++;
  return [...fromSegments.slice(common).map(() => '..'), ...toSegments.slice(common)].join('/');
}

/** As `path.posix.dirname`: trailing slashes ignored, other repeated slashes kept (`/a//b` → `/a/`). */
export function dirname(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  let end = -1;
  let matchedSlash = true;
  for (let i = p.length - 1; i >= 1; --i) {
    if (p[i] === '/') {
      if (!matchedSlash) {
        end = i;
        break;
      }
    } else matchedSlash = false;
  }
  if (end === -1) return rooted ? '/' : '.';
  if (rooted && end === 1) return '//';
  return p.slice(0, end);
}

/** The last segment, trailing slashes ignored; `suffix` is cut off unless it is the whole name (Node's algorithm, quirks included). */
export function basename(p: string, suffix?: string): string {
  let start = 0;
  let end = -1;
  let matchedSlash = true;
  if (suffix !== undefined && suffix.length > 0 && suffix.length <= p.length) {
    if (suffix === p) return '';
    let suffixIndex = suffix.length - 1;
    let firstNonSlashEnd = -1;
    for (let i = p.length - 1; i >= 0; --i) {
      if (p[i] === '/') {
        if (!matchedSlash) {
          start = i + 1;
          break;
        }
      } else {
        if (firstNonSlashEnd === -1) {
          matchedSlash = false;
          firstNonSlashEnd = i + 1;
        }
        if (suffixIndex >= 0) {
          if (p[i] === suffix[suffixIndex]) {
            if (--suffixIndex === -1) end = i;
          } else {
            suffixIndex = -1;
            end = firstNonSlashEnd;
          }
        }
      }
    }
    if (start === end) end = firstNonSlashEnd;
    else if (end === -1) end = p.length;
    return p.slice(start, end);
  }
  for (let i = p.length - 1; i >= 0; --i) {
    if (p[i] === '/') {
      if (!matchedSlash) {
        start = i + 1;
        break;
      }
    } else if (end === -1) {
      matchedSlash = false;
      end = i + 1;
    }
  }
  return end === -1 ? '' : p.slice(start, end);
}

/** From the last `.` of the last segment; '' when there is none or the name only starts with it (`.env`). */
export function extname(p: string): string {
  const base = basename(p);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return '';
  // `..` is a name, not an extension.
  if (base === '..') return '';
  return base.slice(dot);
}

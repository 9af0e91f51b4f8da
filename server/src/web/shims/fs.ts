/**
 * `node:fs` for the browser build: there is no disk, only the open documents. web/engine.ts hands them over before
 * each job (setMemoryFiles); a path is a file when a document is open there and a folder when one is open below it.
 * Everything else is missing (ENOENT). Texts are read through the workspace's overlay of open buffers, not here.
 */
import * as path from '../../../../engine/src/core/paths';

let files = new Map<string, string>();
let folders = new Set<string>();

/** The open documents by absolute path: the whole file system the browser build sees. */
export function setMemoryFiles(texts: ReadonlyMap<string, string>): void {
  files = new Map([...texts].map(([p, text]) => [path.resolve(p), text]));
  folders = new Set();
  for (const file of files.keys()) {
    for (let folder = path.dirname(file); !folders.has(folder); folder = path.dirname(folder)) {
      folders.add(folder);
      if (folder === '/') break;
    }
  }
}

function missing(p: unknown): Error {
  const error = new Error(`ENOENT: no such file or directory (browser build), '${String(p)}'`) as Error & { code: string };
  error.code = 'ENOENT';
  return error;
}

const fail = (p: unknown): never => {
  throw missing(p);
};

export const constants = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, O_RDONLY: 0, O_NOFOLLOW: 0, O_NONBLOCK: 0 };

export class Stats {
  constructor(
    private readonly directory: boolean,
    readonly size: number,
  ) {}
  get mode(): number {
    return this.directory ? 0o40755 : 0o100644;
  }
  isFile(): boolean {
    return !this.directory;
  }
  isDirectory(): boolean {
    return this.directory;
  }
  isSymbolicLink(): boolean {
    return false;
  }
}

function resolved(p: unknown): string {
  return path.resolve(String(p));
}

export function existsSync(p: unknown): boolean {
  const absolute = resolved(p);
  return files.has(absolute) || folders.has(absolute);
}

export function statSync(p: unknown): Stats {
  const absolute = resolved(p);
  const text = files.get(absolute);
  if (text !== undefined) return new Stats(false, new TextEncoder().encode(text).length);
  if (folders.has(absolute)) return new Stats(true, 0);
  throw missing(p);
}
export const lstatSync = statSync;

/** No links in memory: a path that exists is its own real path. */
export const realpathSync = Object.assign(
  (p: unknown): string => {
    if (!existsSync(p)) throw missing(p);
    return resolved(p);
  },
  { native: (p: unknown): string => realpathSync(p) },
);

/** The open documents' folders are writable (a fix may create a file there, through the client). */
export function accessSync(p: unknown): void {
  if (!existsSync(p)) throw missing(p);
}

interface Entry {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
}

export function readdirSync(p: unknown, options?: { withFileTypes?: boolean }): (string | Entry)[] {
  const folder = resolved(p);
  if (!folders.has(folder)) throw missing(p);
  const entries = new Map<string, boolean>();
  for (const candidate of [...files.keys(), ...folders]) {
    if (candidate === folder || path.dirname(candidate) !== folder) continue;
    entries.set(path.basename(candidate), folders.has(candidate));
  }
  const names = [...entries.keys()].sort();
  if (!options?.withFileTypes) return names;
  return names.map((name) => ({ name, isFile: () => !entries.get(name), isDirectory: () => entries.get(name)! }));
}

export function readFileSync(p: unknown): string {
  const text = files.get(resolved(p));
  if (text === undefined) throw missing(p);
  return text;
}

export const chmodSync = fail;
export const closeSync = fail;
export const fstatSync = fail;
export const openSync = fail;
export const readSync = fail;
export const writeFileSync = fail;
export const mkdirSync = fail;
export const promises = {};
export default { constants, Stats, existsSync, accessSync, chmodSync, closeSync, fstatSync, lstatSync, openSync, readSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync, realpathSync, promises, setMemoryFiles };

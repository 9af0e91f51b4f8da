/**
 * The disk as a Workspace, for the CLI, the Node server (engineWorker.ts) and tests: the only place the engine's
 * files are read with `node:fs`. Paths in and out are engine paths (POSIX, see native-paths.ts).
 */
import fs = require('node:fs');
import * as path from '../core/paths';
import { isWithin, type DirectoryEntry, type Workspace } from '../core/workspace';
import { fromNativePath, toNativePath } from './native-paths';

/** Largest file a rule reads across links (a Dockerfile or .dockerignore is never this big). */
const MAX_LINKED_FILE_BYTES = 2 * 1024 * 1024;

export interface DiskWorkspaceOptions {
  /**
   * The files do not change while this workspace is used (one CLI run): answers are remembered, so the many lints
   * of a run that ask for the same compose file or probe the same missing names cost no more system calls.
   */
  snapshot?: boolean;
}

/**
 * A workspace on disk. With a `root`, nothing outside it is read (symlinks are resolved first), so a hostile
 * `build.context: ../../etc` or a `.dockerignore` symlinked to /etc/passwd reads nothing.
 */
export function diskWorkspace(root?: string, overlay?: (absolutePath: string) => string | undefined, options: DiskWorkspaceOptions = {}): Workspace {
  const realRoot = root ? safeRealpath(root) ?? path.resolve(root) : undefined;
  // In a snapshot, where a path really is does not change either: each is resolved once (a run asks for the same
  // Dockerfile, compose file and folders from many lints).
  const realpaths = new Map<string, boolean>();
  const inside = (absolutePath: string): boolean => {
    if (!realRoot) return true;
    if (!options.snapshot) return isWithin(realRoot, safeRealpath(absolutePath) ?? path.resolve(absolutePath));
    let answer = realpaths.get(absolutePath);
    if (answer === undefined) {
      answer = isWithin(realRoot, safeRealpath(absolutePath) ?? path.resolve(absolutePath));
      realpaths.set(absolutePath, answer);
    }
    return answer;
  };
  const readDisk = (absolutePath: string): string | undefined => (inside(absolutePath) ? readRegularFile(absolutePath, MAX_LINKED_FILE_BYTES) : undefined);
  // A missing file is the common answer (rules probe for compose files and .dockerignore by name): one stat tells,
  // and only a file that is there costs the realpath that confines it to the workspace.
  // (A path that is not even spelled inside the root is confined first, as before: no stat outside the workspace.)
  const spelledInside = (absolutePath: string): boolean => !root || isWithin(path.resolve(root), path.resolve(absolutePath));
  const existsDisk = (absolutePath: string): boolean =>
    spelledInside(absolutePath) ? fs.existsSync(toNativePath(absolutePath)) && inside(absolutePath) : inside(absolutePath) && fs.existsSync(toNativePath(absolutePath));
  const texts = new Map<string, string | undefined>();
  const existing = new Map<string, boolean>();
  const remembered = <T>(cache: Map<string, T>, compute: (p: string) => T) => (absolutePath: string): T => {
    if (!options.snapshot) return compute(absolutePath);
    if (!cache.has(absolutePath)) cache.set(absolutePath, compute(absolutePath));
    return cache.get(absolutePath) as T;
  };
  const listDisk = (absolutePath: string): DirectoryEntry[] | undefined => {
    if (!spelledInside(absolutePath) || !inside(absolutePath)) return undefined;
    try {
      return fs
        .readdirSync(toNativePath(absolutePath), { withFileTypes: true })
        // Symbolic links are not followed: a link out of the workspace is not listed or read through.
        .filter((entry) => entry.isFile() || entry.isDirectory())
        .map((entry) => ({ name: entry.name, directory: entry.isDirectory() }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return undefined;
    }
  };
  const createDisk = (absolutePath: string): boolean => {
    const target = path.resolve(absolutePath);
    const top = root ? path.resolve(root) : undefined;
    if (top && (target === top || !isWithin(top, target))) return false;
    if (lstatOrMissing(target) !== 'missing') return false;
    // Up from the file's folder: links and non-folders refuse, the first folder that exists must be writable. With a
    // root, every folder below it is looked at (a link higher up leads out as well); the root itself may be a link.
    let writable: boolean | undefined;
    for (let folder = path.dirname(target); ; folder = path.dirname(folder)) {
      const atTop = folder === top;
      const stat = atTop ? statOrMissing(folder) : lstatOrMissing(folder);
      if (stat === 'error') return false;
      if (stat !== 'missing') {
        if (!stat.isDirectory()) return false;
        writable ??= isWritableFolder(folder);
      }
      if (atTop || (!top && stat !== 'missing') || path.dirname(folder) === folder) break;
    }
    return writable === true;
  };
  const listings = new Map<string, DirectoryEntry[] | undefined>();
  const creatable = new Map<string, boolean>();
  const read = remembered(texts, readDisk);
  const exists = remembered(existing, existsDisk);
  const list = remembered(listings, listDisk);
  const canCreate = remembered(creatable, createDisk);
  return {
    readFile(absolutePath) {
      const open = overlay?.(absolutePath);
      if (open !== undefined) return open;
      return read(absolutePath);
    },
    exists(absolutePath) {
      if (overlay?.(absolutePath) !== undefined) return true;
      return exists(absolutePath);
    },
    listDirectory: list,
    canCreate(absolutePath) {
      if (overlay?.(absolutePath) !== undefined) return false;
      return canCreate(absolutePath);
    },
  };
}

function lstatOrMissing(p: string): fs.Stats | 'missing' | 'error' {
  try {
    return fs.lstatSync(toNativePath(p));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'error';
  }
}

function statOrMissing(p: string): fs.Stats | 'missing' | 'error' {
  try {
    return fs.statSync(toNativePath(p));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'error';
  }
}

function isWritableFolder(folder: string): boolean {
  try {
    fs.accessSync(toNativePath(folder), fs.constants.W_OK | fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The text of a regular file of at most `maxBytes` bytes (an engine path); undefined for anything else (missing, unreadable, too big,
 * a directory, a device, a socket or a FIFO). The file is opened without blocking and checked on the open descriptor,
 * so a FIFO named like a compose file cannot hang the reader, even if it replaces the file between check and read.
 */
export function readRegularFile(absolutePath: string, maxBytes: number): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(toNativePath(absolutePath), fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    // Never more than one byte past the limit: a file that grew since fstat is refused, not read whole.
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, stat.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return undefined;
        const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.toString('utf8', 0, length);
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

function safeRealpath(p: string): string | undefined {
  try {
    return fromNativePath(fs.realpathSync.native(toNativePath(p)));
  } catch {
    // A file that does not exist yet: resolve its folder, keep its name.
    try {
      return path.join(fromNativePath(fs.realpathSync.native(toNativePath(path.dirname(p)))), path.basename(p));
    } catch {
      return undefined;
    }
  }
}

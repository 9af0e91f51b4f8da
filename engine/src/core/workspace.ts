/** How rules see files other than the one being linted. The CLI reads the disk; the server prefers open buffers. */
import fs = require('node:fs');
import path = require('node:path');

export interface Workspace {
  /** The text of a file, or undefined when it is missing, unreadable, too big, or outside the workspace. */
  readFile(absolutePath: string): string | undefined;
  exists(absolutePath: string): boolean;
  /** The entries of a folder, sorted by name; undefined when it is missing, unreadable or outside the workspace. */
  listDirectory?(absolutePath: string): DirectoryEntry[] | undefined;
}

export interface DirectoryEntry {
  name: string;
  directory: boolean;
}

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
  const readDisk = (absolutePath: string): string | undefined => {
    if (!inside(absolutePath)) return undefined;
    try {
      const stat = fs.statSync(absolutePath);
      if (!stat.isFile() || stat.size > MAX_LINKED_FILE_BYTES) return undefined;
      return fs.readFileSync(absolutePath, 'utf8');
    } catch {
      return undefined;
    }
  };
  // A missing file is the common answer (rules probe for compose files and .dockerignore by name): one stat tells,
  // and only a file that is there costs the realpath that confines it to the workspace.
  // (A path that is not even spelled inside the root is confined first, as before: no stat outside the workspace.)
  const spelledInside = (absolutePath: string): boolean => !root || isWithin(path.resolve(root), path.resolve(absolutePath));
  const existsDisk = (absolutePath: string): boolean =>
    spelledInside(absolutePath) ? fs.existsSync(absolutePath) && inside(absolutePath) : inside(absolutePath) && fs.existsSync(absolutePath);
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
        .readdirSync(absolutePath, { withFileTypes: true })
        // Symbolic links are not followed: a link out of the workspace is not listed or read through.
        .filter((entry) => entry.isFile() || entry.isDirectory())
        .map((entry) => ({ name: entry.name, directory: entry.isDirectory() }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return undefined;
    }
  };
  const listings = new Map<string, DirectoryEntry[] | undefined>();
  const read = remembered(texts, readDisk);
  const exists = remembered(existing, existsDisk);
  const list = remembered(listings, listDisk);
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
  };
}

/** A workspace made of in-memory files (tests, and the server for unsaved buffers). */
export function memoryWorkspace(files: Record<string, string>): Workspace {
  return {
    readFile: (p) => files[path.resolve(p)] ?? files[p],
    exists: (p) => path.resolve(p) in files || p in files,
    listDirectory(folder) {
      const prefix = path.resolve(folder) + path.sep;
      const entries = new Map<string, boolean>();
      for (const file of Object.keys(files).map((f) => path.resolve(f))) {
        if (!file.startsWith(prefix)) continue;
        const [name, ...rest] = file.slice(prefix.length).split(path.sep);
        entries.set(name, (entries.get(name) ?? false) || rest.length > 0);
      }
      if (entries.size === 0) return undefined;
      return [...entries].map(([name, directory]) => ({ name, directory })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}

/** Whether `p` is `folder` or below it (both absolute, compared as written). */
function isWithin(folder: string, p: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function safeRealpath(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch {
    // A file that does not exist yet: resolve its folder, keep its name.
    try {
      return path.join(fs.realpathSync.native(path.dirname(p)), path.basename(p));
    } catch {
      return undefined;
    }
  }
}

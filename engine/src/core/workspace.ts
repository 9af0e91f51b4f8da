/**
 * How rules see files other than the one being linted. The CLI and the Node server read the disk (diskWorkspace in
 * engine/src/node/), the server preferring open buffers; the browser build answers from the files its client sent.
 */
import * as path from './paths';

export interface Workspace {
  /** The text of a file, or undefined when it is missing, unreadable, too big, or outside the workspace. */
  readFile(absolutePath: string): string | undefined;
  exists(absolutePath: string): boolean;
  /** The entries of a folder, sorted by name; undefined when it is missing, unreadable or outside the workspace. */
  listDirectory?(absolutePath: string): DirectoryEntry[] | undefined;
  /**
   * Whether a new file can be created at this path: nothing is there (not even a link), and every folder on the way
   * from the workspace root is a real folder (no link) or missing, and the nearest existing one is writable.
   * Without it, a path that does not exist counts as creatable (see canCreateFile).
   */
  canCreate?(absolutePath: string): boolean;
}

/** Whether a fix may create a file at this path (a secret's value goes nowhere else: it must be writable there). */
export function canCreateFile(workspace: Workspace, absolutePath: string): boolean {
  return workspace.canCreate ? workspace.canCreate(absolutePath) : !workspace.exists(absolutePath);
}

export interface DirectoryEntry {
  name: string;
  directory: boolean;
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

/** Whether `p` is `folder` or below it (both absolute, compared as written; a child named `..data` is below it). */
export function isWithin(folder: string, p: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** A workspace with no files: what a lint sees when it is given none (nothing is assumed about other files). */
export const NO_FILES: Workspace = {
  readFile: () => undefined,
  exists: () => false,
  listDirectory: () => undefined,
};

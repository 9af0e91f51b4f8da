/** How rules see files other than the one being linted. The CLI reads the disk; the server prefers open buffers. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Workspace {
  /** The text of a file, or undefined when it is missing, unreadable, too big, or outside the workspace. */
  readFile(absolutePath: string): string | undefined;
  exists(absolutePath: string): boolean;
}

/** Largest file a rule reads across links (a Dockerfile or .dockerignore is never this big). */
const MAX_LINKED_FILE_BYTES = 2 * 1024 * 1024;

/**
 * A workspace on disk. With a `root`, nothing outside it is read (symlinks are resolved first), so a hostile
 * `build.context: ../../etc` or a `.dockerignore` symlinked to /etc/passwd reads nothing.
 */
export function diskWorkspace(root?: string, overlay?: (absolutePath: string) => string | undefined): Workspace {
  const realRoot = root ? safeRealpath(root) ?? path.resolve(root) : undefined;
  const inside = (absolutePath: string): boolean => {
    if (!realRoot) return true;
    const real = safeRealpath(absolutePath) ?? path.resolve(absolutePath);
    const rel = path.relative(realRoot, real);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  return {
    readFile(absolutePath) {
      const open = overlay?.(absolutePath);
      if (open !== undefined) return open;
      if (!inside(absolutePath)) return undefined;
      try {
        const stat = fs.statSync(absolutePath);
        if (!stat.isFile() || stat.size > MAX_LINKED_FILE_BYTES) return undefined;
        return fs.readFileSync(absolutePath, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists(absolutePath) {
      if (overlay?.(absolutePath) !== undefined) return true;
      if (!inside(absolutePath)) return false;
      return fs.existsSync(absolutePath);
    },
  };
}

/** A workspace made of in-memory files (tests, and the server for unsaved buffers). */
export function memoryWorkspace(files: Record<string, string>): Workspace {
  return {
    readFile: (p) => files[path.resolve(p)] ?? files[p],
    exists: (p) => path.resolve(p) in files || p in files,
  };
}

function safeRealpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    // A file that does not exist yet: resolve its folder, keep its name.
    try {
      return path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
    } catch {
      return undefined;
    }
  }
}

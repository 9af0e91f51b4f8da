/**
 * Where a file may be written: inside the folder the user named (the CLI's argument, the editor's workspace folder),
 * symlinks resolved, never through a hard link (a file with other names may be outside). The CLI writes what this
 * allows; the Node server puts in a WorkspaceEdit only the files this allows. Paths are native paths (the CLI's).
 */
import fs = require('node:fs');
import path = require('node:path');
import type { WriteRefusal } from '../core/write-guard';

export interface WriteTarget {
  /** The path to write: symlinks (inside the folder) resolved. */
  realPath: string;
  /** The file as it is now; undefined when it is created. */
  stat?: fs.Stats;
  /** Folders to create first, outermost first (real paths). */
  missingFolders: string[];
}

/**
 * Whether `file` may be written (or, with `creating`, created) inside `folder`, and where it really is. A path that
 * does not exist may be created only when `creating`.
 */
export function resolveWrite(folder: string, file: string, creating: boolean): { target: WriteTarget } | { refusal: WriteRefusal } {
  const spelledFolder = path.resolve(folder);
  const spelled = path.resolve(file);
  if (!isWithin(spelledFolder, spelled) || spelled === spelledFolder) return { refusal: { reason: 'outside' } };
  let realFolder: string;
  try {
    realFolder = fs.realpathSync.native(spelledFolder);
  } catch (error) {
    return { refusal: { reason: 'error', message: errorMessage(error) } };
  }
  let link: fs.Stats | undefined;
  try {
    link = fs.lstatSync(spelled);
  } catch (error) {
    if (!isMissing(error)) return { refusal: { reason: 'error', message: errorMessage(error) } };
  }
  if (link && creating) return { refusal: { reason: 'exists' } };
  if (!link && !creating) return { refusal: { reason: 'error', message: 'no such file' } };

  // The nearest folder on the way that exists, resolved: a link out of the folder anywhere above the file shows here.
  let existing = path.dirname(spelled);
  const missing: string[] = [];
  for (;;) {
    try {
      fs.lstatSync(existing);
      break;
    } catch (error) {
      if (!isMissing(error)) return { refusal: { reason: 'error', message: errorMessage(error) } };
      missing.unshift(path.basename(existing));
      existing = path.dirname(existing);
    }
  }
  let realExisting: string;
  try {
    realExisting = fs.realpathSync.native(existing);
  } catch (error) {
    return { refusal: { reason: 'error', message: errorMessage(error) } };
  }
  if (!isWithin(realFolder, realExisting)) return { refusal: { reason: 'folder-link-out', folder: existing, resolved: realExisting } };
  const missingFolders = missing.map((_, i) => path.join(realExisting, ...missing.slice(0, i + 1)));
  const direct = path.join(realExisting, ...missing, path.basename(spelled));
  if (creating) return { target: { realPath: direct, missingFolders } };

  let realPath = direct;
  if (link!.isSymbolicLink()) {
    try {
      realPath = fs.realpathSync.native(direct);
    } catch (error) {
      return { refusal: { reason: 'error', message: errorMessage(error) } };
    }
    if (!isWithin(realFolder, realPath)) return { refusal: { reason: 'link-out', resolved: realPath } };
  }
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(realPath);
  } catch (error) {
    return { refusal: { reason: 'error', message: errorMessage(error) } };
  }
  if (!stat.isFile()) return { refusal: { reason: 'not-a-file' } };
  if (stat.nlink > 1) return { refusal: { reason: 'hard-link', links: stat.nlink } };
  return { target: { realPath, stat, missingFolders: [] } };
}

/** A regular file with one name, not a link (what a chmod may go through). */
export function isPlainFile(file: string): boolean {
  try {
    const stat = fs.lstatSync(file);
    return stat.isFile() && stat.nlink === 1;
  } catch {
    return false;
  }
}

/** A folder, not a link to one. */
export function isPlainFolder(folder: string): boolean {
  try {
    return fs.lstatSync(folder).isDirectory();
  } catch {
    return false;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function errorMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

/** Whether `p` is `folder` or below it, as native paths (the engine's isWithin, for the platform's separators). */
function isWithin(folder: string, p: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

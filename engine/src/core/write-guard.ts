/**
 * Where a file may be written: inside the folder the user named (the CLI's argument, the editor's workspace folder),
 * symlinks resolved, never through a hard link (a file with other names may be outside). The CLI writes what this
 * allows; the server puts in a WorkspaceEdit only the files this allows.
 */
import fs = require('node:fs');
import * as path from './paths';
import { isWithin } from './workspace';

export type WriteRefusal =
  /** The path, as spelled, is outside the folder. */
  | { reason: 'outside' }
  /** The file is a symbolic link to a file outside the folder. */
  | { reason: 'link-out'; resolved: string }
  /** A folder on the way (the file's own, or one above it) is a symbolic link out of the folder. */
  | { reason: 'folder-link-out'; folder: string; resolved: string }
  /** The file has other names (a hard link). */
  | { reason: 'hard-link'; links: number }
  | { reason: 'not-a-file' }
  /** A file to create is already there, and the fix could not read it (a link out, too big, unreadable). */
  | { reason: 'exists' }
  | { reason: 'error'; message: string };

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

/** A refusal in words: "a symbolic link to /x/passwd, outside the folder named (.)". `show` spells a path for the reader. */
export function describeRefusal(refusal: WriteRefusal, folder: string, show: (p: string) => string = (p) => p): string {
  const outside = `outside the folder named (${show(folder)})`;
  switch (refusal.reason) {
    case 'outside':
      return outside;
    case 'link-out':
      return `a symbolic link to ${refusal.resolved}, ${outside}`;
    case 'folder-link-out':
      return `its folder ${show(refusal.folder)} is a symbolic link to ${refusal.resolved}, ${outside}`;
    case 'hard-link':
      return `a hard link (${refusal.links} names: the others may be ${outside})`;
    case 'not-a-file':
      return 'not a regular file';
    case 'exists':
      return 'it exists but could not be read (a link out of the folder named, or too big)';
    case 'error':
      return refusal.message;
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

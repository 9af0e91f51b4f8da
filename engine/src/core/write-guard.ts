/**
 * Why a file may not be written (engine/src/node/write-guard.ts decides it on disk), in words for the CLI and the
 * server.
 */
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

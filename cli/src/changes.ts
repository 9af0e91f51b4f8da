/**
 * Changes a command makes to files: collected first (later fixes read them through the overlay), then written
 * together, or printed as a unified diff for --dry-run. New files get the mode the fix asks for (0600 for secrets).
 */
import path = require('node:path');
import type { ChangedFile } from '../../engine/src/index';
import { compareText } from './discover';
import type { Session } from './session';
import { refusedWrites, writeFiles, type FileWrite } from './write';

/** A file's change, with what the fix asks of it (`mode`, `folderMode` of a created file). */
export interface PendingChange extends Omit<ChangedFile, 'path' | 'before' | 'after'> {
  absolutePath: string;
  /** Undefined when the file is created. */
  before: string | undefined;
  after: string;
}

export class PendingChanges {
  private readonly byPath = new Map<string, PendingChange>();

  /** The pending text of a file, if a change is pending. */
  textOf(absolutePath: string): string | undefined {
    return this.byPath.get(path.resolve(absolutePath))?.after;
  }

  change(absolutePath: string, before: string | undefined, after: string, attributes: Omit<PendingChange, 'absolutePath' | 'before' | 'after'> = {}): void {
    const key = path.resolve(absolutePath);
    const previous = this.byPath.get(key);
    const asked = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
    this.byPath.set(key, { ...previous, ...asked, absolutePath: key, before: previous ? previous.before : before, after });
  }

  /**
   * A cross-file change from the engine. Kept even when it leads outside the folders named (a hostile build context
   * can aim it there): writeChanges then refuses the whole run, naming it.
   */
  changeOther(file: ChangedFile): void {
    const { path: filePath, before, after, ...attributes } = file;
    this.change(filePath, before, after, attributes);
  }

  /** Changes that alter something, sorted by path. */
  list(): PendingChange[] {
    return [...this.byPath.values()].filter((c) => c.after !== c.before).sort((a, b) => compareText(a.absolutePath, b.absolutePath));
  }
}

/**
 * Writes every change, or none (see write.ts): inside the folder named on the command line, atomically. Returns one
 * line per file ("fixed x", "created y (mode 0600)").
 */
export function writeChanges(changes: readonly PendingChange[], session: Session): string[] {
  return writeFiles(fileWrites(changes, session), shown(session));
}

/** Why `writeChanges` would write nothing (for --dry-run); empty when it would write. */
export function refusedChanges(changes: readonly PendingChange[], session: Session): string[] {
  return refusedWrites(fileWrites(changes, session), shown(session));
}

/** Paths as the user sees them; the working folder itself is `.`. */
function shown(session: Session): (absolutePath: string) => string {
  return (absolutePath) => (path.resolve(absolutePath) === path.resolve(session.cwd) ? '.' : session.display(absolutePath));
}

function fileWrites(changes: readonly PendingChange[], session: Session): FileWrite[] {
  return changes.map((change) => ({
    absolutePath: change.absolutePath,
    before: change.before,
    after: change.after,
    mode: change.mode,
    folderMode: change.folderMode,
    limit: session.limitFor(change.absolutePath),
  }));
}

/** A unified diff of every change (jsdiff), paths relative to the working folder. Secret files are not shown. */
export function formatDiff(changes: readonly PendingChange[], session: Session): string {
  if (changes.length === 0) return '';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createTwoFilesPatch } = require('diff') as typeof import('diff');
  // The values written to secrets files are masked wherever the diff would show them (the line they are moved from).
  const secrets = changes.filter(isPrivate).map((change) => change.after.trim()).filter((value) => value !== '');
  const mask = (patch: string) =>
    secrets.length === 0
      ? patch
      : patch
          .split('\n')
          .map((line) => (/^(---|\+\+\+|@@)/.test(line) ? line : secrets.reduce((masked, value) => masked.split(value).join('***'), line)))
          .join('\n');
  let out = '';
  for (const change of changes) {
    const display = session.display(change.absolutePath);
    const oldName = change.before === undefined ? '/dev/null' : `a/${display}`;
    if (isPrivate(change)) {
      // A secrets file holds the secret's value: say it would be created, never print it.
      out += `--- ${oldName}\n+++ b/${display}\n@@ (${change.after.length} characters, mode 0600, content not shown) @@\n`;
      continue;
    }
    const patch = createTwoFilesPatch(oldName, `b/${display}`, change.before ?? '', change.after, undefined, undefined, { context: 3 });
    // jsdiff starts with a line of `=`; the rest is a standard unified diff.
    out += mask(patch.replace(/^=+\n/, ''));
  }
  return out;
}

function isPrivate(change: PendingChange): boolean {
  return change.mode !== undefined && (change.mode & 0o077) === 0;
}

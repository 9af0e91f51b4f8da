/**
 * Changes a command makes to files: collected first (later fixes read them through the overlay), then written
 * together, or printed as a unified diff for --dry-run. New files get the mode the fix asks for (a secrets file 0644,
 * in a 0700 folder).
 */
import path = require('node:path');
import type { ChangedFile } from '../../engine/src/index';
import { compareText } from './discover';
import type { Session } from './session';
import { maskDiff, maskedLines } from './mask';
import { toNative } from './native';
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
    // The engine names the file with its engine path; the pending changes are kept by native path.
    this.change(toNative(filePath), before, after, attributes);
  }

  /** Changes that alter something, sorted by path. */
  list(): PendingChange[] {
    return [...this.byPath.values()].filter((c) => c.after !== c.before).sort((a, b) => compareText(a.absolutePath, b.absolutePath));
  }
}

/**
 * Writes every change, or none (see write.ts): inside the folder named on the command line, atomically. Returns one
 * line per file ("fixed x", "created y (mode 0644)").
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

/** What --dry-run shows of one change: a unified diff, masked; for a secrets file only that it would be created. */
export interface ChangeDiff {
  /** Relative to the working folder, with forward slashes. */
  path: string;
  created: boolean;
  /** A secrets file: its content is never shown. */
  secret: boolean;
  /** Mode of a created file, in octal (`0644`). */
  mode?: string;
  /** Characters of a secrets file's content (the content itself is not shown). */
  characters?: number;
  /** The unified diff (jsdiff) with moved secret values masked; null for a secrets file. */
  diff: string | null;
}

/** Each change as --dry-run shows it, paths relative to the working folder. */
export function changeDiffs(changes: readonly PendingChange[], session: Session): ChangeDiff[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createTwoFilesPatch } = require('diff') as typeof import('diff');
  return changes.map((change) => {
    const display = session.display(change.absolutePath);
    const created = change.before === undefined;
    const mode = created && change.mode !== undefined ? change.mode.toString(8).padStart(4, '0') : undefined;
    if (change.secret) return { path: display, created, secret: true, ...(mode ? { mode } : {}), characters: change.after.length, diff: null };
    const patch = createTwoFilesPatch(created ? '/dev/null' : `a/${display}`, `b/${display}`, change.before ?? '', change.after, undefined, undefined, { context: 3 });
    // jsdiff starts with a line of `=`; the rest is a standard unified diff. The lines a secret left are masked.
    const diff = maskDiff(patch.replace(/^=+\n/, ''), maskedLines(change.secretSources ?? []));
    return { path: display, created, secret: false, ...(mode ? { mode } : {}), diff };
  });
}

/** A unified diff of every change, paths relative to the working folder. Secrets files are not shown. */
export function formatDiff(changes: readonly PendingChange[], session: Session): string {
  let out = '';
  for (const change of changeDiffs(changes, session)) {
    if (change.diff !== null) {
      out += change.diff;
      continue;
    }
    // A secrets file holds the secret's value: say it would be created, never print it.
    const mode = change.mode ? `, mode ${change.mode}` : '';
    out += `--- ${change.created ? '/dev/null' : `a/${change.path}`}\n+++ b/${change.path}\n@@ (${change.characters} characters${mode}, content not shown) @@\n`;
  }
  return out;
}

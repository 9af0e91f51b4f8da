/**
 * Changes a command makes to files: collected first (later fixes read them through the overlay), then written
 * together, or printed as a unified diff for --dry-run. New files get the mode the fix asks for (a secrets file 0644,
 * in a 0700 folder).
 */
import fs = require('node:fs');
import path = require('node:path');
import type { ChangedFile, SecretSource } from '../../engine/src/index';
import { compareText, describeFsError } from './discover';
import { InputError } from './errors';
import { maskDiff, maskedLines } from './mask';
import { isInside, type Session } from './session';

export interface PendingChange {
  absolutePath: string;
  /** Undefined when the file is created. */
  before: string | undefined;
  after: string;
  mode?: number;
  /** Mode of the folders a created file needs. */
  folderMode?: number;
  /** The content is a secret value: never printed. */
  secret?: boolean;
  /** Secret values moved out of this file: masked wherever the diff shows their lines. */
  secretSources?: SecretSource[];
}

export class PendingChanges {
  private readonly byPath = new Map<string, PendingChange>();

  /** The pending text of a file, if a change is pending. */
  textOf(absolutePath: string): string | undefined {
    return this.byPath.get(path.resolve(absolutePath))?.after;
  }

  change(
    absolutePath: string,
    before: string | undefined,
    after: string,
    mode?: number,
    attributes: Pick<PendingChange, 'folderMode' | 'secret' | 'secretSources'> = {},
  ): void {
    const key = path.resolve(absolutePath);
    const previous = this.byPath.get(key);
    this.byPath.set(key, {
      absolutePath: key,
      before: previous ? previous.before : before,
      after,
      mode: mode ?? previous?.mode,
      folderMode: attributes.folderMode ?? previous?.folderMode,
      secret: attributes.secret ?? previous?.secret,
      secretSources: attributes.secretSources ?? previous?.secretSources,
    });
  }

  /** A cross-file change from the engine; never outside the workspace root (a hostile build context cannot aim it). */
  changeOther(file: ChangedFile, root: string, session: Session, io: { err(text: string): void }): void {
    const key = path.resolve(file.path);
    if (!isInside(root, key)) {
      io.err(`docker-harden: not writing ${session.display(key)}: outside the workspace ${session.display(root) || '.'}\n`);
      return;
    }
    this.change(key, file.before, file.after, file.mode, { folderMode: file.folderMode, secret: file.secret });
  }

  /** Changes that alter something, sorted by path. */
  list(): PendingChange[] {
    return [...this.byPath.values()].filter((c) => c.after !== c.before).sort((a, b) => compareText(a.absolutePath, b.absolutePath));
  }
}

/** Writes every change; returns one line per file ("wrote x", "created y (mode 0600)"). */
export function writeChanges(changes: readonly PendingChange[], session: Session): string[] {
  const lines: string[] = [];
  for (const change of changes) {
    const display = session.display(change.absolutePath);
    try {
      if (change.before === undefined) {
        // The fix could not read this file: never write through what is there (a `.dockerignore` symlinked to
        // /etc/passwd, a `secrets` folder linked out of the workspace, a file too big to read).
        if (leavesThroughLink(path.dirname(change.absolutePath), session.cwd)) {
          lines.push(`skipped ${display}: its folder links out of the working folder`);
          continue;
        }
        fs.mkdirSync(path.dirname(change.absolutePath), { recursive: true, mode: change.folderMode });
        const mode = change.mode ?? 0o644;
        try {
          // 'wx' fails when the path exists, as a file or as a symlink (even a dangling one).
          fs.writeFileSync(change.absolutePath, change.after, { mode, flag: 'wx' });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          lines.push(`skipped ${display}: it exists but could not be read (a link out of the workspace, or too big)`);
          continue;
        }
        if (change.mode !== undefined) fs.chmodSync(change.absolutePath, change.mode);
        lines.push(`created ${display}${change.mode !== undefined ? ` (mode ${change.mode.toString(8).padStart(4, '0')})` : ''}`);
      } else {
        fs.writeFileSync(change.absolutePath, change.after);
        lines.push(`fixed ${display}`);
      }
    } catch (error) {
      throw new InputError(`cannot write ${display}: ${describeFsError(error)}`);
    }
  }
  return lines;
}

/** Whether the nearest existing folder of `dir` resolves, through a symlink, outside `cwd`. */
function leavesThroughLink(dir: string, cwd: string): boolean {
  let existing = path.resolve(dir);
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const real = fs.realpathSync.native(existing);
  if (real === existing) return false;
  const rel = path.relative(fs.realpathSync.native(cwd), real);
  return rel.startsWith('..') || path.isAbsolute(rel);
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

/**
 * Changes a command makes to files: collected first (later fixes read them through the overlay), then written
 * together, or printed as a unified diff for --dry-run. New files get the mode the fix asks for (0600 for secrets).
 */
import fs = require('node:fs');
import path = require('node:path');
import type { ChangedFile } from '../../engine/src/index';
import { compareText, describeFsError } from './discover';
import { InputError } from './errors';
import { isInside, type Session } from './session';

export interface PendingChange {
  absolutePath: string;
  /** Undefined when the file is created. */
  before: string | undefined;
  after: string;
  mode?: number;
}

export class PendingChanges {
  private readonly byPath = new Map<string, PendingChange>();

  /** The pending text of a file, if a change is pending. */
  textOf(absolutePath: string): string | undefined {
    return this.byPath.get(path.resolve(absolutePath))?.after;
  }

  change(absolutePath: string, before: string | undefined, after: string, mode?: number): void {
    const key = path.resolve(absolutePath);
    const previous = this.byPath.get(key);
    this.byPath.set(key, { absolutePath: key, before: previous ? previous.before : before, after, mode: mode ?? previous?.mode });
  }

  /** A cross-file change from the engine; never outside the workspace root (a hostile build context cannot aim it). */
  changeOther(file: ChangedFile, root: string, session: Session, io: { err(text: string): void }): void {
    const key = path.resolve(file.path);
    if (!isInside(root, key)) {
      io.err(`docker-harden: not writing ${session.display(key)}: outside the workspace ${session.display(root) || '.'}\n`);
      return;
    }
    this.change(key, file.before, file.after, file.mode);
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
        fs.mkdirSync(path.dirname(change.absolutePath), { recursive: true });
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

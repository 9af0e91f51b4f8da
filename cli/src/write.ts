/**
 * The one way the CLI writes files. Every file of a run is checked first (inside the folder named on the command
 * line, no symlink or hard link out of it, unchanged since it was read), then written to a temporary file beside
 * it (fsync, the original's mode), then the temporaries are renamed over the originals, the compose files last.
 * A failure before the renames removes the temporaries and changes nothing; a failed rename puts back the files
 * already renamed, from a backup link kept until the end.
 */
import fs = require('node:fs');
import path = require('node:path');
import { describeRefusal, isComposeFileName } from '../../engine/src/index';
import { resolveWrite, type WriteTarget } from '../../engine/src/node';
import { patchedBytes } from './bytes';
import { describeFsError } from './discover';
import { InputError } from './errors';

export interface FileWrite {
  absolutePath: string;
  /** The text read; undefined when the file is created. */
  before: string | undefined;
  after: string;
  /** Mode of a created file (a secrets file asks for one). */
  mode?: number;
  /** Mode of the folders created for it. */
  folderMode?: number;
  /** The folder named on the command line that holds it; undefined when none does. */
  limit: string | undefined;
}

/** The calls that change the disk, replaceable by tests (a write that fails as on a full disk). */
export interface WriteFs {
  openSync: typeof fs.openSync;
  writeSync: (fd: number, buffer: Buffer, offset: number, length: number) => number;
  fsyncSync: typeof fs.fsyncSync;
  fchmodSync: typeof fs.fchmodSync;
  fchownSync: typeof fs.fchownSync;
  closeSync: typeof fs.closeSync;
  renameSync: typeof fs.renameSync;
  linkSync: typeof fs.linkSync;
  copyFileSync: typeof fs.copyFileSync;
  unlinkSync: typeof fs.unlinkSync;
  mkdirSync: (folder: string, mode: number) => void;
  chmodSync: typeof fs.chmodSync;
  rmdirSync: (folder: string) => void;
}

export const diskFs: WriteFs = {
  openSync: fs.openSync,
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: fs.fsyncSync,
  fchmodSync: fs.fchmodSync,
  fchownSync: fs.fchownSync,
  closeSync: fs.closeSync,
  renameSync: fs.renameSync,
  linkSync: fs.linkSync,
  copyFileSync: fs.copyFileSync,
  unlinkSync: fs.unlinkSync,
  mkdirSync: (folder, mode) => void fs.mkdirSync(folder, { mode }),
  chmodSync: fs.chmodSync,
  rmdirSync: (folder) => fs.rmdirSync(folder),
};

/** Files that may not be written: nothing of the run is. */
export class WriteRefused extends InputError {
  constructor(readonly refusals: string[]) {
    super(`nothing was written: ${refusals.join('; ')}`);
  }
}

interface Planned {
  write: FileWrite;
  target: WriteTarget;
  bytes: Buffer;
  /** The mode the written file gets. */
  mode: number;
  temporary?: string;
  backup?: string;
  renamed?: boolean;
}

/**
 * Writes every file, or none. Returns one line per file ("fixed x", "created y (mode 0644)"); throws WriteRefused
 * (nothing written) or InputError naming the file that failed.
 */
export function writeFiles(writes: readonly FileWrite[], display: (absolutePath: string) => string, io: WriteFs = diskFs): string[] {
  const planned = plan(writes, display);
  const createdFolders: string[] = [];
  const fail = (write: FileWrite, error: unknown, undone: string): never => {
    for (const each of planned) removeQuietly(io, each.temporary);
    for (const folder of createdFolders.reverse()) rmdirQuietly(io, folder);
    // A backup is the only copy of an original whose change could not be undone: kept.
    for (const each of planned) if (!each.renamed) removeQuietly(io, each.backup);
    const reason = error instanceof Error && !(error as NodeJS.ErrnoException).code ? error.message : describeFsError(error);
    throw new InputError(`cannot write ${display(write.absolutePath)}: ${reason}; ${undone}`);
  };
  for (const each of planned) {
    try {
      for (const folder of each.target.missingFolders) {
        if (createdFolders.includes(folder)) continue; // made for an earlier file of the run
        io.mkdirSync(folder, each.write.folderMode ?? 0o755);
        createdFolders.push(folder);
        if (each.write.folderMode !== undefined) io.chmodSync(folder, each.write.folderMode);
      }
      each.temporary = sideName(each.target.realPath, 'tmp');
      writeTemporary(io, each);
      // A second name for the original, to put it back if a later rename fails.
      if (each.target.stat) each.backup = keepBackup(io, each.target.realPath);
    } catch (error) {
      fail(each.write, error, 'nothing was changed');
    }
  }
  const order = [...planned].sort((a, b) => renameRank(a) - renameRank(b));
  for (const each of order) {
    try {
      io.renameSync(each.temporary!, each.target.realPath);
      each.renamed = true;
      each.temporary = undefined;
    } catch (error) {
      const notUndone = undo(io, order);
      const left = notUndone.map((undone) => `${display(undone.write.absolutePath)} (${undone.backup ? `its original is kept as ${display(undone.backup)}` : 'created'})`);
      fail(each.write, error, left.length ? `could not undo the change of ${left.join(', ')}` : 'nothing was changed');
    }
  }
  for (const each of planned) removeQuietly(io, each.backup);
  for (const folder of new Set(planned.map((each) => path.dirname(each.target.realPath)))) syncFolder(folder);
  return planned.map(({ write }) =>
    write.before === undefined
      ? `created ${display(write.absolutePath)}${write.mode !== undefined ? ` (mode ${write.mode.toString(8).padStart(4, '0')})` : ''}`
      : `fixed ${display(write.absolutePath)}`,
  );
}

/** Why the files could not be written (nothing is written then): what `fix --dry-run` reports. */
export function refusedWrites(writes: readonly FileWrite[], display: (absolutePath: string) => string): string[] {
  try {
    plan(writes, display);
    return [];
  } catch (error) {
    if (error instanceof WriteRefused) return error.refusals;
    throw error;
  }
}

/** Every check before anything is written: where each file really is, and its new bytes. */
function plan(writes: readonly FileWrite[], display: (absolutePath: string) => string): Planned[] {
  const refusals: string[] = [];
  const planned: Planned[] = [];
  const byTarget = new Map<string, FileWrite>();
  for (const write of writes) {
    const name = display(write.absolutePath);
    if (write.limit === undefined) {
      refusals.push(`${name}: outside the folders named on the command line`);
      continue;
    }
    const creating = write.before === undefined;
    const resolved = resolveWrite(write.limit, write.absolutePath, creating);
    if ('refusal' in resolved) {
      refusals.push(`${name}: ${describeRefusal(resolved.refusal, write.limit, display)}`);
      continue;
    }
    const { target } = resolved;
    const same = byTarget.get(target.realPath);
    if (same) {
      refusals.push(`${name}: the same file as ${display(same.absolutePath)} (two changes of one file)`);
      continue;
    }
    byTarget.set(target.realPath, write);
    if (creating) {
      planned.push({ write, target, bytes: Buffer.from(write.after, 'utf8'), mode: write.mode ?? 0o644 });
      continue;
    }
    let original: Buffer;
    try {
      original = fs.readFileSync(target.realPath);
    } catch (error) {
      refusals.push(`${name}: ${describeFsError(error)}`);
      continue;
    }
    if (original.toString('utf8') !== write.before) {
      refusals.push(`${name}: it changed while docker-harden ran`);
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = patchedBytes(original, write.before, write.after);
    } catch (error) {
      refusals.push(`${name}: ${(error as Error).message}`);
      continue;
    }
    planned.push({ write, target, bytes, mode: target.stat!.mode & 0o7777 });
  }
  if (refusals.length) throw new WriteRefused(refusals);
  return planned;
}

function writeTemporary(io: WriteFs, each: Planned): void {
  // Created private, given its mode once written: a secret is never readable by others on the way.
  const fd = io.openSync(each.temporary!, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
  try {
    for (let offset = 0; offset < each.bytes.length; ) offset += io.writeSync(fd, each.bytes, offset, each.bytes.length - offset);
    const stat = each.target.stat;
    if (stat && typeof process.getuid === 'function' && (stat.uid !== process.getuid() || stat.gid !== process.getgid?.())) {
      try {
        io.fchownSync(fd, stat.uid, stat.gid);
      } catch {
        // Only root may give a file to someone else: the file is then the writer's, as any editor's save makes it.
      }
    }
    io.fchmodSync(fd, each.mode);
    io.fsyncSync(fd);
  } finally {
    io.closeSync(fd);
  }
}

function keepBackup(io: WriteFs, file: string): string {
  const backup = sideName(file, 'bak');
  try {
    io.linkSync(file, backup);
  } catch {
    // A file system without hard links: a copy.
    io.copyFileSync(file, backup, fs.constants.COPYFILE_EXCL);
  }
  return backup;
}

/** Puts back what was renamed; returns the files it could not. */
function undo(io: WriteFs, order: Planned[]): Planned[] {
  const failed: Planned[] = [];
  for (const each of [...order].reverse()) {
    if (!each.renamed) continue;
    try {
      if (each.backup) {
        io.renameSync(each.backup, each.target.realPath);
        each.backup = undefined;
      } else io.unlinkSync(each.target.realPath);
      each.renamed = false;
    } catch {
      failed.push(each);
    }
  }
  return failed;
}

/** Created files first, then edited ones, compose files last: a compose file never refers to a file not yet there. */
function renameRank(each: Planned): number {
  if (each.write.before === undefined) return 0;
  return isComposeFileName(each.write.absolutePath) ? 2 : 1;
}

/** A hidden name beside the file: `.compose.yaml.docker-harden-<pid>-<random>.tmp` (`.gitignore` keeps its one dot). */
function sideName(file: string, kind: 'tmp' | 'bak'): string {
  const random = Math.random().toString(36).slice(2, 10);
  const base = path.basename(file);
  return path.join(path.dirname(file), `${base.startsWith('.') ? '' : '.'}${base}.docker-harden-${process.pid}-${random}.${kind}`);
}

function removeQuietly(io: WriteFs, file: string | undefined): void {
  if (!file) return;
  try {
    io.unlinkSync(file);
  } catch {
    // Already gone.
  }
}

function rmdirQuietly(io: WriteFs, folder: string): void {
  try {
    io.rmdirSync(folder);
  } catch {
    // Not empty (something else wrote there meanwhile): kept.
  }
}

/** The renames reach the disk too (best effort: not every file system lets a folder be opened). */
function syncFolder(folder: string): void {
  try {
    const fd = fs.openSync(folder, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Nothing to do.
  }
}

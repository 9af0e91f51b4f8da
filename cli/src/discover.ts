/**
 * Which files a command lints. Folders are searched for compose files and Dockerfiles by name (and other YAML files
 * whose content is a compose file), in a deterministic order, skipping `node_modules`, `.git` and what `.gitignore` files ignore (those of the folder's repository above
 * it too). A file named on the command line is taken by name, else by content, else by `--kind`.
 */
import fs = require('node:fs');
import path = require('node:path');
import type { Ignore } from 'ignore';
import { COMPOSE_SNIFF_BYTES, isComposeContent, kindFromContent, kindFromName, type FileKind } from '../../engine/src/index';
import { InputError } from './errors';

export interface Target {
  absolutePath: string;
  kind: FileKind;
  /** Named on the command line (not found in a folder). */
  explicit: boolean;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
/** Bytes read to recognise a file by content. */
const SNIFF_BYTES = 64 * 1024;

interface GitignoreLayer {
  base: string;
  rules: Ignore;
}

export function discover(paths: readonly string[], options: { kind?: FileKind; cwd: string }): Target[] {
  const found = new Map<string, Target>();
  for (const given of paths) {
    const absolute = path.resolve(options.cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      throw new InputError(`${given}: ${describeFsError(error)}`);
    }
    if (stat.isDirectory()) {
      const layers = ancestorGitignores(absolute);
      walk(absolute, layers, options.kind, found);
    } else if (stat.isFile()) {
      const kind = options.kind ?? kindFromName(absolute) ?? kindFromContent(sniff(absolute, given));
      if (!kind) throw new InputError(`${given}: neither a compose file nor a Dockerfile (use --kind compose|dockerfile)`);
      found.set(absolute, { absolutePath: absolute, kind, explicit: true });
    } else {
      throw new InputError(`${given}: not a regular file or folder`);
    }
  }
  return [...found.values()].sort((a, b) => compareText(a.absolutePath, b.absolutePath));
}

function walk(dir: string, layers: GitignoreLayer[], kind: FileKind | undefined, found: Map<string, Target>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // An unreadable subfolder is skipped, as git and ESLint do.
  }
  const here = entries.some((entry) => entry.name === '.gitignore' && entry.isFile()) ? [...layers, gitignoreLayer(dir)].filter(isLayer) : layers;
  entries.sort((a, b) => compareText(a.name, b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_FOLDERS.has(entry.name) || ignored(here, full, true)) continue;
      walk(full, here, kind, found);
    } else if (entry.isFile()) {
      const fileKind = kindFromName(entry.name) ?? (kind !== 'dockerfile' && YAML_NAME.test(entry.name) && !entry.name.startsWith('.') && composeByContent(full) ? 'compose' : undefined);
      if (!fileKind || (kind && fileKind !== kind) || found.has(full) || ignored(here, full, false)) continue;
      found.set(full, { absolutePath: full, kind: fileKind, explicit: false });
    }
    // Symbolic links are not followed: they may loop or lead out of the project.
  }
}

/** Git's precedence: the deeper .gitignore decides, a later `!pattern` re-includes. */
function ignored(layers: readonly GitignoreLayer[], absolutePath: string, isDir: boolean): boolean {
  let result = false;
  for (const layer of layers) {
    const relative = path.relative(layer.base, absolutePath).split(path.sep).join('/');
    if (!relative || relative.startsWith('..')) continue;
    const test = layer.rules.test(isDir ? `${relative}/` : relative);
    if (test.ignored) result = true;
    else if (test.unignored) result = false;
  }
  return result;
}

/** The .gitignore files from the repository root down to (not including) `dir`. */
function ancestorGitignores(dir: string): GitignoreLayer[] {
  if (fs.existsSync(path.join(dir, '.git'))) return [];
  const chain: string[] = [];
  for (let probe = path.dirname(dir); ; probe = path.dirname(probe)) {
    chain.push(probe);
    if (fs.existsSync(path.join(probe, '.git'))) return chain.reverse().map(gitignoreLayer).filter(isLayer);
    if (path.dirname(probe) === probe) return [];
  }
}

function gitignoreLayer(dir: string): GitignoreLayer | undefined {
  let text: string;
  try {
    const file = path.join(dir, '.gitignore');
    // A .gitignore symlinked out of its folder is not read (a hostile checkout could aim it at /etc/passwd).
    const rel = path.relative(fs.realpathSync.native(dir), fs.realpathSync.native(file));
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ignore = require('ignore') as typeof import('ignore');
  return { base: dir, rules: ignore({ allowRelativePaths: true }).add(text) };
}

const YAML_NAME = /\.ya?ml$/i;

/** A YAML file of another name whose content is a compose file (see isComposeContent); unreadable: no. Hidden files (`.gitlab-ci.yml`, `.docker-harden.yaml`) are configs of other tools, never read. */
function composeByContent(absolutePath: string): boolean {
  try {
    const stat = fs.statSync(absolutePath);
    if (stat.size > COMPOSE_SNIFF_BYTES) return false;
    return isComposeContent(fs.readFileSync(absolutePath, 'utf8'));
  } catch {
    return false;
  }
}

function isLayer(layer: GitignoreLayer | undefined): layer is GitignoreLayer {
  return layer !== undefined;
}

function sniff(absolutePath: string, given: string): string {
  try {
    const fd = fs.openSync(absolutePath, 'r');
    try {
      const buffer = Buffer.alloc(SNIFF_BYTES);
      const length = fs.readSync(fd, buffer, 0, SNIFF_BYTES, 0);
      return buffer.subarray(0, length).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    throw new InputError(`${given}: ${describeFsError(error)}`);
  }
}

/** Code-unit order, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no space left on the disk';
    case 'EFBIG':
      return 'file too large (the disk or a limit on file size)';
    case 'EROFS':
      return 'read-only file system';
    default:
      return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}

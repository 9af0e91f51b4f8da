/**
 * Runs the CLI or the language server with guard.cjs preloaded and reads back what they did: child processes and
 * network attempts (refused), and every file path they opened, read, wrote or listed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, TestClient, type StartOptions } from '../lsp/lsp-client';

export const guardPath = path.join(__dirname, 'guard.cjs');
export const cliPath = path.join(repoRoot, 'bin', 'docker-harden.js');

export interface GuardRecord {
  kind: 'child_process' | 'network' | 'fs.read' | 'fs.write' | 'fs.write-outside';
  detail: string;
  pid: number;
}

export function newGuardLog(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-guard-'));
  return path.join(dir, 'guard.log');
}

export function readGuardLog(log: string): GuardRecord[] {
  if (!fs.existsSync(log)) return [];
  return fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as GuardRecord);
}

/** Runs the CLI in `cwd` with the guard; it may write only in `cwd` (and the guard's log). */
export function runCli(args: string[], cwd: string, log: string) {
  const result = spawnSync(process.execPath, ['--require', guardPath, cliPath, ...args], {
    cwd,
    encoding: 'utf8',
    // The CLI keeps V8's compiled code of its own bundle in the user's cache folder (bin/docker-harden.js): here a
    // folder beside the guard's log, so that program file is allowed like the bundle itself.
    env: {
      ...process.env,
      DOCKER_HARDEN_GUARD_LOG: log,
      DOCKER_HARDEN_GUARD_WRITE_ROOTS: [cwd, path.dirname(log)].join(path.delimiter),
      XDG_CACHE_HOME: path.join(path.dirname(log), 'cache'),
      NO_COLOR: '1',
    },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function startGuardedServer(log: string, options: StartOptions = {}): Promise<TestClient> {
  const writeRoots = [options.workspaceFolder ?? os.tmpdir(), path.dirname(log)].join(path.delimiter);
  return TestClient.start({ ...options, nodeArgs: ['--require', guardPath], env: { ...process.env, DOCKER_HARDEN_GUARD_LOG: log, DOCKER_HARDEN_GUARD_WRITE_ROOTS: writeRoots } });
}

function realpathOrParent(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
    } catch {
      return p;
    }
  }
}

function within(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * File accesses that resolve (symlinks followed) outside the workspace. The program's own files (the repository's
 * bundle and node_modules, Node itself) and the guard's log are allowed.
 */
export function accessesOutside(records: readonly GuardRecord[], workspace: string, log: string): string[] {
  const allowed = [fs.realpathSync(workspace), fs.realpathSync(repoRoot), path.dirname(path.dirname(fs.realpathSync(process.execPath))), path.dirname(log)];
  const outside = new Set<string>();
  for (const record of records) {
    if (record.kind !== 'fs.read' && record.kind !== 'fs.write') continue;
    const real = realpathOrParent(record.detail);
    if (!allowed.some((root) => within(root, real))) outside.add(`${record.kind} ${record.detail}${real !== record.detail ? ` -> ${real}` : ''}`);
  }
  return [...outside].sort();
}

export function forbidden(records: readonly GuardRecord[]): string[] {
  return records.filter((r) => r.kind === 'child_process' || r.kind === 'network' || r.kind === 'fs.write-outside').map((r) => `${r.kind}: ${r.detail}`);
}

/** A copy of a folder in a fresh temporary directory (fixes must not touch the repository's example). */
export function copyToTemp(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-ws-'));
  fs.cpSync(source, dir, { recursive: true });
  return fs.realpathSync(dir);
}

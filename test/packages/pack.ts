/**
 * npm packages as a user gets them: `npm pack` of packages/<name> (built by scripts/build.mjs), installed into an
 * empty folder outside the repository with `npm install --offline` and an empty npm cache, so an install that needed
 * the registry (a runtime dependency) fails instead of fetching it.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `docker-harden-${prefix}-`)));
}

/** npm with its cache in `cacheDir`, offline, without audit, funding or update notices. */
export function npm(args: readonly string[], cwd: string, cacheDir: string, options: SpawnSyncOptions = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(NPM, [...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    ...options,
    env: {
      ...process.env,
      npm_config_cache: cacheDir,
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      NO_COLOR: '',
      FORCE_COLOR: '',
      ...(options.env ?? {}),
    },
  });
  return { status: result.status, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') + (result.error ? String(result.error) : '') };
}

export interface Packed {
  /** The tarball's absolute path. */
  tarball: string;
  /** The files in it, sorted (paths inside `package/`). */
  files: string[];
  /** The package.json in it. */
  manifest: { name: string; version: string; bin: Record<string, string>; dependencies?: object; engines?: { node?: string }; files?: string[] };
}

/** `npm pack packages/<name>` into `into`. */
export function pack(name: string, into: string, cacheDir: string): Packed {
  const run = npm(['pack', path.join(repoRoot, 'packages', name), '--pack-destination', into, '--json'], into, cacheDir);
  if (run.status !== 0) throw new Error(`npm pack packages/${name} failed: ${run.stderr}`);
  const [info] = JSON.parse(run.stdout) as { filename: string; files: { path: string }[] }[];
  const tarball = path.join(into, info.filename);
  const manifest = JSON.parse(spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }).stdout);
  return { tarball, files: info.files.map((file) => file.path).sort(), manifest };
}

/** A new empty folder with only `tarball` installed (`npm install --offline ./x.tgz`). */
export function installInEmptyFolder(tarball: string, cacheDir: string): string {
  const dir = tempDir('install');
  const run = npm(['install', '--offline', '--no-audit', '--no-fund', tarball], dir, cacheDir);
  if (run.status !== 0) throw new Error(`npm install ${path.basename(tarball)} failed (exit ${run.status}): ${run.stderr}`);
  return dir;
}

/** Runs the real `docker-harden` executable (bin/docker-harden.js → dist/cli.js, built by `npm test`) on temp folders. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allRules } from '../../engine/src/index';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const bin = path.join(repoRoot, 'bin', 'docker-harden.js');
export const exampleDir = path.join(repoRoot, 'examples', 'vrecommendation');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    // No colours unless a test asks; no inherited FORCE_COLOR from the test runner.
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh folder with the given files (paths relative to it; Buffers written as they are). */
export function tempProject(files: Record<string, string | Buffer>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-cli-')));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

export function removeProject(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A `.docker-harden.yaml` that turns every rule off except `keep` (so new rules do not change exact expectations). */
export function onlyRulesConfig(keep: readonly string[], extra = ''): string {
  const lines = allRules.filter((rule) => !keep.includes(rule.meta.id)).map((rule) => `  ${rule.meta.id}: off`);
  return `rules:\n${lines.join('\n')}\n${extra}`;
}

/** Every file of a folder (relative paths, sorted) with its content. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dir, full).split(path.sep).join('/')] = fs.readFileSync(full, 'latin1');
    }
  };
  walk(dir);
  return out;
}

/**
 * Real Docker Engine and Compose v2 for the tests under test/docker (issue 17). `npm test` (scripts/test.mjs) runs
 * scripts/docker/test-env.sh start before these files and stops the daemon it started after them. Nothing here is
 * skipped: where Docker does not answer, `requireDocker()` throws with the reason (and the setup log when there is one).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const LOCAL_IMAGES = ['local/debian:bookworm', 'local/debian-curl:bookworm', 'local/busybox:latest', 'local/debian-runtimes:bookworm', 'local/debian-nc:bookworm'] as const;

/** A clean environment for docker and compose: no variable of the test process is interpolated into a compose file. */
export function dockerEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: process.env.HOME ?? '/root' };
  if (process.env.DOCKER_HOST) env.DOCKER_HOST = process.env.DOCKER_HOST;
  return { ...env, ...extra };
}

let checked: string | undefined;

/** Throws (so the test fails, with the reason) unless the daemon answers, Compose v2 runs and the local images exist. */
export function requireDocker(): void {
  if (checked === 'ok') return;
  const problems: string[] = [];
  const info = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', env: dockerEnv(), timeout: 30_000 });
  if (info.error || info.status !== 0) problems.push(`the Docker daemon does not answer: ${(info.error?.message ?? info.stderr).trim().split('\n').slice(-3).join(' | ')}`);
  else {
    const compose = spawnSync('docker', ['compose', 'version', '--short'], { encoding: 'utf8', env: dockerEnv(), timeout: 30_000 });
    if (compose.status !== 0) problems.push(`Docker Compose v2 does not run: ${compose.stderr.trim()}`);
    for (const image of LOCAL_IMAGES) {
      if (spawnSync('docker', ['image', 'inspect', image], { env: dockerEnv(), timeout: 30_000 }).status !== 0) problems.push(`the local image ${image} is missing`);
    }
  }
  if (problems.length) {
    const setup = process.env.DOCKER_HARDEN_DOCKER_SETUP;
    throw new Error(
      `Docker is not available for the Docker tests: ${problems.join('; ')}.` +
        (setup ? ` scripts/docker/test-env.sh start said: ${setup}` : ' Run `bash scripts/docker/test-env.sh start` (as root) or `npm test`, which does.'),
    );
  }
  checked = 'ok';
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

/** Runs a command without a shell; kills it (and fails by `timedOut`) after `timeoutMs`. */
export function run(command: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number; input?: string } = {}): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? dockerEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.on('error', (error) => {
      stderr += String(error);
    });
    // A child that exits before reading its stdin (most do: they get none) must not fail the test with EPIPE.
    child.stdin.on('error', () => undefined);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut, ms: Date.now() - started });
    });
    child.stdin.end(options.input ?? '');
  });
}

/**
 * The Compose plugin's own binary: run directly (Compose v2 runs standalone too) it starts in half the time of
 * `docker compose`, which starts the docker CLI first; the oracle calls it about two thousand times.
 */
const composeBinary = [process.env.DOCKER_CONFIG && path.join(process.env.DOCKER_CONFIG, 'cli-plugins'), path.join(os.homedir(), '.docker', 'cli-plugins'), '/usr/local/lib/docker/cli-plugins', '/usr/local/libexec/docker/cli-plugins', '/usr/lib/docker/cli-plugins', '/usr/libexec/docker/cli-plugins']
  .filter((dir): dir is string => Boolean(dir))
  .map((dir) => path.join(dir, 'docker-compose'))
  .find((file) => fs.existsSync(file));

/** `docker compose <args>` in `cwd`, with the clean environment. */
export function compose(args: readonly string[], cwd: string, timeoutMs = 60_000): Promise<Run> {
  return composeBinary ? run(composeBinary, args, { cwd, timeoutMs }) : run('docker', ['compose', ...args], { cwd, timeoutMs });
}

/** Maps `items` with at most `limit` calls of `fn` at a time, results in order. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** How many docker/compose processes run at once: enough to overlap their start-up, not more than the machine has. */
export const CONCURRENCY = Math.max(2, Math.min(8, os.availableParallelism() * 2));

export function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `docker-harden-${prefix}-`)));
}

/** Copies a tree; copies are writable by their owner (the corpus files are read-only). */
export function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
  const walk = (dir: string) => {
    fs.chmodSync(dir, 0o755);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) fs.chmodSync(full, fs.statSync(full).mode | 0o200);
    }
  };
  walk(to);
}

/** Every regular file under `dir` (relative paths with `/`) with its content. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.set(path.relative(dir, full).split(path.sep).join('/'), fs.readFileSync(full, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

/** A compose project of its own in a temp folder: `up --wait` with a deadline, `down -v` always. */
export class Stack {
  readonly dir: string;
  readonly name: string;
  constructor(readonly label: string, files: Record<string, string>) {
    this.dir = tempDir('stack');
    this.name = `dh-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40)}-${path.basename(this.dir).slice(-6).toLowerCase()}`.replace(/-+/g, '-');
    for (const [name, content] of Object.entries(files)) {
      const full = path.join(this.dir, name);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
    }
  }
  compose(args: readonly string[], timeoutMs = 90_000): Promise<Run> {
    return compose(['-p', this.name, ...args], this.dir, timeoutMs);
  }
  /** `up -d --wait` (the deadline is compose's own --wait-timeout plus a margin for the kill). */
  up(args: readonly string[] = [], waitSeconds = 60): Promise<Run> {
    return this.compose(['up', '-d', '--wait', '--wait-timeout', String(waitSeconds), ...args], (waitSeconds + 60) * 1000);
  }
  private removed = false;
  async down(): Promise<void> {
    if (this.removed) return;
    this.removed = true;
    // Killed first: stopping many containers whose healthchecks are probing, several stacks at once, deadlocked
    // Engine 20.10 once (container locks held by a probe and by releaseNetwork).
    await this.compose(['kill'], 60_000);
    await this.compose(['down', '-v', '--remove-orphans', '--timeout', '0', '--rmi', 'local'], 120_000);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export function describeRun(r: Run): string {
  return `exit ${r.code}${r.timedOut ? ' (timed out)' : ''}: ${(r.stderr + r.stdout).trim().split('\n').slice(-15).join('\n')}`;
}

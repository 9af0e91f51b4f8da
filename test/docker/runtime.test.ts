/**
 * Runtime tests of each kind of fix, in real Docker (issue 17): small stacks of the local images
 * (scripts/docker/test-env.sh), each started with `docker compose up --wait` and a deadline, and removed with
 * `down -v` afterwards. Where a fix is being proven, it is made by the real CLI on the stack's files, so the test runs
 * the product's output.
 *
 * Tool sets (the local images stand for real ones): local/debian (bash, no HTTP client: *-slim), local/debian-curl
 * (GNU curl and wget), local/busybox (busybox sh, wget, nc: alpine), local/debian-runtimes (python3 and node, no HTTP
 * client: python/node *-slim). The HTTP servers are busybox httpd (the host's static busybox, mounted read-only where
 * the image has none), `python3 -m http.server` and a three-line Node server.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseDocument, stringify } from 'yaml';
import { describeRun, pool, requireDocker, run, Stack, type Run } from './lib';
import { onlyRulesConfig } from '../cli/helpers';

const repoRoot = path.resolve(__dirname, '..', '..');
const bin = path.join(repoRoot, 'bin', 'docker-harden.js');
const BUSYBOX = '/bin/busybox';

function cli(args: readonly string[], cwd: string): Promise<Run> {
  return run(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } as Record<string, string>, timeoutMs: 120_000 });
}

async function inspect(container: string): Promise<any> {
  const r = await run('docker', ['inspect', container]);
  assert.equal(r.code, 0, describeRun(r));
  return JSON.parse(r.stdout)[0];
}

async function containerOf(stack: Stack, service: string): Promise<string> {
  const r = await stack.compose(['ps', '-a', '-q', service]);
  assert.equal(r.code, 0, describeRun(r));
  return r.stdout.trim().split('\n')[0];
}

const yaml = (value: unknown) => stringify(value);

// ---------------------------------------------------------------------------------------------------------------
// Probes: the commands the healthcheck fixes produce (engine/src/compose/health.ts, rules/compose/healthcheck-tool.ts,
// rules/dockerfile/healthcheck.ts, the knowledge base's TCP probes), with PORT for the port. CMD-SHELL is what a
// Dockerfile `HEALTHCHECK CMD <shell form>` becomes.
type Test = string[];
const url = (port: number) => `http://localhost:${port}/`;
const PROBES: { name: string; test: (port: number) => Test; toolSets: string[] }[] = [
  { name: 'curl -f', test: (p) => ['CMD', 'curl', '-f', url(p)], toolSets: ['debian-curl'] },
  { name: 'curl -fs', test: (p) => ['CMD', 'curl', '-fs', url(p)], toolSets: ['debian-curl'] },
  { name: 'wget -q --spider', test: (p) => ['CMD', 'wget', '-q', '--spider', url(p)], toolSets: ['debian-curl', 'busybox'] },
  { name: 'HEALTHCHECK curl -f || exit 1', test: (p) => ['CMD-SHELL', `curl -f ${url(p)} || exit 1`], toolSets: ['debian-curl'] },
  { name: 'HEALTHCHECK wget -q --spider || exit 1', test: (p) => ['CMD-SHELL', `wget -q --spider ${url(p)} || exit 1`], toolSets: ['debian-curl', 'busybox'] },
  { name: 'bash /dev/tcp', test: (p) => ['CMD-SHELL', `bash -c 'exec 3<>/dev/tcp/127.0.0.1/${p}'`], toolSets: ['debian', 'debian-curl', 'runtimes-python'] },
  { name: 'python urllib', test: (p) => ['CMD', 'python', '-c', `import urllib.request; urllib.request.urlopen('${url(p)}', timeout=5)`], toolSets: ['runtimes-python', 'runtimes-node'] },
];
const PORT = 8080;
const CLOSED = 8081;
const www = 'mkdir -p /www && echo ok > /www/index.html && exec';
const TOOL_SETS: Record<string, { image: string; command: string[]; busybox?: boolean }> = {
  debian: { image: 'local/debian:bookworm', command: ['sh', '-c', `${www} busybox httpd -f -p ${PORT} -h /www`], busybox: true },
  'debian-curl': { image: 'local/debian-curl:bookworm', command: ['sh', '-c', `${www} busybox httpd -f -p ${PORT} -h /www`], busybox: true },
  busybox: { image: 'local/busybox:latest', command: ['sh', '-c', `${www} httpd -f -p ${PORT} -h /www`] },
  'runtimes-python': { image: 'local/debian-runtimes:bookworm', command: ['python3', '-m', 'http.server', String(PORT)] },
  'runtimes-node': { image: 'local/debian-runtimes:bookworm', command: ['node', '-e', `require('http').createServer((q, s) => s.end('ok')).listen(${PORT})`] },
};

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

describe('runtime: Docker runs what the fixes produce', { timeout: 600_000 }, () => {
  const stacks: Stack[] = [];
  const stack = (label: string, files: Record<string, string>) => {
    const s = new Stack(label, files);
    stacks.push(s);
    return s;
  };
  before(() => requireDocker());
  after(async () => {
    await pool(stacks, 4, (s) => s.down());
  });

  describe('every probe a healthcheck fix produces: exit 0 while the service listens, non-zero when not, on each tool set', () => {
    // Per case two services: the probe on the port the server listens on (must become healthy under `up --wait`),
    // and the same probe on a port where nothing listens (Docker must mark it unhealthy; the probe run by hand must
    // not exit 0).
    const cases = PROBES.flatMap((probe) => probe.toolSets.map((toolSet) => ({ probe, toolSet, service: slug(`${toolSet}-${probe.name}`) })));
    let probeStack: Stack;
    let up: Run;
    before(async () => {
      const services: Record<string, unknown> = {};
      for (const { probe, toolSet, service } of cases) {
        const set = TOOL_SETS[toolSet];
        for (const [name, port] of [[service, PORT], [`${service}-closed`, CLOSED]] as const) {
          services[name] = {
            image: set.image,
            command: set.command,
            ...(set.busybox ? { volumes: [`${BUSYBOX}:/usr/local/bin/busybox:ro`] } : {}),
            healthcheck: { test: probe.test(port), interval: '1s', timeout: '5s', retries: port === PORT ? 20 : 2 },
          };
        }
      }
      probeStack = stack('probes', { 'compose.yaml': yaml({ services }) });
      const closed = await probeStack.compose(['up', '-d', ...cases.map((c) => `${c.service}-closed`)], 120_000);
      assert.equal(closed.code, 0, describeRun(closed));
      up = await probeStack.up(cases.map((c) => c.service), 60);
    });
    it('up --wait: every probe service becomes healthy', () => assert.equal(up.code, 0, describeRun(up)));
    for (const { probe, toolSet, service } of cases) {
      it(`${probe.name} on ${toolSet}`, async () => {
        const argv = (t: Test) => (t[0] === 'CMD-SHELL' ? ['sh', '-c', t[1]] : t.slice(1));
        const listening = await probeStack.compose(['exec', '-T', service, ...argv(probe.test(PORT))], 30_000);
        assert.equal(listening.code, 0, `listening: ${describeRun(listening)}`);
        assert.equal((await inspect(await containerOf(probeStack, service))).State.Health?.Status, 'healthy');
        // Nothing listens: Docker says unhealthy (within the healthcheck's timeout), and the probe does not exit 0.
        const closedContainer = await containerOf(probeStack, `${service}-closed`);
        let health = '';
        for (let i = 0; i < 60 && health !== 'unhealthy'; i++) {
          health = (await inspect(closedContainer)).State.Health?.Status;
          if (health !== 'unhealthy') await new Promise((r) => setTimeout(r, 500));
        }
        assert.equal(health, 'unhealthy', `nothing listens on ${CLOSED}, yet Docker says ${health}`);
        const closed = await probeStack.compose(['exec', '-T', `${service}-closed`, ...argv(probe.test(CLOSED))], 10_000);
        assert.notEqual(closed.code, 0, `nothing listens on ${CLOSED}, yet the probe exited 0`);
        if (closed.timedOut) console.log(`note: ${probe.name} on ${toolSet} did not return within 10 s with nothing listening (only the healthcheck timeout ends it)`);
      });
    }
  });

  /** A fresh stack whose files the CLI fixed with only `rules` on (strict profile, so the info-level rules run). */
  async function fixed(label: string, files: Record<string, string>, rules: string[], args: string[] = ['fix', '--unsafe']): Promise<{ stack: Stack; compose: any; text: string; out: Run }> {
    const s = stack(label, { ...files, '.docker-harden.yaml': onlyRulesConfig(rules, 'profile: strict\n') });
    const out = await cli([...args, 'compose.yaml'], s.dir);
    assert.ok(out.code === 0 || out.code === 1, describeRun(out));
    const text = fs.readFileSync(path.join(s.dir, 'compose.yaml'), 'utf8');
    return { stack: s, compose: parseDocument(text).toJS(), text, out };
  }

  it('service_healthy: a chain of three (made by the depends-on-healthy fix) starts in order', async () => {
    const svc = (delay: number, deps: string[]) => ({
      image: 'local/busybox:latest',
      command: ['sh', '-c', `sleep ${delay} && touch /tmp/ready && exec sleep 3600`],
      healthcheck: { test: ['CMD', 'test', '-f', '/tmp/ready'], interval: '1s', timeout: '2s', retries: 30 },
      ...(deps.length ? { depends_on: deps } : {}),
    });
    const { stack: s, compose } = await fixed('chain', { 'compose.yaml': yaml({ services: { a: svc(2, []), b: svc(2, ['a']), c: svc(1, ['b']) } }) }, ['compose/depends-on-healthy'], ['fix']);
    assert.deepEqual(compose.services.b.depends_on, { a: { condition: 'service_healthy' } }, 'the fix wrote service_healthy');
    assert.deepEqual(compose.services.c.depends_on, { b: { condition: 'service_healthy' } });
    const up = await s.up([], 60);
    assert.equal(up.code, 0, describeRun(up));
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map(async (name) => inspect(await containerOf(s, name))));
    // The start of the first passing probe (its End is written after Docker flips the status, so a dependant can start first).
    const healthyAt = (x: any) => Date.parse(x.State.Health.Log.find((l: any) => l.ExitCode === 0).Start);
    assert.ok(Date.parse(b.State.StartedAt) >= healthyAt(a), 'b started after a was healthy');
    assert.ok(Date.parse(c.State.StartedAt) >= healthyAt(b), 'c started after b was healthy');
  });

  it('service_healthy on a dependency without a healthcheck: Compose refuses to start it', async () => {
    const s = stack('no-healthcheck', {
      'compose.yaml': yaml({ services: { db: { image: 'local/busybox:latest', command: ['sleep', '3600'] }, app: { image: 'local/busybox:latest', command: ['sleep', '3600'], depends_on: { db: { condition: 'service_healthy' } } } } }),
    });
    const up = await s.up([], 30);
    assert.notEqual(up.code, 0);
    assert.match(up.stderr + up.stdout, /has no healthcheck configured/);
  });

  it('read_only with the tmpfs the read-only fix adds: the service still writes to /tmp, not elsewhere', async () => {
    const { stack: s, compose } = await fixed('read-only', { 'compose.yaml': yaml({ services: { app: { image: 'local/busybox:latest', command: ['sleep', '3600'] } } }) }, ['compose/read-only']);
    assert.equal(compose.services.app.read_only, true);
    const up = await s.up([], 30);
    assert.equal(up.code, 0, describeRun(up));
    const tmp = await s.compose(['exec', '-T', 'app', 'sh', '-c', 'echo x > /tmp/x && cat /tmp/x']);
    assert.equal(tmp.code, 0, describeRun(tmp));
    const root = await s.compose(['exec', '-T', 'app', 'sh', '-c', 'echo x > /x']);
    assert.notEqual(root.code, 0, 'the root file system is read-only');
  });

  it('cap_drop ALL + no-new-privileges (the fixes): an entrypoint that drops privileges with setpriv fails; with SETUID and SETGID back it runs', async () => {
    const service = { image: 'local/debian:bookworm', entrypoint: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'], command: ['sleep', '3600'] };
    const { stack: s, compose } = await fixed('cap-drop', { 'compose.yaml': yaml({ services: { app: service } }) }, ['compose/cap-drop', 'compose/no-new-privileges']);
    assert.deepEqual(compose.services.app.cap_drop, ['ALL']);
    assert.ok(JSON.stringify(compose.services.app.security_opt ?? []).includes('no-new-privileges'));
    const up = await s.up([], 20);
    assert.notEqual(up.code, 0, 'setpriv cannot change user without SETUID/SETGID');
    const logs = await s.compose(['logs', 'app']);
    assert.match(logs.stdout + logs.stderr, /setpriv: .*(Operation not permitted|failed)/i);
    await s.compose(['down', '-v', '--timeout', '1']);
    // The same service with the capabilities it needs added back (what the fix must keep for such an image).
    fs.writeFileSync(path.join(s.dir, 'compose.override.yaml'), yaml({ services: { app: { cap_add: ['SETUID', 'SETGID'] } } }));
    const again = await s.up([], 30);
    assert.equal(again.code, 0, describeRun(again));
    const status = await s.compose(['exec', '-T', 'app', 'cat', '/proc/1/status']);
    assert.match(status.stdout, /^Uid:\s+65534\s/m, 'the entrypoint dropped to 65534');
  });

  it('secrets conversion (the unsafe secret-in-environment fix): a non-root service reads /run/secrets/<name>, and *_FILE points at it', async () => {
    const { stack: s, compose, text } = await fixed('secrets', { 'compose.yaml': yaml({ services: { db: { image: 'postgres:16', environment: { POSTGRES_PASSWORD: 'Sup3r-s3cret-Value' } } } }) }, ['compose/secret-in-environment']);
    const env = compose.services.db.environment;
    const fileVar = Array.isArray(env) ? env.find((e: string) => e.startsWith('POSTGRES_PASSWORD_FILE=')).split('=')[1] : env.POSTGRES_PASSWORD_FILE;
    assert.ok(fileVar, `the fix sets POSTGRES_PASSWORD_FILE:\n${text}`);
    assert.ok(!text.includes('Sup3r-s3cret-Value'), 'the value left the compose file');
    // postgres:16 is not here: a stand-in with the same configuration runs as a non-root user.
    fs.writeFileSync(path.join(s.dir, 'compose.override.yaml'), yaml({ services: { db: { image: 'local/busybox:latest', user: '65534:65534', entrypoint: [], command: ['sleep', '3600'] } } }));
    const up = await s.up([], 30);
    assert.equal(up.code, 0, describeRun(up));
    const read = await s.compose(['exec', '-T', 'db', 'sh', '-c', 'id -u; cat "$POSTGRES_PASSWORD_FILE"']);
    assert.equal(read.code, 0, describeRun(read));
    assert.equal(read.stdout.trim(), `65534\nSup3r-s3cret-Value`);
    assert.match(fileVar, /^\/run\/secrets\/[\w.-]+$/);
  });

});

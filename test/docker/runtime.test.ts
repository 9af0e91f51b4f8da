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
import { copyTree, describeRun, pool, requireDocker, run, Stack, type Run } from './lib';
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

/** Each container of a stack with its health and its last probe's output: why `up --wait` failed. */
async function healthReport(s: Stack): Promise<string> {
  const ids = (await s.compose(['ps', '-a', '-q'])).stdout.trim().split('\n').filter(Boolean);
  const lines = await Promise.all(
    ids.map(async (id) => {
      const x = await inspect(id);
      const last = x.State.Health?.Log?.at(-1);
      return `${x.Name.slice(1)}: ${x.State.Status} ${x.State.Health?.Status ?? '(no healthcheck)'}${last ? ` (last probe exit ${last.ExitCode}: ${String(last.Output).trim().slice(0, 200)})` : ''}`;
    }),
  );
  return lines.sort().join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Probes: every command the healthcheck fixes can produce, with PORT for the port (URLs on 127.0.0.1: Node 18 and
// GNU wget try ::1 first for localhost). Sources:
// - engine/src/compose/health.ts planHealthcheck (compose `healthcheck.test`, CMD form): curl -f, wget -q --spider,
//   python urllib, node fetch; without an HTTP client a TCP probe: nc -z 127.0.0.1 PORT, else bash /dev/tcp;
// - engine/src/rules/dockerfile/healthcheck.ts healthcheckLine (`HEALTHCHECK CMD ...`): the shell forms of curl, wget
//   and nc (Docker runs them as CMD-SHELL) and the exec forms of python, node and bash (the same argv as above);
// - the knowledge base's probes that use a general tool (engine/src/knowledge/image-kb-data.ts): curl -fsS (-o
//   /dev/null), `curl -fs ... || exit 1`, wget --spider, bash /dev/tcp, and Keycloak's HTTP request over bash
//   /dev/tcp in CMD-SHELL (its /bin/sh is bash: the `sh-is-bash` tool set). Probes of a program of the image itself
//   (pg_isready, redis-cli, rabbitmq-diagnostics, ...) need the real image and are not here.
// The server answers `/` and `/health/ready`.
type Test = string[];
const url = (port: number, route = '/') => `http://127.0.0.1:${port}${route}`;
const PROBES: { name: string; test: (port: number) => Test; toolSets: string[] }[] = [
  // planHealthcheck (compose)
  { name: 'curl -f', test: (p) => ['CMD', 'curl', '-f', url(p)], toolSets: ['debian-curl'] },
  { name: 'wget -q --spider', test: (p) => ['CMD', 'wget', '-q', '--spider', url(p)], toolSets: ['debian-curl', 'busybox'] },
  { name: 'python urllib', test: (p) => ['CMD', 'python', '-c', `import urllib.request; urllib.request.urlopen('${url(p)}', timeout=5)`], toolSets: ['runtimes-python', 'runtimes-node'] },
  { name: 'node fetch', test: (p) => ['CMD', 'node', '-e', `fetch('${url(p)}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`], toolSets: ['runtimes-python', 'runtimes-node'] },
  { name: 'nc -z', test: (p) => ['CMD', 'nc', '-z', '127.0.0.1', String(p)], toolSets: ['debian-nc'] },
  { name: 'bash /dev/tcp', test: (p) => ['CMD', 'bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${p}`], toolSets: ['debian', 'debian-curl', 'debian-nc', 'runtimes-python'] },
  // healthcheckLine (Dockerfile HEALTHCHECK, shell form)
  { name: 'HEALTHCHECK curl -f || exit 1', test: (p) => ['CMD-SHELL', `curl -f ${url(p)} || exit 1`], toolSets: ['debian-curl'] },
  { name: 'HEALTHCHECK wget -q --spider || exit 1', test: (p) => ['CMD-SHELL', `wget -q --spider ${url(p)} || exit 1`], toolSets: ['debian-curl', 'busybox'] },
  { name: 'HEALTHCHECK nc -z || exit 1', test: (p) => ['CMD-SHELL', `nc -z 127.0.0.1 ${p} || exit 1`], toolSets: ['debian-nc'] },
  // the knowledge base
  { name: 'kb curl -fsS -o /dev/null', test: (p) => ['CMD', 'curl', '-fsS', '-o', '/dev/null', url(p)], toolSets: ['debian-curl'] },
  { name: 'kb curl -fsS', test: (p) => ['CMD', 'curl', '-fsS', url(p, '/health/ready')], toolSets: ['debian-curl'] },
  { name: 'kb curl -fs || exit 1', test: (p) => ['CMD-SHELL', `curl -fs ${url(p, '/health/ready')} || exit 1`], toolSets: ['debian-curl'] },
  {
    name: 'kb bash /dev/tcp HTTP GET (CMD-SHELL)',
    test: (p) => ['CMD-SHELL', `exec 3<>/dev/tcp/127.0.0.1/${p} && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && grep -q '200 OK' <&3`],
    toolSets: ['sh-is-bash'],
  },
];
const PORT = 8080;
const CLOSED = 8081;
const www = 'mkdir -p /www/health && echo ok > /www/index.html && echo ok > /www/health/ready && exec';
const httpd = ['sh', '-c', `${www} busybox httpd -f -p ${PORT} -h /www`];
const TOOL_SETS: Record<string, { image?: string; dockerfile?: string; command: string[]; busybox?: boolean }> = {
  debian: { image: 'local/debian:bookworm', command: httpd, busybox: true },
  'debian-curl': { image: 'local/debian-curl:bookworm', command: httpd, busybox: true },
  'debian-nc': { image: 'local/debian-nc:bookworm', command: httpd, busybox: true },
  busybox: { image: 'local/busybox:latest', command: ['sh', '-c', `${www} httpd -f -p ${PORT} -h /www`] },
  'runtimes-python': { image: 'local/debian-runtimes:bookworm', command: ['sh', '-c', `${www.replace(/ && exec$/, '')} && cd /www && exec python3 -m http.server ${PORT}`] },
  'runtimes-node': { image: 'local/debian-runtimes:bookworm', command: ['node', '-e', `require('http').createServer((q, s) => s.end('ok')).listen(${PORT})`] },
  // An image whose /bin/sh is bash (Keycloak's UBI micro): CMD-SHELL scripts may use /dev/tcp.
  'sh-is-bash': { dockerfile: 'FROM local/debian:bookworm\nRUN ln -sf bash /bin/sh\n', command: httpd, busybox: true },
};

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

// The tests run concurrently (each has a stack of its own; they mostly wait for containers): the file takes about as
// long as its longest test instead of their sum.
describe('runtime: Docker runs what the fixes produce', { timeout: 600_000, concurrency: true }, () => {
  const stacks: Stack[] = [];
  const stack = (label: string, files: Record<string, string>) => {
    const s = new Stack(label, files);
    stacks.push(s);
    return s;
  };
  before(() => requireDocker());
  after(async () => {
    for (const s of stacks) await s.down(); // one at a time (see Stack.down)
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
            ...(set.image ? { image: set.image } : { build: { context: '.', dockerfile_inline: set.dockerfile } }),
            command: set.command,
            ...(set.busybox ? { volumes: [`${BUSYBOX}:/usr/local/bin/busybox:ro`] } : {}),
            // Not 1s: forty services probing every second (Node and Python start-ups among them) load two cores so much
            // that probes exceed their timeout.
            healthcheck: { test: probe.test(port), interval: '3s', timeout: '10s', retries: port === PORT ? 20 : 1 },
          };
        }
      }
      probeStack = stack('probes', { 'compose.yaml': yaml({ services }) });
      const all = await probeStack.compose(['up', '-d'], 180_000);
      assert.equal(all.code, 0, describeRun(all));
      up = await probeStack.up(cases.map((c) => c.service), 90);
      if (up.code !== 0) up.stderr += `\n${await healthReport(probeStack)}`;
    });
    // Forty containers probing every 3 s: removed as soon as their tests are done, not at the end of the file.
    after(() => probeStack?.down());
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
    // A dependency's probe cannot pass before its command touched /tmp/ready, 2 s after it started: a dependant started
    // earlier than that did not wait for it. (Health.Log keeps only the last five probes, so the first pass is not there.)
    const started = (x: any) => Date.parse(x.State.StartedAt);
    assert.ok(started(b) >= started(a) + 2000, `b started ${started(b) - started(a)} ms after a, before a could be healthy`);
    assert.ok(started(c) >= started(b) + 2000, `c started ${started(c) - started(b)} ms after b, before b could be healthy`);
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

  it('depends-on-healthy in a flow-style (JSON) compose file: Compose accepts the fixed file and starts the dependant after the dependency is healthy', async () => {
    const code =
      '{"services": {\n' +
      '  "a": {"image": "local/busybox:latest", "command": ["sh", "-c", "sleep 2 && touch /tmp/ready && exec sleep 3600"], "healthcheck": {"test": ["CMD", "test", "-f", "/tmp/ready"], "interval": "1s", "retries": 30}},\n' +
      '  "b": {"image": "local/busybox:latest", "command": ["sleep", "3600"], "depends_on": ["a"]}\n}}\n';
    const { stack: s, compose, text } = await fixed('flow', { 'compose.yaml': code }, ['compose/depends-on-healthy'], ['fix']);
    assert.deepEqual(compose.services.b.depends_on, { a: { condition: 'service_healthy' } }, text);
    assert.match(text, /"depends_on": \{"a": \{"condition": "service_healthy"\}\}/, `flow style kept:\n${text}`);
    const config = await s.compose(['config', '-q']);
    assert.equal(config.code, 0, `docker compose config refuses the fixed file: ${describeRun(config)}\n${text}`);
    const up = await s.up([], 60);
    assert.equal(up.code, 0, describeRun(up));
    const [a, b] = await Promise.all(['a', 'b'].map(async (name) => inspect(await containerOf(s, name))));
    assert.ok(Date.parse(b.State.StartedAt) >= Date.parse(a.State.StartedAt) + 2000, 'b waited for a to be healthy');
  });

  it(
    'dockerfile/healthcheck on a Debian image that installs the busybox package: the HEALTHCHECK it writes passes (the package has no applet links: no wget, so a bash TCP probe)',
    async () => {
      const dockerfile = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends busybox && rm -rf /var/lib/apt/lists/*\nEXPOSE 8080\nCMD ["busybox", "httpd", "-f", "-p", "8080", "-h", "/www"]\n';
      const s = stack('busybox-package', { Dockerfile: dockerfile, 'compose.yaml': yaml({ services: { app: { build: '.' } } }), '.docker-harden.yaml': onlyRulesConfig(['dockerfile/healthcheck'], 'profile: strict\n') });
      const out = await cli(['fix', '--unsafe', 'Dockerfile'], s.dir);
      assert.ok(out.code === 0 || out.code === 1, describeRun(out));
      const fixedText = fs.readFileSync(path.join(s.dir, 'Dockerfile'), 'utf8');
      const healthcheck = fixedText.split('\n').find((line) => line.startsWith('HEALTHCHECK'));
      assert.ok(healthcheck, `the fix added a HEALTHCHECK:\n${fixedText}`);
      // The stand-in: what `apt-get install busybox` puts in a Debian image (/bin/busybox, no links), and the product's line.
      fs.copyFileSync(BUSYBOX, path.join(s.dir, 'busybox'));
      fs.writeFileSync(path.join(s.dir, 'Dockerfile'), fixedText.replace(/^FROM .*$/m, 'FROM local/debian:bookworm').replace(/^RUN apt-get .*$/m, 'COPY busybox /bin/busybox\nRUN mkdir -p /www && echo ok > /www/index.html'));
      fs.writeFileSync(path.join(s.dir, 'compose.override.yaml'), yaml({ services: { app: { healthcheck: { interval: '1s', start_period: '0s', retries: 3 } } } }));
      const up = await s.up(['--build'], 15);
      assert.equal(up.code, 0, `${healthcheck}\n${describeRun(up)}\n${await healthReport(s)}`);
    },
  );

  it('harden on the bundled example, its images replaced by stand-ins: `up --wait` succeeds and every service with a healthcheck is healthy', async () => {
    const s = stack('example', {});
    copyTree(path.join(repoRoot, 'examples', 'vrecommendation'), s.dir);
    const out = await cli(['harden', 'docker-compose.yml'], s.dir);
    assert.ok(out.code === 0 || out.code === 1, describeRun(out));
    const hardened = parseDocument(fs.readFileSync(path.join(s.dir, 'docker-compose.yml'), 'utf8')).toJS();
    const services = Object.keys(hardened.services);
    // Each service's stand-in: the tool set its real image has (knowledge base; the Dockerfiles' installs), the user its
    // hardened Dockerfile switches to, its HEALTHCHECK lines, and busybox httpd on its port answering every probed path.
    const standIns: Record<string, { from: string; port: number; dockerfile?: string; user?: string; extra?: string }> = {
      redis: { from: 'local/busybox:latest', port: 6379, extra: 'RUN printf \'#!/bin/sh\\n[ "$1" = ping ] && wget -q -O /dev/null http://127.0.0.1:6379/ && echo PONG\\n\' > /bin/redis-cli && chmod 755 /bin/redis-cli' },
      api_server: { from: 'local/debian-curl:bookworm', port: 2030, dockerfile: 'backend/api_server/Dockerfile', user: 'appuser' }, // debian:bookworm-slim + curl
      ai_server: { from: 'local/debian-curl:bookworm', port: 9999, dockerfile: 'backend/ai_server/Dockerfile', user: 'app' }, // python:3.9-slim + curl
      prometheus: { from: 'local/busybox:latest', port: 9090, user: 'nobody' }, // prom/prometheus: busybox
      frontend: { from: 'local/busybox:latest', port: 5173, dockerfile: 'frontend/project/Dockerfile', user: 'node' }, // node:18-alpine
    };
    assert.deepEqual(services.sort(), Object.keys(standIns).sort(), 'the example\'s services');
    const texts = [fs.readFileSync(path.join(s.dir, 'docker-compose.yml'), 'utf8'), ...Object.values(standIns).flatMap((x) => (x.dockerfile ? [fs.readFileSync(path.join(s.dir, x.dockerfile), 'utf8')] : []))];
    const routes = new Set(['/', ...texts.join('\n').matchAll(/http:\/\/(?:127\.0\.0\.1|localhost):\d+(\/[\w./-]*)/g)].map((m) => (typeof m === 'string' ? m : m[1])));
    const override: Record<string, unknown> = {};
    for (const [name, x] of Object.entries(standIns)) {
      const dir = path.join(s.dir, 'standins', name);
      fs.mkdirSync(dir, { recursive: true });
      const debian = x.from.startsWith('local/debian');
      if (debian) fs.copyFileSync(BUSYBOX, path.join(dir, 'busybox'));
      const healthchecks = x.dockerfile ? [...fs.readFileSync(path.join(s.dir, x.dockerfile), 'utf8').matchAll(/^HEALTHCHECK(?:.*\\\r?\n)*.*$/gm)].map((m) => m[0]) : [];
      const files = [...routes].map((r) => `/www${r.endsWith('/') ? `${r}index.html` : r}`);
      const lines = [
        `FROM ${x.from}`,
        ...(debian ? ['COPY busybox /usr/local/bin/busybox'] : []),
        `RUN for f in ${files.join(' ')}; do mkdir -p "$(dirname "$f")" && echo ok > "$f"; done`,
        ...(x.user && x.user !== 'nobody' ? [debian ? `RUN useradd -r ${x.user}` : `RUN echo '${x.user}:x:1000:1000::/tmp:/bin/sh' >> /etc/passwd`] : []),
        ...(x.extra ? [x.extra] : []),
        ...healthchecks,
        ...(x.user ? [`USER ${x.user}`] : []),
        `ENTRYPOINT ["/bin/sh", "-c", "exec busybox httpd -f -p ${x.port} -h /www", "--"]`,
        'CMD []',
      ];
      fs.writeFileSync(path.join(dir, 'Dockerfile'), `${lines.join('\n')}\n`);
      override[name] = {
        image: `dh-standin-${path.basename(s.dir).toLowerCase()}-${name.replace(/_/g, '-')}`,
        build: { context: `./standins/${name}`, dockerfile: 'Dockerfile' },
        container_name: '!reset',
        ports: '!reset',
        // Probe every second (the hardened 30 s would make the chain of three take minutes); the test is kept.
        healthcheck: { interval: '1s', start_period: '0s', retries: 30 },
      };
    }
    // `!reset` (Compose 2.24+): no fixed container names or host ports, so two runs on one machine do not collide.
    const overrideText = yaml({ services: override }).replace(/container_name: ["']!reset["']/g, 'container_name: !reset null').replace(/ports: ["']!reset["']/g, 'ports: !reset []');
    fs.writeFileSync(path.join(s.dir, 'standins.yaml'), overrideText);
    fs.writeFileSync(path.join(s.dir, '.env'), 'GOOGLE_CLIENT_SECRET=google-secret-value\n');
    const files = ['-f', 'docker-compose.yml', ...(fs.existsSync(path.join(s.dir, 'docker-compose.override.yml')) ? ['-f', 'docker-compose.override.yml'] : []), '-f', 'standins.yaml'];
    try {
      const up = await s.compose([...files, 'up', '-d', '--build', '--wait', '--wait-timeout', '120'], 240_000);
      assert.equal(up.code, 0, `${describeRun(up)}\n${await healthReport(s)}`);
      const ids = (await s.compose([...files, 'ps', '-a', '-q'])).stdout.trim().split('\n').filter(Boolean);
      const states = await Promise.all(ids.map(async (id) => inspect(id)));
      const withHealthcheck = states.filter((x) => x.State.Health);
      assert.deepEqual(withHealthcheck.filter((x) => x.State.Health.Status !== 'healthy').map((x) => `${x.Name}: ${x.State.Health.Status}`), []);
      assert.equal(withHealthcheck.length, services.length, `every service has a healthcheck after harden:\n${await healthReport(s)}`);
      // The secrets harden moved out of the environment: read by the non-root users through *_FILE.
      const read = await s.compose([...files, 'exec', '-T', 'ai_server', 'sh', '-c', 'id -u && cat "$ADMIN_PASSWORD_FILE"']);
      assert.equal(read.code, 0, describeRun(read));
      assert.notEqual(read.stdout.split('\n')[0], '0');
      assert.equal(read.stdout.split('\n')[1], 'admin123');
      const google = await s.compose([...files, 'exec', '-T', 'api_server', 'sh', '-c', 'cat "$GOOGLE_CLIENT_SECRET_FILE"']);
      assert.equal(google.stdout.trim(), 'google-secret-value', describeRun(google));
    } finally {
      await s.compose([...files, 'kill'], 60_000);
      await s.compose([...files, 'down', '-v', '--timeout', '0', '--rmi', 'all'], 120_000);
    }
  });
});

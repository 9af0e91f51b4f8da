// `npm test`: build, type-check, then every test file under test/ (unit, rules, CLI, LSP, editor end-to-end,
// Neovim) with Node's test runner. `node scripts/test.mjs <substring>...` runs only the matching files.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const filters = args.filter((a) => !a.startsWith('--'));

function run(command, commandArgs, label) {
  const started = Date.now();
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${result.status ?? result.signal}, ${seconds}s)`);
    process.exit(1);
  }
  console.log(`✔ ${label} (${seconds}s)`);
}

function findTests(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.name.endsWith('.test.ts')) found.push(path.relative(root, full));
  }
  return found.sort();
}

if (!skipBuild) {
  run(process.execPath, ['scripts/build.mjs'], 'build');
  run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b'], 'typecheck');
}
const files = findTests(path.join(root, 'test')).filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// The editor and Neovim tests need the editor (installed once into .cache/editor) and Debian's chromium and
// neovim: a fresh machine gets them here, so `npm test` alone runs everything.
if (files.some((file) => file.startsWith(path.join('test', 'e2e')) || file.startsWith(path.join('test', 'nvim'))) && process.env.DOCKER_HARDEN_SKIP_EDITOR_TESTS !== '1') {
  const { ensureDebianPackages, TEST_PACKAGES } = await import('./editor/system-deps.mjs');
  ensureDebianPackages(TEST_PACKAGES, 'the editor tests');
  run(process.execPath, ['scripts/editor/install.mjs'], 'editor (code-server, Node 24)');
}
// The pre-commit test runs Debian's pre-commit (3.0.4 on bookworm) on a temp repository.
if (files.some((file) => file.startsWith(path.join('test', 'packages', 'pre-commit')))) {
  const { ensureDebianPackages } = await import('./editor/system-deps.mjs');
  ensureDebianPackages(['pre-commit'], 'the pre-commit test');
}
// The Emacs test runs Debian's Emacs 28 with eglot as a client of the language-server package.
if (files.some((file) => file.startsWith(path.join('test', 'emacs'))) && process.env.DOCKER_HARDEN_SKIP_EDITOR_TESTS !== '1') {
  const { ensureDebianPackages } = await import('./editor/system-deps.mjs');
  ensureDebianPackages(['emacs-nox', 'elpa-eglot'], 'the Emacs test');
}
// The Docker tests (test/docker) need a Docker Engine, Compose v2 and the local images: scripts/docker/test-env.sh
// installs and starts them (about a minute on a fresh machine), and the daemon it started is stopped at the end. If
// that fails, the tests run anyway and fail with its reason (passed in DOCKER_HARDEN_DOCKER_SETUP): never skipped.
const dockerTests = files.some((file) => file.startsWith(path.join('test', 'docker') + path.sep));
let stopDocker = false;
const env = { ...process.env };
if (dockerTests) {
  const answered = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
  const started = Date.now();
  const setup = spawnSync('bash', [path.join(root, 'scripts', 'docker', 'test-env.sh'), 'start'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  process.stdout.write(setup.stdout ?? '');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (setup.status === 0) console.log(`✔ Docker test environment (${seconds}s)`);
  else {
    const reason = `${setup.error?.message ?? ''}${setup.stdout ?? ''}${setup.stderr ?? ''}`.trim().split('\n').slice(-8).join(' | ');
    console.error(`✖ Docker test environment failed (exit ${setup.status}, ${seconds}s): ${reason}`);
    env.DOCKER_HARDEN_DOCKER_SETUP = `exit ${setup.status}: ${reason}`;
  }
  stopDocker = !answered && spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
}
const started = Date.now();
const tests = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { cwd: root, stdio: 'inherit', env });
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (stopDocker) spawnSync('bash', [path.join(root, 'scripts', 'docker', 'test-env.sh'), 'stop'], { cwd: root, stdio: 'inherit' });
if (tests.status !== 0) {
  console.error(`\n✖ tests (${files.length} files) failed (exit ${tests.status ?? tests.signal}, ${seconds}s)`);
  process.exit(1);
}
console.log(`✔ tests (${files.length} files) (${seconds}s)`);

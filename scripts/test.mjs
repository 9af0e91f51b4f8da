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
run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], `tests (${files.length} files)`);

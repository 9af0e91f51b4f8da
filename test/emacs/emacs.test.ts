/**
 * Emacs (Debian's 28.2 with Debian's eglot 1.9, installed by scripts/test.mjs) as an LSP client of the language-server
 * npm package: the packed tarball installed offline in an empty folder, started by eglot with the setup of
 * docs/editors.md (its elisp block, evaluated as it is). Emacs must receive the engine's diagnostics for a compose file and a Dockerfile, and flymake must
 * show them. (Helix and Zed are not in Debian: docs/editors.md documents them untested.)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { LineIndex, lint } from '../../engine/src/index';
import { diskWorkspace } from '../../engine/src/node';
import { installInEmptyFolder, pack, repoRoot, tempDir } from '../packages/pack';

const EMACS = process.env.DOCKER_HARDEN_EMACS ?? 'emacs';
// As the Neovim test: skipped only outside CI with DOCKER_HARDEN_SKIP_EDITOR_TESTS=1 (then scripts/test.mjs installs nothing).
const skip = !process.env.CI && process.env.DOCKER_HARDEN_SKIP_EDITOR_TESTS === '1' ? 'DOCKER_HARDEN_SKIP_EDITOR_TESTS=1' : false;
let work = '';
before(() => {
  work = tempDir('emacs');
});
after(() => fs.rmSync(work, { recursive: true, force: true, maxRetries: 3 }));

interface EmacsResult {
  file: string;
  error?: string;
  mode?: string;
  managed?: boolean;
  received_ms?: number;
  published?: { code: string | null; line: number; character: number; message: string }[];
  flymake?: { line: number; text: string }[];
}

/** What the server should publish for a file: the engine's problems (0-based positions, as LSP sends them). */
function expected(file: string, folder: string) {
  const text = fs.readFileSync(file, 'utf8');
  const lines = new LineIndex(text);
  // The server reads the workspace copy's other files (the linked Dockerfiles, .env): the engine here too.
  return lint(file, text, { workspace: diskWorkspace(folder) })
    .problems.map((p) => {
      const start = lines.positionAt(p.start);
      return { code: p.ruleId, line: start.line, character: start.character, message: p.message };
    })
    .sort(order);
}

function order(a: { line: number; character: number; code: string | null; message: string }, b: typeof a): number {
  return a.line - b.line || a.character - b.character || String(a.code).localeCompare(String(b.code)) || a.message.localeCompare(b.message);
}

test('Emacs (eglot) starts docker-harden-language-server from the npm package and shows its diagnostics', { skip, timeout: 120_000 }, () => {
  const version = spawnSync(EMACS, ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, `${EMACS} does not run (apt-get install -y emacs-nox elpa-eglot; npm test does): ${version.error ?? version.stderr}`);
  const cache = path.join(work, 'npm-cache');
  const installed = installInEmptyFolder(pack('language-server', work, cache).tarball, cache);
  const server = path.join(installed, 'node_modules', '.bin', 'docker-harden-language-server');

  const workspace = path.join(work, 'workspace');
  fs.cpSync(path.join(repoRoot, 'examples', 'vrecommendation'), workspace, { recursive: true });
  const compose = path.join(workspace, 'docker-compose.yml');
  const dockerfile = path.join(workspace, 'backend', 'ai_server', 'Dockerfile');
  const resultFile = path.join(work, 'result.json');
  const run = spawnSync(EMACS, ['--batch', '-q', '-l', path.join(__dirname, 'check.el')], {
    cwd: workspace,
    encoding: 'utf8',
    timeout: 100_000,
    env: {
      ...process.env,
      HOME: path.join(work, 'home'),
      // docs/editors.md's setup runs `docker-harden-language-server` from PATH: the installed package's bin folder
      // first, then the Node that runs this test (the bin starts with `#!/usr/bin/env node`).
      PATH: [path.dirname(server), path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter),
      DOCKER_HARDEN_EDITORS_DOC: path.join(repoRoot, 'docs', 'editors.md'),
      DOCKER_HARDEN_FILES: [compose, dockerfile].join(':'),
      DOCKER_HARDEN_RESULT: resultFile,
    },
  });
  const output = `\n--- emacs stdout ---\n${run.stdout}\n--- emacs stderr ---\n${run.stderr}`;
  assert.ok(fs.existsSync(resultFile), `Emacs wrote no result (exit ${run.status ?? run.signal})${output}`);
  const [composeResult, dockerfileResult] = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as EmacsResult[];
  assert.deepEqual([composeResult.error, dockerfileResult.error], [undefined, undefined], output);
  assert.match(run.stderr, /\[eglot\] Connected! Server `docker-harden'/);

  assert.deepEqual([composeResult.mode, composeResult.managed], ['yaml-mode', true]);
  const composeExpected = expected(compose, workspace);
  assert.ok(composeExpected.some((d) => d.code === 'compose/healthcheck'));
  assert.deepEqual([...composeResult.published!].sort(order), composeExpected);

  assert.deepEqual([dockerfileResult.mode, dockerfileResult.managed], ['dockerfile-mode', true]);
  // The server adds dockerfile-utils' own validation to a Dockerfile; ours are the ones with a rule id.
  const ours = dockerfileResult.published!.filter((d) => typeof d.code === 'string' && d.code.startsWith('dockerfile/'));
  assert.deepEqual([...ours].sort(order), expected(dockerfile, workspace));

  // flymake shows every published diagnostic, with its rule id in the text.
  for (const result of [composeResult, dockerfileResult]) {
    assert.equal(result.flymake!.length, result.published!.length, result.file);
    for (const diagnostic of result.published!.filter((d) => d.code)) {
      assert.ok(result.flymake!.some((shown) => shown.line === diagnostic.line + 1 && shown.text.includes(`[${diagnostic.code}]`) && shown.text.includes(diagnostic.message)), `${diagnostic.code} on line ${diagnostic.line + 1}`);
    }
  }
});

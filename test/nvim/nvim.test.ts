/**
 * Neovim (Debian's 0.7.2) as a second, independent LSP client of dist/server.js over stdio: headless, isolated XDG
 * dirs, a docker-compose.yml opened with the plain `yaml` filetype and a Dockerfile. Diagnostics must match the
 * engine's, and the code action applied by Neovim must give the engine's text.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { LineIndex, applyEdits, lint } from '../../engine/src/index';
import { diskWorkspace } from '../../engine/src/node';

const root = path.resolve(__dirname, '..', '..');
const NVIM = process.env.DOCKER_HARDEN_NVIM ?? 'nvim';
const skip = !process.env.CI && process.env.DOCKER_HARDEN_SKIP_EDITOR_TESTS === '1' ? 'DOCKER_HARDEN_SKIP_EDITOR_TESTS=1' : false;
const NVIM_SEVERITY = { error: 1, warning: 2, info: 3 } as const;

let dir = '';
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-nvim-'));
  fs.cpSync(path.join(root, 'examples', 'vrecommendation'), path.join(dir, 'workspace'), { recursive: true });
});
after(() => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 }));

interface NvimResult {
  file?: string;
  filetype?: string;
  error?: string;
  diagnostics_ms?: number;
  total_ms?: number;
  diagnostics?: { code: string; href: string | null; severity: number; message: string; line: number; col: number; end_line: number; end_col: number }[];
  action?: { title: string; kind: string; has_edit: boolean };
  text_after_fix?: string;
}

/** What Neovim should see for a file, from the engine, and the text after the fix of `ruleId` on `at`. */
function expected(file: string, ruleId: string, at?: string) {
  const text = fs.readFileSync(file, 'utf8');
  const lines = new LineIndex(text);
  // The server reads the workspace copy's other files (the linked Dockerfiles, .env): the engine here too.
  const problems = lint(file, text, { workspace: diskWorkspace(path.join(dir, 'workspace')) }).problems;
  const target = problems.find((p) => p.ruleId === ruleId && p.fixes.length > 0 && (at === undefined || text.slice(p.start, p.end) === at));
  assert.ok(target, `the engine reports no fixable ${ruleId} in ${file}`);
  const order = (a: { line: number; col: number; code: string; message: string }, b: typeof a) =>
    a.line - b.line || a.col - b.col || a.code.localeCompare(b.code) || a.message.localeCompare(b.message);
  return {
    diagnostics: problems
      .map((p) => {
        const start = lines.positionAt(p.start);
        const end = lines.positionAt(p.end);
        // Neovim 0.7 does not advertise codeDescriptionSupport, so the server leaves the docs link out.
        return { code: p.ruleId, href: null, severity: NVIM_SEVERITY[p.severity], message: p.message, line: start.line, col: start.character, end_line: end.line, end_col: end.character };
      })
      .sort(order),
    title: target.fixes[0].title,
    line: lines.positionAt(target.start).line,
    output: applyEdits(text, target.fixes[0].edits),
    order,
  };
}

test('Neovim gets diagnostics and applies a code action for docker-compose.yml (yaml) and a Dockerfile', { skip, timeout: 30_000 }, (t) => {
  const server = path.join(root, 'dist', 'server.js');
  assert.ok(fs.existsSync(server), 'dist/server.js is missing: run node scripts/build.mjs');
  const version = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, `${NVIM} does not run (apt-get install -y neovim): ${version.error ?? version.stderr}`);

  const workspace = path.join(dir, 'workspace');
  const compose = path.join(workspace, 'docker-compose.yml');
  const dockerfile = path.join(workspace, 'backend', 'ai_server', 'Dockerfile');
  const composeExpected = expected(compose, 'compose/healthcheck', 'redis');
  const dockerfileExpected = expected(dockerfile, 'dockerfile/json-args');
  const resultFile = path.join(dir, 'result.json');
  const xdg = (name: string) => fs.mkdirSync(path.join(dir, 'xdg', name), { recursive: true }) ?? path.join(dir, 'xdg', name);

  const started = Date.now();
  const run = spawnSync(NVIM, ['--headless', '-i', 'NONE', '-n', '-u', path.join(__dirname, 'init.lua'), '-c', `luafile ${path.join(__dirname, 'check.lua')}`], {
    cwd: workspace,
    encoding: 'utf8',
    timeout: 25_000,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: xdg('config'),
      XDG_DATA_HOME: xdg('data'),
      XDG_STATE_HOME: xdg('state'),
      XDG_CACHE_HOME: xdg('cache'),
      DOCKER_HARDEN_NODE: process.execPath,
      DOCKER_HARDEN_SERVER_CMD: server,
      DOCKER_HARDEN_ROOT: workspace,
      DOCKER_HARDEN_FILES: `${compose}|${composeExpected.line}|${composeExpected.title};${dockerfile}|${dockerfileExpected.line}|${dockerfileExpected.title}`,
      DOCKER_HARDEN_RESULT: resultFile,
    },
  });
  const ms = Date.now() - started;
  const output = `\n--- nvim stdout ---\n${run.stdout}\n--- nvim stderr ---\n${run.stderr}`;
  assert.ok(fs.existsSync(resultFile), `Neovim wrote no result (exit ${run.status ?? run.signal})${output}`);
  const results = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as NvimResult[];
  assert.deepEqual(results.filter((r) => r.error).map((r) => r.error), [], output);
  assert.equal(run.status, 0, `nvim exit ${run.status ?? run.signal}${output}`);

  const [composeResult, dockerfileResult] = results;
  assert.equal(composeResult.filetype, 'yaml');
  assert.deepEqual([...composeResult.diagnostics!].sort(composeExpected.order), composeExpected.diagnostics);
  assert.deepEqual(composeResult.action, { title: composeExpected.title, kind: 'quickfix', has_edit: true });
  assert.equal(composeResult.text_after_fix, composeExpected.output);

  assert.equal(dockerfileResult.filetype, 'dockerfile');
  // The server adds dockerfile-utils' own validation to the Dockerfile; compare ours (code = rule id).
  const ours = dockerfileResult.diagnostics!.filter((d) => typeof d.code === 'string' && d.code.startsWith('dockerfile/'));
  assert.deepEqual([...ours].sort(dockerfileExpected.order), dockerfileExpected.diagnostics);
  assert.deepEqual(dockerfileResult.action, { title: dockerfileExpected.title, kind: 'quickfix', has_edit: true });
  assert.equal(dockerfileResult.text_after_fix, dockerfileExpected.output);

  t.diagnostic(
    `nvim run ${ms} ms; compose: diagnostics after ${composeResult.diagnostics_ms!.toFixed(0)} ms, fix applied after ${composeResult.total_ms!.toFixed(0)} ms; ` +
      `Dockerfile: ${dockerfileResult.diagnostics_ms!.toFixed(0)} / ${dockerfileResult.total_ms!.toFixed(0)} ms`,
  );
  assert.ok(ms < 5000, `one Neovim run took ${ms} ms`);
});

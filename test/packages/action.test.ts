/**
 * The GitHub Action (action.yml): its entry script run the way the runner runs it, with INPUT_* variables,
 * GITHUB_WORKSPACE, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, on the bundled CLI of packages/cli (built by
 * scripts/build.mjs). Checked: the step summary table, the outputs, the annotations, the SARIF file, the exit status.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { cli, onlyRulesConfig } from '../cli/helpers';
import { source } from '../lib/yaml-tag';
import { repoRoot, tempDir } from './pack';

const entry = path.join(repoRoot, 'action', 'main.cjs');
const cleanup: string[] = [];
after(() => {
  for (const dir of cleanup) fs.rmSync(dir, { recursive: true, force: true });
});

interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: string;
  summary: string;
}

/** Runs the entry script as the runner does: `node action/main.cjs` with the inputs as INPUT_<NAME> (hyphens kept). */
function runAction(workspace: string, inputs: Record<string, string>): ActionRun {
  const files = tempDir('action-files');
  cleanup.push(files);
  const outputFile = path.join(files, 'output');
  const summaryFile = path.join(files, 'summary');
  fs.writeFileSync(outputFile, '');
  fs.writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: files,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  // Started in another folder: the script must lint GITHUB_WORKSPACE, not its working directory.
  const result = spawnSync(process.execPath, [entry], { cwd: files, env, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs: fs.readFileSync(outputFile, 'utf8'), summary: fs.readFileSync(summaryFile, 'utf8') };
}

function smallProject(): string {
  const dir = tempDir('action-ws');
  cleanup.push(dir);
  const files: Record<string, string> = {
    '.docker-harden.yaml': onlyRulesConfig(['compose/secret-in-environment', 'compose/restart-policy', 'dockerfile/json-args']),
    'docker-compose.yml': source`
      services:
        web:
          image: nginx:1.27
          environment:
            DB_PASSWORD: hunter2
        cache:
          image: redis:7.2
    `,
    'api|v2/Dockerfile': 'FROM debian:bookworm\nCMD echo hi\n',
    'clean/compose.yaml': 'services:\n  job:\n    image: busybox:1.36\n    restart: "no"\n',
  };
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('action.yml', () => {
  it('declares the inputs path, format, fail-on, config and runs action/main.cjs with the runner\'s Node', () => {
    const action = parseYaml(fs.readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; outputs: Record<string, unknown>; runs: { using: string; main: string } };
    for (const name of ['path', 'format', 'fail-on', 'config']) assert.ok(action.inputs[name], name);
    assert.deepEqual([action.inputs.path.default, action.inputs.format.default, action.inputs['fail-on'].default], ['.', 'github', 'error']);
    assert.deepEqual(Object.keys(action.outputs).sort(), ['errors', 'files', 'infos', 'problems', 'sarif-file', 'warnings']);
    assert.equal(action.runs.using, 'node24');
    assert.ok(fs.existsSync(path.join(repoRoot, action.runs.main)));
  });
});

describe('the entry script', () => {
  it('writes annotations, the outputs and a step summary table of problems per file and rule', () => {
    const workspace = smallProject();
    const run = runAction(workspace, { path: '.', format: 'github', 'fail-on': 'error' });
    assert.equal(run.status, 1, run.stderr);
    const annotations = cli(['check', '.', '--format', 'github'], workspace).stdout;
    assert.equal(run.stdout, `${annotations}docker-harden: 4 problems in 3 files\n`);
    assert.equal(run.outputs, 'problems=4\nerrors=1\nwarnings=1\ninfos=2\nfiles=3\n');
    assert.equal(
      run.summary,
      [
        '## Docker Harden',
        '',
        '4 problems (1 error, 1 warning, 2 infos) in 2 of 3 files.',
        '',
        '| File | Rule | Severity | Problems |',
        '|---|---|---|---:|',
        '| api\\|v2/Dockerfile | dockerfile/json-args | warning | 1 |',
        '| docker-compose.yml | compose/restart-policy | info | 2 |',
        '| docker-compose.yml | compose/secret-in-environment | error | 1 |',
        '',
        '',
      ].join('\n'),
    );
    assert.ok(!run.summary.includes('hunter2') && !run.stdout.includes('hunter2'), 'a secret value is never printed');
  });

  it('fail-on error passes on warnings; warning fails on them; none passes on errors', () => {
    const workspace = smallProject();
    fs.writeFileSync(path.join(workspace, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx:1.27\n    restart: always\n');
    assert.equal(runAction(workspace, { 'fail-on': 'error' }).status, 0);
    assert.equal(runAction(workspace, { 'fail-on': 'warning' }).status, 1);
    fs.writeFileSync(path.join(workspace, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      DB_PASSWORD: hunter2\n');
    const none = runAction(workspace, { 'fail-on': 'none' });
    assert.equal(none.status, 0);
    assert.match(none.outputs, /^problems=3\nerrors=1\n/);
  });

  it('format sarif writes the CLI\'s SARIF to sarif-file for upload-sarif, and the same summary', () => {
    const workspace = tempDir('action-example');
    cleanup.push(workspace);
    fs.cpSync(path.join(repoRoot, 'examples', 'vrecommendation'), workspace, { recursive: true });
    const run = runAction(workspace, { path: '.', format: 'sarif', 'sarif-file': 'reports/docker-harden.sarif' });
    assert.equal(run.status, 1, run.stderr);
    const sarifText = fs.readFileSync(path.join(workspace, 'reports', 'docker-harden.sarif'), 'utf8');
    assert.equal(sarifText, cli(['check', '.', '--format', 'sarif'], workspace).stdout);
    const sarif = JSON.parse(sarifText) as { version: string; runs: { results: unknown[]; tool: { driver: { name: string } } }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.match(run.outputs, /\nsarif-file=reports\/docker-harden\.sarif\n$/);
    assert.ok(!run.stdout.includes('::'), 'no annotations with SARIF');

    // Every row of the table is the count of that file, rule and severity in the CLI's JSON report.
    const report = JSON.parse(cli(['check', '.', '--format', 'json'], workspace).stdout) as { files: { path: string; problems: { ruleId: string; severity: string }[] }[] };
    const rows = run.summary.split('\n').filter((line) => /^\| (?!File |---)/.test(line));
    const expected = report.files.flatMap((file) => {
      const counts = new Map<string, number>();
      for (const p of file.problems) counts.set(`${p.ruleId} | ${p.severity}`, (counts.get(`${p.ruleId} | ${p.severity}`) ?? 0) + 1);
      return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, count]) => `| ${file.path} | ${key} | ${count} |`);
    });
    assert.deepEqual(rows, expected);
    const total = report.files.reduce((sum, file) => sum + file.problems.length, 0);
    assert.equal(sarif.runs[0].results.length, total);
    assert.match(run.summary, new RegExp(`^## Docker Harden\\n\\n${total} problems \\(`));
    assert.match(run.outputs, new RegExp(`^problems=${total}\\n`));
  });

  it('path: one per line (a folder name with a space), or several on one line', () => {
    const workspace = smallProject();
    fs.mkdirSync(path.join(workspace, 'my app'));
    fs.writeFileSync(path.join(workspace, 'my app', 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n');
    const lines = runAction(workspace, { path: 'my app\nclean\n' });
    assert.equal(lines.status, 0, lines.stdout + lines.stderr);
    assert.equal(lines.outputs, 'problems=1\nerrors=0\nwarnings=0\ninfos=1\nfiles=2\n');
    assert.match(lines.summary, /^\| my app\/compose\.yaml \| compose\/restart-policy \| info \| 1 \|$/m);
    const oneLine = runAction(workspace, { path: 'clean docker-compose.yml' });
    assert.match(oneLine.outputs, /\nfiles=2\n$/);
  });

  it('a clean workspace: exit 0 and a summary that says so', () => {
    const workspace = smallProject();
    const run = runAction(workspace, { path: 'clean' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.summary, '## Docker Harden\n\nNo problems in 1 file.\n\n');
    assert.equal(run.outputs, 'problems=0\nerrors=0\nwarnings=0\ninfos=0\nfiles=1\n');
  });

  it('bad inputs: exit 2 with one ::error:: line and no outputs', () => {
    const workspace = smallProject();
    const cases: [Record<string, string>, string][] = [
      [{ format: 'xml' }, '::error title=docker-harden::format must be one of github, sarif, not "xml"\n'],
      [{ 'fail-on': 'sometimes' }, '::error title=docker-harden::fail-on must be one of error, warning, info, none, not "sometimes"\n'],
      [{ config: 'missing.yaml' }, '::error title=docker-harden::'],
      [{ path: 'no/such/folder' }, '::error title=docker-harden::no/such/folder: no such file or folder\n'],
    ];
    for (const [inputs, message] of cases) {
      const run = runAction(workspace, inputs);
      assert.equal(run.status, 2, JSON.stringify(inputs));
      assert.ok(run.stdout.startsWith(message), `${JSON.stringify(inputs)}: ${run.stdout}`);
      assert.equal(run.stdout.split('\n').filter(Boolean).length, 1);
      assert.equal(run.outputs, '');
    }
  });
});

/**
 * The real-world corpus (shared/corpus/MANIFEST.tsv) through the real executable: every compose file and Dockerfile
 * named on one command line, recognised by name or content; the run exits 0 or 1 (never 2) with valid JSON, and
 * folder discovery over the whole corpus agrees with it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cli, repoRoot } from './helpers';
import { corpusRoot } from '../lib/corpus';



function manifest(): { path: string; kind: 'compose' | 'dockerfile' }[] {
  const lines = fs.readFileSync(path.join(corpusRoot, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  return lines
    .map((line) => line.split('\t'))
    .filter(([, file, kind]) => file && (kind === 'compose' || kind === 'dockerfile'))
    .map(([, file, kind]) => ({ path: file, kind: kind as 'compose' | 'dockerfile' }));
}

interface Report {
  version: number;
  files: { path: string; problems: { ruleId: string; severity: string; line: number; column: number; endLine: number; endColumn: number }[] }[];
}

function checkReport(run: { status: number | null; stdout: string; stderr: string }, expectedPaths: string[]): Report {
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr.slice(0, 2000)}`);
  assert.equal(run.stderr, '', 'no rule crashed, no note');
  const report = JSON.parse(run.stdout) as Report;
  assert.equal(report.version, 1);
  assert.deepEqual(report.files.map((f) => f.path), [...expectedPaths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  for (const file of report.files) {
    for (const p of file.problems) {
      assert.match(p.ruleId, /^(compose|dockerfile)\/[a-z-]+$/);
      assert.ok(['error', 'warning', 'info'].includes(p.severity));
      assert.ok(p.line >= 1 && p.column >= 1 && (p.endLine > p.line || (p.endLine === p.line && p.endColumn >= p.column)), `${file.path} ${JSON.stringify(p)}`);
    }
  }
  return report;
}

describe('the corpus through the CLI', () => {
  const entries = manifest();

  it('the manifest lists compose files and Dockerfiles', () => {
    assert.ok(entries.filter((e) => e.kind === 'compose').length > 400);
    assert.ok(entries.filter((e) => e.kind === 'dockerfile').length > 60);
  });

  let all: Report | undefined;

  it('check --format json on every file named explicitly exits 0 or 1 and prints valid JSON', () => {
    const paths = entries.map((e) => e.path);
    // Two worker threads (asked for: this many files alone would not start any), so the next test compares threads with none.
    all = checkReport(cli(['check', '--format', 'json', ...paths], corpusRoot, { DOCKER_HARDEN_WORKERS: '2' }), paths);
    const problems = all.files.reduce((n, f) => n + f.problems.length, 0);
    assert.ok(problems > 1000, `${problems} problems`);
  });

  it('--kind per group gives the same report (recognition by content agrees with the manifest; threads or not)', () => {
    assert.ok(all, 'the run of the previous test');
    for (const kind of ['compose', 'dockerfile'] as const) {
      const paths = entries.filter((e) => e.kind === kind).map((e) => e.path);
      // Sequential here (DOCKER_HARDEN_WORKERS=0) while the run above used worker threads: the reports must agree.
      const report = checkReport(cli(['check', '--format', 'json', '--kind', kind, ...paths], corpusRoot, { DOCKER_HARDEN_WORKERS: '0' }), paths);
      assert.deepEqual(report.files, all!.files.filter((f) => paths.includes(f.path)));
    }
  });

  it('folder discovery over the corpus finds every compose file (by name or content) and Dockerfile', () => {
    const run = cli(['check', '--format', 'json', '.'], corpusRoot);
    const report = checkReport(run, entries.map((e) => e.path));
    assert.equal(report.files.length, entries.length);
  });
});

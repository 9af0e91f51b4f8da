/**
 * A file with hundreds of thousands of problems (a 9 MB compose file has ~240,000): every formatter prints it. The
 * stylish one spread every problem into Math.max and died with "Maximum call stack size exceeded". Also a guard
 * over the sources: no Math.max/min or push/unshift takes a spread list, which overflows the stack on a long one.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { formatReports } from '../../cli/src/formats';
import { formatTimings } from '../../cli/src/timing';
import type { FileReport, ReportedProblem } from '../../cli/src/report';
import { repoRoot } from './helpers';

const COUNT = 300_000;

function manyProblems(): FileReport[] {
  const problems: ReportedProblem[] = [];
  for (let i = 0; i < COUNT; i++) {
    problems.push({
      ruleId: i % 2 ? 'compose/healthcheck' : 'compose/resource-limits',
      severity: i % 3 === 0 ? 'info' : 'warning',
      message: `Service "svc-${i}" has no healthcheck.`,
      line: i + 2,
      column: 3,
      endLine: i + 2,
      endColumn: 10,
      fix: i % 2 ? { safe: true, title: 'Add a healthcheck' } : null,
    });
  }
  return [{ path: 'compose.yaml', problems }];
}

describe(`${COUNT.toLocaleString('en')} problems in one file`, () => {
  const reports = manyProblems();
  const io = { color: false, cwd: repoRoot, version: '0.0.0' };

  it('stylish prints every one, aligned, and the summary', () => {
    const out = formatReports(reports, { format: 'stylish', profile: 'recommended' }, io);
    const lines = out.split('\n');
    assert.equal(lines.filter((line) => line.includes('Service "svc-')).length, COUNT);
    // Positions are right-aligned to the widest (`300001:3`).
    const widest = 'Service "svc-299999" has no healthcheck.'.length;
    assert.ok(lines.includes(`  ${'2:3'.padStart('300001:3'.length)}  info     ${'Service "svc-0" has no healthcheck.'.padEnd(widest)}  compose/resource-limits`));
    assert.match(out, /✖ 300000 problems \(0 errors, 200000 warnings, 100000 infos\)/);
  });

  for (const format of ['json', 'sarif', 'github'] as const) {
    it(`${format} prints every one`, () => {
      const out = formatReports(reports, { format, profile: 'recommended' }, io);
      assert.equal(out.split('svc-299999').length, 2);
    });
  }

  it('the timing table takes any number of rows', () => {
    const timings = new Map(Array.from({ length: COUNT }, (_, i) => [`rule-${i}`, i] as [string, number]));
    assert.match(formatTimings(timings, 'all'), /rule-299999/);
  });
});

describe('no spread of a list into Math.max/min or push/unshift', () => {
  it('in the CLI, the engine and the server', () => {
    const found: string[] = [];
    const visit = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) visit(full);
        else if (entry.name.endsWith('.ts')) {
          fs.readFileSync(full, 'utf8')
            .split('\n')
            .forEach((line, index) => {
              if (/\bMath\.(max|min)\([^)]*\.\.\.|\.(push|unshift)\(\s*\.\.\./.test(line)) found.push(`${path.relative(repoRoot, full)}:${index + 1}: ${line.trim()}`);
            });
        }
      }
    };
    for (const dir of ['cli/src', 'engine/src', 'server/src']) visit(path.join(repoRoot, dir));
    assert.deepEqual(found, []);
  });
});

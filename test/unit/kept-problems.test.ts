/**
 * keepProblemsOutsideChange (server/src/keptProblems.ts) as data: the last lint's problems on a text that no longer
 * parses, before the changed lines (same offsets), after them (moved by the change), on them or on a line with a
 * syntax error (gone); kept problems have no fixes; anchors follow their lines.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../engine/src/index';
import type { LintData, ProblemSummary } from '../../server/src/engineJobs';
import { changedLines, keepProblemsOutsideChange } from '../../server/src/keptProblems';

/** A problem on the text `word` (its first occurrence at or after `from`). */
function at(text: string, word: string, ruleId = 'compose/healthcheck', fixes = 1, from = 0): ProblemSummary {
  const start = text.indexOf(word, from);
  assert.ok(start >= 0, word);
  return { ruleId, severity: 'warning', message: `${ruleId} on ${word}`, start, end: start + word.length, fixes, safeFix: fixes > 0 };
}

function lintOf(text: string, problems: ProblemSummary[], syntax: ProblemSummary[] = []): LintData {
  const lines = new LineIndex(text);
  const all = [...problems, ...syntax.map((problem) => ({ ...problem, syntaxError: true as const }))].sort((a, b) => a.start - b.start);
  return { kind: 'compose', problems: all, dependencies: ['/w/Dockerfile'], anchors: all.map((problem) => lines.positionAt(problem.start).line), durationMs: 0, ruleErrors: [], ...(syntax.length ? { broken: true as const } : {}) };
}

/** [ruleId, text at the range, anchor line, fixes] of each problem of the result, on the new text. */
function kept(before: string, previous: ProblemSummary[], after: string, syntax: ProblemSummary[]): [string, string, number, number][] {
  const result = keepProblemsOutsideChange({ text: before, lines: new LineIndex(before), result: lintOf(before, previous) }, after, new LineIndex(after), lintOf(after, [], syntax));
  assert.deepEqual(result.dependencies, ['/w/Dockerfile']);
  return result.problems.map((problem, index) => [problem.ruleId, after.slice(problem.start, problem.end), result.anchors[index], problem.fixes]);
}

const BASE = 'services:\n  redis:\n    image: redis:7\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n';
const problems = [at(BASE, 'redis'), at(BASE, 'web'), at(BASE, 'nginx:1.27', 'compose/image-tag'), at(BASE, 'db')];
const syntaxAt = (text: string, word: string) => ({ ...at(text, word, 'compose/schema', 0), message: 'YAML syntax error: Implicit map keys need to be followed by map values' });

describe('keepProblemsOutsideChange', () => {
  it('a line inserted: those above keep their offsets, those below move down with their anchors, none has a fix', () => {
    const after = BASE.replace('  web:\n', '  web:\n    rest\n');
    assert.deepEqual(kept(BASE, problems, after, [syntaxAt(after, 'rest')]), [
      ['compose/healthcheck', 'redis', 1, 0],
      ['compose/healthcheck', 'web', 3, 0],
      ['compose/schema', 'rest', 4, 0],
      ['compose/image-tag', 'nginx:1.27', 5, 0],
      ['compose/healthcheck', 'db', 6, 0],
    ]);
  });

  it('a line with a problem changed: that problem goes, the others stay', () => {
    const after = BASE.replace('    image: nginx:1.27\n', '    image nginx:1.27\n');
    assert.deepEqual(kept(BASE, problems, after, [syntaxAt(after, 'image nginx')]), [
      ['compose/healthcheck', 'redis', 1, 0],
      ['compose/healthcheck', 'web', 3, 0],
      ['compose/schema', 'image nginx', 4, 0],
      ['compose/healthcheck', 'db', 5, 0],
    ]);
  });

  it('lines deleted: those below move up', () => {
    const after = BASE.replace('  redis:\n    image: redis:7\n', '  red\n');
    assert.deepEqual(kept(BASE, problems, after, [syntaxAt(after, 'red')]), [
      ['compose/schema', 'red', 1, 0],
      ['compose/healthcheck', 'web', 2, 0],
      ['compose/image-tag', 'nginx:1.27', 3, 0],
      ['compose/healthcheck', 'db', 4, 0],
    ]);
  });

  it('a kept problem on a line with a syntax error goes (the error is elsewhere than the change)', () => {
    const after = BASE.replace('  db:\n', '  db:\n    x\n');
    // The parser reports the error on the db line itself here.
    assert.deepEqual(kept(BASE, problems, after, [syntaxAt(after, 'db')]).map(([ruleId, text]) => [ruleId, text]), [
      ['compose/healthcheck', 'redis'],
      ['compose/healthcheck', 'web'],
      ['compose/image-tag', 'nginx:1.27'],
      ['compose/schema', 'db'],
    ]);
  });

  it('the same text linted again keeps every problem, the last line too', () => {
    const text = 'services:\n  web:\n    rest';
    const previous = [at(text, 'web')];
    const broken = lintOf(text, previous, [syntaxAt(text, 'rest')]);
    const result = keepProblemsOutsideChange({ text, lines: new LineIndex(text), result: broken }, text, new LineIndex(text), lintOf(text, [], [syntaxAt(text, 'rest')]));
    assert.deepEqual(result.problems.map((problem) => [problem.ruleId, text.slice(problem.start, problem.end), problem.syntaxError ?? false]), [
      ['compose/healthcheck', 'web', false],
      ['compose/schema', 'rest', true],
    ]);
  });

  it('CRLF line breaks: lines and offsets move the same way', () => {
    const crlf = BASE.replace(/\n/g, '\r\n');
    const crlfProblems = [at(crlf, 'redis'), at(crlf, 'db')];
    const after = crlf.replace('  web:\r\n', '  web:\r\n    rest\r\n');
    assert.deepEqual(kept(crlf, crlfProblems, after, [syntaxAt(after, 'rest')]), [
      ['compose/healthcheck', 'redis', 1, 0],
      ['compose/schema', 'rest', 4, 0],
      ['compose/healthcheck', 'db', 6, 0],
    ]);
  });
});

describe('changedLines', () => {
  const lines = (text: string) => new LineIndex(text);
  const cases: [string, string, string, { first: number; oldEnd: number; newEnd: number }][] = [
    ['an inserted line (no old line changed)', 'a\nb\nc\n', 'a\nb\nx\nc\n', { first: 2, oldEnd: 2, newEnd: 3 }],
    ['an inserted line with the indentation of the next one', '  a\n  b\n', '  a\n  x\n  b\n', { first: 1, oldEnd: 1, newEnd: 2 }],
    ['a changed character', 'a\nb\nc\n', 'a\nB\nc\n', { first: 1, oldEnd: 2, newEnd: 2 }],
    ['two lines deleted', 'a\nb\nc\nd\n', 'a\nd\n', { first: 1, oldEnd: 3, newEnd: 1 }],
    ['typing at the end', 'a\nb', 'a\nbc', { first: 1, oldEnd: 2, newEnd: 2 }],
    ['a line break changed (CRLF to LF)', 'a\r\nb\r\n', 'a\nb\r\n', { first: 0, oldEnd: 1, newEnd: 1 }],
    ['the same text', 'a\nb\n', 'a\nb\n', { first: 3, oldEnd: 3, newEnd: 3 }],
  ];
  for (const [what, before, after, expected] of cases) {
    it(what, () => assert.deepEqual(changedLines(before, lines(before), after, lines(after)), expected));
  }
});

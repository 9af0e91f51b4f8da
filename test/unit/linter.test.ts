import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll, lint, memoryWorkspace, MAX_LINT_BYTES } from '../../engine/src/index';
import { source } from '../lib/yaml-tag';

const ws = memoryWorkspace({});

describe('bad input never crashes the linter', () => {
  const cases: [string, string][] = [
    ['empty file', ''],
    ['only a comment', '# nothing\n'],
    ['invalid YAML', source`
      services:
        web:
          image: "nginx
        db: [
    `],
    ['half-typed key', 'services:\n  web:\n    imag'],
    ['a scalar document', 'hello'],
    ['services is a list', 'services:\n  - web\n'],
    ['service is null', 'services:\n  web:\n'],
    ['tabs', 'services:\n\tweb:\n\t\timage: x\n'],
    ['alias cycle attempt', 'a: &a [*a]\nservices: *a\n'],
    ['alias bomb', source`
      a: &a ["x","x","x","x","x","x","x","x","x"]
      b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
      c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
      d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
      e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
      f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
      services:
        web:
          image: redis:7
          x-bomb: *f
    `],
    ['merge of a sequence into a map', source`
      x-env: &env
        - A=1
      services:
        web:
          image: redis:7
          environment:
            <<: *env
    `],
    ['BOM and CRLF', '\uFEFFservices:\r\n  web:\r\n    image: redis:7\r\n'],
    ['interpolation everywhere', source`
      services:
        web:
          image: \${IMAGE:-redis}:\${TAG:?tag required}
          ports:
            - "\${PORT:-80}:80"
    `],
    ['!reset and !override', source`
      services:
        web:
          image: redis:7
          ports: !reset []
          environment: !override
            A: "1"
    `],
  ];
  for (const [name, text] of cases) {
    it(`compose: ${name}`, () => {
      const result = lint('/w/compose.yaml', text, { workspace: ws });
      assert.ok(Array.isArray(result.problems));
      const fixed = fixAll('/w/compose.yaml', text, { workspace: ws });
      assert.equal(typeof fixed.output, 'string');
    });
  }
  it('invalid YAML gives compose/schema errors at their position, and no other rule guesses at the broken tree', () => {
    const text = source`
      services:
        web:
          image: "nginx
    `;
    const problems = lint('/w/compose.yaml', text, { workspace: ws }).problems;
    assert.ok(problems.length > 0);
    assert.ok(problems.every((p) => p.ruleId === 'compose/schema' && p.severity === 'error'));
    assert.ok(problems[0].start >= text.indexOf('"nginx'), 'the error is at the broken scalar, not at line 1');
  });
  it('!reset and !override load without a warning-turned-problem', () => {
    const text = source`
      services:
        web:
          image: redis:7
          ports: !reset []
    `;
    assert.deepEqual(lint('/w/compose.yaml', text, { workspace: ws, only: ['compose/schema'] }).problems, []);
  });
  it('a binary file is one clear problem', () => {
    const problems = lint('/w/Dockerfile', 'FROM x\u0000\u0001\u0002', { workspace: ws }).problems;
    assert.deepEqual(problems.map((p) => [p.ruleId, p.message]), [['dockerfile/syntax', 'This is a binary file, not a text file: nothing to lint.']]);
  });
  it('a file over the size limit is one clear problem', () => {
    const text = 'services:\n' + '#'.repeat(MAX_LINT_BYTES + 1);
    const problems = lint('/w/compose.yaml', text, { workspace: ws }).problems;
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /^File too large to lint \(10\.0 MB; the limit is 10 MB\)\.$/);
  });
  it('a rule that throws is reported through onRuleError and the other rules still run', () => {
    const errors: string[] = [];
    const broken = { kind: 'compose' as const, meta: { id: 'compose/broken', severity: 'error' as const, description: '', rationale: '', examples: { incorrect: [], correct: [] } }, check() { throw new Error('boom'); } };
    const result = lint('/w/compose.yaml', 'version: "3"\nservices: {}\n', {
      workspace: ws,
      ruleSet: [broken, ...require('../../engine/src/index').allRules],
      onRuleError: (id) => errors.push(id),
    });
    assert.deepEqual(errors, ['compose/broken']);
    assert.ok(result.problems.some((p) => p.ruleId === 'compose/obsolete-version'));
  });
  it('a fix whose own edits overlap is left out and reported through onRuleError; fix-all applies the others (it threw "overlapping edits")', () => {
    const text = source`
      services:
        web:
          image: redis:7
    `;
    const meta = { id: 'compose/overlapping', severity: 'error' as const, description: '', rationale: '', examples: { incorrect: [], correct: [] }, fixable: 'safe' as const };
    const rule = {
      kind: 'compose' as const,
      meta,
      check({ report }: { report: (found: unknown) => void }) {
        const overlapping = { title: 'Overlapping', safe: true, edits: [{ start: 0, end: 8, text: 'x' }, { start: 4, end: 4, text: 'y' }] };
        const fine = { title: 'Fine', safe: true, edits: [{ start: text.length, end: text.length, text: '# ok\n' }] };
        report({ start: 0, end: 8, message: 'first', fixes: [overlapping, fine] });
      },
    };
    const errors: string[] = [];
    const result = fixAll('/w/compose.yaml', text, { workspace: ws, maxPasses: 1, ruleSet: [rule as never], onRuleError: (id, error) => errors.push(`${id}: ${(error as Error).message}`) });
    assert.equal(result.output, text + '# ok\n');
    assert.deepEqual([...new Set(errors)], ['compose/overlapping: fix "Overlapping" has overlapping edits']);
    assert.throws(() => lint('/w/compose.yaml', text, { workspace: ws, ruleSet: [rule as never] }), /fix "Overlapping" has overlapping edits/);
  });
});

describe('severities and profiles', () => {
  it('a configured severity wins over the rule default and over a per-problem severity; off disables', () => {
    const text = source`
      services:
        db:
          image: postgres:16
          environment:
            POSTGRES_PASSWORD: example
    `;
    const only = ['compose/secret-in-environment'];
    assert.equal(lint('/w/compose.yaml', text, { workspace: ws, only }).problems[0].severity, 'error');
    assert.equal(lint('/w/compose.yaml', text, { workspace: ws, only, rules: { 'compose/secret-in-environment': 'info' } }).problems[0].severity, 'info');
    assert.deepEqual(lint('/w/compose.yaml', text, { workspace: ws, only, rules: { 'compose/secret-in-environment': 'off' } }).problems, []);
  });
});

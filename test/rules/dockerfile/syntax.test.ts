import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../../engine/src/rules/dockerfile/syntax';
import { applyEdits, fixAll, lint, memoryWorkspace } from '../../../engine/src/index';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:22-alpine\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
    { name: 'style warnings of the validator are left to the other rules', code: 'FROM node:22\nCMD a\nCMD b\nMAINTAINER x\nworkdir a\n' },
    { name: 'known flags', code: 'FROM alpine:3.22\nADD --chmod=644 --checksum=sha256:abc https://example.com/a.tgz /a.tgz\nCOPY --from=build --chown=app:app --link /app /app\nHEALTHCHECK --interval=30s --timeout=3s --start-period=5s --start-interval=1s --retries=3 CMD true\n' },
  ],
  invalid: [
    {
      name: 'errors the library has no fix for',
      code: 'FROM node:22-alpine\nEXPOSE port\nFOO bar\nCOPY\n',
      errors: [
        { line: 2, column: 8, endColumn: 12, message: 'Invalid containerPort: port', severity: 'error', fixes: [] },
        { line: 3, column: 1, message: 'Unknown instruction: FOO', fixes: [] },
        { line: 4, column: 1, message: 'COPY requires at least two arguments', fixes: [] },
      ],
    },
    {
      name: 'misspelled HEALTHCHECK flags: only the flags they are a misspelling of, closest first',
      code: 'FROM alpine:3.22\n# probe the app\nHEALTHCHECK --intervall=30s --timout=3s --start_period=5s CMD wget -qO- http://localhost:3000/ || exit 1\n',
      errors: [
        { line: 3, column: 13, endColumn: 24, message: 'Unknown flag: intervall', severity: 'error', fixes: ['Convert to --interval'] },
        { line: 3, column: 29, endColumn: 37, message: 'Unknown flag: timout', fixes: ['Convert to --timeout'] },
        { line: 3, column: 41, endColumn: 55, message: 'Unknown flag: start_period', fixes: ['Convert to --start-period'] },
      ],
      output: null,
      unsafeOutput: 'FROM alpine:3.22\n# probe the app\nHEALTHCHECK --interval=30s --timeout=3s --start-period=5s CMD wget -qO- http://localhost:3000/ || exit 1\n',
    },
    {
      name: 'a flag that is no misspelling of a known one gets no fix',
      code: 'FROM alpine:3.22\nHEALTHCHECK --every=30s CMD true\nADD --chmd=644 a.txt /a.txt\nCOPY --=x a.txt /a.txt\n',
      errors: [
        { line: 2, column: 13, endColumn: 20, message: 'Unknown flag: every', fixes: [] },
        { line: 3, column: 5, endColumn: 11, message: 'Unknown flag: chmd', fixes: [] },
        { line: 4, column: 6, message: 'Unknown flag: ', fixes: [] },
      ],
    },
    {
      name: 'misspelled ADD and COPY flags',
      code: 'FROM alpine:3.22 AS build\nFROM alpine:3.22\n# files of the app\nADD --chwn=app:app app.tgz /app/\nCOPY --frm=build --chonw=app:app /app /app\n',
      errors: [
        { line: 4, column: 5, endColumn: 11, message: 'Unknown flag: chwn', fixes: ['Convert to --chown'] },
        { line: 5, column: 6, endColumn: 11, message: 'Unknown flag: frm', fixes: ['Convert to --from'] },
        { line: 5, column: 18, endColumn: 25, message: 'Unknown flag: chonw', fixes: ['Convert to --chown'] },
      ],
      output: null,
      unsafeOutput: 'FROM alpine:3.22 AS build\nFROM alpine:3.22\n# files of the app\nADD --chown=app:app app.tgz /app/\nCOPY --from=build --chown=app:app /app /app\n',
    },
    {
      name: 'second FROM argument that should be AS',
      code: '# build stage\nFROM node:22-alpine AZ build\nRUN npm ci\n',
      errors: [{ line: 2, column: 21, endColumn: 23, message: 'Second argument should be AS', fixes: ['Convert to AS'] }],
      output: null,
      unsafeOutput: '# build stage\nFROM node:22-alpine AS build\nRUN npm ci\n',
    },
    {
      name: 'extra argument',
      code: 'FROM alpine:3.22\n# stop gracefully\nSTOPSIGNAL SIGTERM SIGKILL\n',
      errors: [{ line: 3, column: 20, endColumn: 27, message: 'Instruction has an extra argument', fixes: ['Remove extra argument'] }],
      output: null,
      unsafeOutput: 'FROM alpine:3.22\n# stop gracefully\nSTOPSIGNAL SIGTERM \n',
    },
    {
      name: 'CRLF line breaks',
      code: 'FROM alpine:3.22\r\nCOPY --frm=build /app /app\r\n',
      errors: [{ line: 2, column: 6, endColumn: 11, message: 'Unknown flag: frm', fixes: ['Convert to --from'] }],
      output: null,
      unsafeOutput: 'FROM alpine:3.22\r\nCOPY --from=build /app /app\r\n',
    },
  ],
});

// The escape directive is itself a comment line, which the fix rewrites: checked here rather than by the tester's
// "every comment survives" property.
describe('dockerfile/syntax: invalid escape directive', () => {
  const code = '# escape=x\nFROM alpine:3.22\n# a comment\nRUN echo a \\\n  b\n';
  const options = { only: [rule.meta.id], ruleSet: [rule], workspace: memoryWorkspace({ '/workspace/Dockerfile': code }) };

  it('offers both escape characters, backslash (the default) first, as unsafe fixes', () => {
    const [problem, ...others] = lint('/workspace/Dockerfile', code, options).problems;
    assert.deepEqual(others, []);
    assert.equal(problem.message, "invalid ESCAPE 'x'. Must be ` or \\");
    assert.deepEqual([problem.start, problem.end], [9, 10]);
    assert.deepEqual(problem.fixes.map((fix) => [fix.title, fix.safe]), [['Convert to backslash', false], ['Convert to backtick', false]]);
    assert.equal(applyEdits(code, problem.fixes[1].edits), code.replace('escape=x', 'escape=`'));
  });

  it('fix-all: untouched without --unsafe; with it, backslash, the other comments kept, and a second run changes nothing', () => {
    assert.equal(fixAll('/workspace/Dockerfile', code, options).output, code);
    const fixed = fixAll('/workspace/Dockerfile', code, { ...options, unsafe: true }).output;
    assert.equal(fixed, code.replace('escape=x', 'escape=\\'));
    assert.equal(fixAll('/workspace/Dockerfile', fixed, { ...options, unsafe: true }).output, fixed);
  });
});

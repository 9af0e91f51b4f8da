import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../../engine/src/rules/dockerfile/syntax';
import { applyEdits, fixAll, lint, memoryWorkspace } from '../../../engine/src/index';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    { name: 'a quoted folder destination of several sources; ports up to 65535; port variables', code: 'FROM debian:12\nCOPY foo bar "baz/"\nEXPOSE 65535 40000-60000/tcp ${PORT} 40000-${LAST}\n' },
    source`
      FROM node:22-alpine
      EXPOSE 3000
      CMD ["node", "server.js"]
    `,
    { name: 'style warnings of the validator are left to the other rules', code: source`
      FROM node:22
      CMD a
      CMD b
      MAINTAINER x
      workdir a
    ` },
    { name: 'known flags', code: source`
      FROM alpine:3.22
      ADD --chmod=644 --checksum=sha256:abc https://example.com/a.tgz /a.tgz
      COPY --from=build --chown=app:app --link /app /app
      HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --start-interval=1s --retries=3 CMD true
    ` },
  ],
  invalid: [
    {
      name: 'errors hadolint also has rules for carry its codes',
      code: source`
        LABEL a=b
        FROM debian:12 AS build
        FROM debian:12 AS build
        COPY a b c
        EXPOSE 80000 40000-65536/tcp 8080
        ONBUILD FROM debian:12
      `,
      errors: [
        { line: 1, column: 1, code: 'DL3061' },
        { line: 2, column: 19, code: 'DL3024' },
        { line: 3, column: 19, code: 'DL3024' },
        { line: 4, column: 10, code: 'DL3021' },
        { line: 5, column: 8, endColumn: 13, code: 'DL3011', message: '`80000` is not a port: ports go from 0 to 65535.' },
        { line: 5, column: 14, endColumn: 29, code: 'DL3011' },
        { line: 6, column: 9, code: 'DL3043' },
      ],
    },
    {
      name: 'errors the library has no fix for',
      code: source`
        FROM node:22-alpine
        EXPOSE port
        FOO bar
        COPY
      `,
      errors: [
        { line: 2, column: 8, endColumn: 12, message: 'Invalid containerPort: port', severity: 'error', fixes: [] },
        { line: 3, column: 1, message: 'Unknown instruction: FOO', fixes: [] },
        { line: 4, column: 1, message: 'COPY requires at least two arguments', fixes: [] },
      ],
    },
    {
      name: 'misspelled HEALTHCHECK flags: only the flags they are a misspelling of, closest first',
      code: source`
        FROM alpine:3.22
        # probe the app
        HEALTHCHECK --intervall=30s --timout=3s --start_period=5s CMD wget -qO- http://localhost:3000/ || exit 1
      `,
      errors: [
        { line: 3, column: 13, endColumn: 24, message: 'Unknown flag: intervall', severity: 'error', fixes: ['Convert to --interval'] },
        { line: 3, column: 29, endColumn: 37, message: 'Unknown flag: timout', fixes: ['Convert to --timeout'] },
        { line: 3, column: 41, endColumn: 55, message: 'Unknown flag: start_period', fixes: ['Convert to --start-period'] },
      ],
      output: null,
      unsafeOutput: source`
        FROM alpine:3.22
        # probe the app
        HEALTHCHECK --interval=30s --timeout=3s --start-period=5s CMD wget -qO- http://localhost:3000/ || exit 1
      `,
    },
    {
      name: 'a flag that is no misspelling of a known one gets no fix',
      code: source`
        FROM alpine:3.22
        HEALTHCHECK --every=30s CMD true
        ADD --chmd=644 a.txt /a.txt
        COPY --=x a.txt /a.txt
      `,
      errors: [
        { line: 2, column: 13, endColumn: 20, message: 'Unknown flag: every', fixes: [] },
        { line: 3, column: 5, endColumn: 11, message: 'Unknown flag: chmd', fixes: [] },
        { line: 4, column: 6, message: 'Unknown flag: ', fixes: [] },
      ],
    },
    {
      name: 'misspelled ADD and COPY flags',
      code: source`
        FROM alpine:3.22 AS build
        FROM alpine:3.22
        # files of the app
        ADD --chwn=app:app app.tgz /app/
        COPY --frm=build --chonw=app:app /app /app
      `,
      errors: [
        { line: 4, column: 5, endColumn: 11, message: 'Unknown flag: chwn', fixes: ['Convert to --chown'] },
        { line: 5, column: 6, endColumn: 11, message: 'Unknown flag: frm', fixes: ['Convert to --from'] },
        { line: 5, column: 18, endColumn: 25, message: 'Unknown flag: chonw', fixes: ['Convert to --chown'] },
      ],
      output: null,
      unsafeOutput: source`
        FROM alpine:3.22 AS build
        FROM alpine:3.22
        # files of the app
        ADD --chown=app:app app.tgz /app/
        COPY --from=build --chown=app:app /app /app
      `,
    },
    {
      name: 'second FROM argument that should be AS',
      code: source`
        # build stage
        FROM node:22-alpine AZ build
        RUN npm ci
      `,
      errors: [{ line: 2, column: 21, endColumn: 23, message: 'Second argument should be AS', fixes: ['Convert to AS'] }],
      output: null,
      unsafeOutput: source`
        # build stage
        FROM node:22-alpine AS build
        RUN npm ci
      `,
    },
    {
      name: 'extra argument',
      code: source`
        FROM alpine:3.22
        # stop gracefully
        STOPSIGNAL SIGTERM SIGKILL
      `,
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
  const code = source`
    # escape=x
    FROM alpine:3.22
    # a comment
    RUN echo a \
      b
  `;
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

/** Crashes and broken fix outputs the corpus test and the fuzzer found, one minimal case each. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll, lint, memoryWorkspace, parseCompose } from '../../engine/src/index';
import { validatesAgainstSchema, yamlErrors } from './lib';
import { source } from '../lib/yaml-tag';

const noRuleErrors = () => {
  const errors: string[] = [];
  return { errors, onRuleError: (id: string, error: unknown) => errors.push(`${id}: ${String(error)}`) };
};

describe('regressions', () => {
  it('depends-on-healthy leaves an interpolated short-form entry alone (appwrite docker-compose.yml)', () => {
    const text = [
      'services:',
      '  app:',
      '    image: nginx:1.27',
      '    depends_on:',
      '      - redis',
      '      - ${DB_HOST:-postgresql}',
      '  redis:',
      '    image: redis:7-alpine',
      '    healthcheck:',
      '      test: ["CMD", "redis-cli", "ping"]',
      '',
    ].join('\n');
    const { errors, onRuleError } = noRuleErrors();
    const result = fixAll('/w/compose.yaml', text, { workspace: memoryWorkspace({}), onRuleError, only: ['compose/depends-on-healthy'] });
    assert.deepEqual(errors, []);
    assert.equal(result.output, text);
    assert.deepEqual(yamlErrors(result.output), []);
    assert.ok(validatesAgainstSchema(result.output));
    // Still reported, so the user sees it.
    assert.ok(lint('/w/compose.yaml', text, { workspace: memoryWorkspace({}) }).problems.some((p) => p.ruleId === 'compose/depends-on-healthy'));
  });

  it('aliases resolve to the nearest earlier anchor of that name, without a walk of the document per alias', () => {
    const text = [
      'x-a: &base',
      '  image: redis:6',
      'services:',
      '  one:',
      '    <<: *base',
      'x-b: &base',
      '  image: redis:7',
      '  restart: always',
      'more:',
      '  two: *base',
      '',
    ].join('\n');
    const file = parseCompose('/w/compose.yaml', text);
    assert.equal(file.services[0].image, 'redis:6');
    // Many services merging shared anchors (the getsentry file took ~8 s to fix before; alias lookups were O(n) each).
    const lines = ['x-defaults: &defaults', '  restart: unless-stopped', '  logging: &logging', '    driver: json-file', 'services:'];
    for (let i = 0; i < 300; i++) lines.push(`  s${i}:`, '    <<: *defaults', `    image: busybox:1.${i}`, '    logging: *logging');
    const big = lines.join('\n') + '\n';
    const started = performance.now();
    const { errors, onRuleError } = noRuleErrors();
    const result = fixAll('/w/compose.yaml', big, { workspace: memoryWorkspace({}), onRuleError });
    assert.deepEqual(errors, []);
    assert.deepEqual(yamlErrors(result.output), []);
    assert.ok(performance.now() - started < 20_000, `fix-all took ${(performance.now() - started).toFixed(0)} ms`);
  });

  it('no fix writes under an explicit `null` or duplicates a key that is there with an empty value (fuzz)', () => {
    const cases = [
      source`
        services:
          a:
            image: redis
            deploy: null
      `,
      source`
        services:
          a:
            image: redis
            deploy: ~
      `,
      source`
        services:
          a:
            image: redis
            mem_limit: ""
            cpus: null
      `,
      source`
        services:
          a:
            image: redis
            deploy:
              resources:
                limits:
                  cpus:
      `,
    ];
    for (const text of cases) {
      for (const unsafe of [false, true]) {
        const { errors, onRuleError } = noRuleErrors();
        const result = fixAll('/w/compose.yaml', text, { workspace: memoryWorkspace({}), onRuleError, unsafe });
        assert.deepEqual(errors, []);
        assert.deepEqual(yamlErrors(result.output), [], `${JSON.stringify(text)} ->\n${result.output}`);
      }
    }
  });

  it('a compose file nested thousands of levels deep gets a syntax error, not a stack overflow (fuzz)', () => {
    const block = 'services:\n  a:\n    image: x:1\nx-deep:\n' + Array.from({ length: 3000 }, (_, i) => `${' '.repeat(1 + i)}k${i}:`).join('\n') + '\n';
    const flow = `services:\n  a:\n    image: x:1\n    labels: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    for (const text of [block, flow]) {
      const { errors, onRuleError } = noRuleErrors();
      const problems = lint('/w/compose.yaml', text, { workspace: memoryWorkspace({}), onRuleError }).problems;
      assert.deepEqual(errors, []);
      assert.ok(problems.some((p) => p.ruleId === 'compose/schema' && /nested/.test(p.message)), JSON.stringify(problems.map((p) => p.message)));
      assert.equal(fixAll('/w/compose.yaml', text, { workspace: memoryWorkspace({}), onRuleError }).output, text);
    }
  });
  it('a new top-level key lines up with the last top-level key, not with a first line indented after a byte-order mark (fuzz seeds 20261126, 20261127)', () => {
    const text = '\uFEFF a: b\nservices:\n  web:\n    image: nginx:1.27\n    environment:\n      DB_PASSWORD: hunter2\n';
    assert.deepEqual(yamlErrors(text), []);
    const { errors, onRuleError } = noRuleErrors();
    const result = fixAll('/w/compose.yaml', text, { workspace: memoryWorkspace({}), onRuleError, unsafe: true, only: ['compose/secret-in-environment'] });
    assert.deepEqual(errors, []);
    assert.ok(result.output.includes(source`

      secrets:
        db_password:
    `), result.output);
    assert.deepEqual(yamlErrors(result.output), []);
    // The only top-level key on that first line (fuzz seed 20261127): yaml puts the root map at column 0.
    const alone = '\uFEFF    services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n';
    assert.deepEqual(yamlErrors(alone), []);
    const fixed = fixAll('/w/compose.yaml', alone, { workspace: memoryWorkspace({}), onRuleError, unsafe: true, only: ['compose/secret-in-environment'] });
    assert.deepEqual(errors, []);
    assert.ok(fixed.output.endsWith(source`


      secrets:
        postgres_password:
          file: ./secrets/postgres_password.txt
    `), fixed.output);
    assert.deepEqual(yamlErrors(fixed.output), []);
    // Without a byte-order mark the first line's spaces are indentation, and the new key keeps them.
    const indented = '  services:\n    db:\n      image: postgres:16\n      environment:\n        POSTGRES_PASSWORD: hunter2\n';
    const kept = fixAll('/w/compose.yaml', indented, { workspace: memoryWorkspace({}), onRuleError, unsafe: true, only: ['compose/secret-in-environment'] });
    assert.ok(kept.output.includes('\n\n  secrets:\n'), kept.output);
    assert.deepEqual(yamlErrors(kept.output), []);
  });

  it('"did you mean" never renames onto a key the map has, nor two keys onto one, nor a short key three typos away (fuzz seed 20261126)', () => {
    const renames = (text: string) =>
      lint('/w/compose.yaml', text, { workspace: memoryWorkspace({}), only: ['compose/schema'] }).problems.map((p) => [text.slice(p.start, p.end), p.fixes.map((f) => f.title)]);
    const compose = (...keys: string[]) => ['services:', '  web:', '    image: nginx:1.27', ...keys.map((key) => `    ${key}`), ''].join('\n');
    // One typo: renamed, transpositions count as one.
    assert.deepEqual(renames(compose('restrat: always')), [['restrat', ['Rename to "restart"']]]);
    assert.deepEqual(renames(source`
      services:
        web:
          imgae: nginx:1.27
    `), [['imgae', ['Rename to "image"']]]);
    // Two misspellings of one key: neither is renamed (both would become `restart`).
    assert.deepEqual(renames(compose('restrat: always', 'restar: "no"')), [['restrat', []], ['restar', []]]);
    // The key is there already.
    assert.deepEqual(renames(compose('restart: always', 'restat: "no"')), [['restat', []]]);
    // `0XH` is not a typo of `ssh`.
    const build = source`
      services:
        web:
          build:
            context: .
            0XH: a
            Yvh: b
    `;
    assert.deepEqual(renames(build), [['0XH', []], ['Yvh', []]]);
    const fixed = fixAll('/w/compose.yaml', build, { workspace: memoryWorkspace({}), only: ['compose/schema'] }).output;
    assert.equal(fixed, build);
  });

  it('a key inserted into a service whose first key is explicit (`? [complex, key]`) lines up with the `?`, not with the key (fuzz seed 20261129)', () => {
    const text = [
      'services:',
      '  db:',
      '    ? [complex, key]',
      '    : value',
      '    image: mariadb:10.6.4-focal',
      '    expose:',
      '      - 3306',
      '',
    ].join('\n');
    const { errors, onRuleError } = noRuleErrors();
    const result = fixAll('/w/compose.yaml', text, { workspace: memoryWorkspace({}), onRuleError, only: ['compose/healthcheck', 'compose/log-rotation'] });
    assert.deepEqual(errors, []);
    assert.deepEqual(yamlErrors(result.output), []);
    assert.equal(
      result.output,
      [
        ...text.split('\n').slice(0, -1),
        '    healthcheck:',
        '      test: ["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]',
        '      interval: 30s',
        '      timeout: 10s',
        '      retries: 3',
        '      start_period: 30s',
        '    logging:',
        '      driver: json-file',
        '      options:',
        '        max-size: "10m"',
        '        max-file: "3"',
        '',
      ].join('\n'),
    );
    assert.equal(parseCompose('/w/compose.yaml', text).indentUnit, 2);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import healthcheck from '../../engine/src/rules/compose/healthcheck';
import { checkInvalid, checkValid } from '../lib/rule-tester';
import { source } from '../lib/yaml-tag';

const redis = source`
  services:
    cache:
      image: redis:7
`;

describe('the rule tester itself', () => {
  it('refuses an invalid case without `output` when the rule fixed something', () => {
    assert.throws(() => checkInvalid(healthcheck, { code: redis, errors: [{ line: 2, column: 3 }] }), /fixed this case: give its `output`/);
  });
  it('fails on a wrong position, a wrong count and a wrong output', () => {
    assert.throws(() => checkInvalid(healthcheck, { code: redis, errors: [{ line: 2, column: 4 }], output: null }), /problem #1/);
    assert.throws(() => checkInvalid(healthcheck, { code: redis, errors: [{ line: 2, column: 3 }, { line: 3, column: 1 }], output: null }), /expected 2 problems/);
    assert.throws(() => checkInvalid(healthcheck, { code: redis, errors: [{ line: 2, column: 3 }], output: redis + '# not this\n' }), /output after safe fixes/);
  });
  it('refuses an invalid case with no expected problems, and a valid case that raises one', () => {
    assert.throws(() => checkInvalid(healthcheck, { code: 'services: {}\n', errors: [] }), /at least one expected problem/);
    assert.throws(() => checkValid(healthcheck, { code: redis }), /a valid case raised problems/);
  });
});

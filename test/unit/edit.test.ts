/**
 * renderScalar writes plain words without asking yaml's stringify (which builds a Document per call): the result must
 * be what stringify writes, for every string.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { renderScalar } from '../../engine/src/compose/edit';

function viaStringify(value: string): string {
  const rendered = stringify(value, { lineWidth: 0 }).trimEnd();
  return rendered.startsWith("'") ? JSON.stringify(value) : rendered;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('renderScalar', () => {
  it('writes what yaml stringify writes, for words YAML reads specially and for plain names', () => {
    const words = [
      'api', 'db-data', 'svc-0001', 'service_healthy', 'json-file', 'unless-stopped', 'a/b/c', 'x.y', 'e10', 'Inf', 'NaN',
      'true', 'True', 'TRUE', 'false', 'False', 'null', 'Null', 'NULL', 'yes', 'Yes', 'no', 'NO', 'on', 'On', 'off', 'OFF',
      'y', 'Y', 'n', 'N', '~', '', '0', '1.5', '0x1F', '0o17', '.inf', '-.inf', '.nan', '1e3', '-', '-a', './secrets/x',
      'a: b', 'a #b', 'a#b', '#a', '@a', '`a', '%a', '!a', '&a', '*a', '|', '>', '"a"', "'a'", '[a]', '{a}', 'a,b', 'a b',
      ' a', 'a ', 'ä', 'a\nb', 'a\tb', 'x-extension', 'CMD-SHELL', '30s', '512M', '0.50', '10m', '3', 'localhost:8080',
      '5.', '08', '1_000', '1.5.2', '-1', '+1', '-.5', '.5', '1e3', '1E-3', 'inf', 'nan', 'Infinity', '0x', '0o8', '0b1',
      '1/2', 'v1.2', '3M', '0.0.0.0', '127.0.0.1', '2001-12-14', '12:30',
    ];
    for (const word of words) assert.equal(renderScalar(word), viaStringify(word), JSON.stringify(word));
  });

  it('agrees with yaml stringify on 40,000 generated strings', () => {
    const next = random(20261126);
    const alphabet = 'aZyYnNoOtTfFeExX019_./-+: #\'"~!&*?,[]{}|>@`%\t\n';
    for (let i = 0; i < 40_000; i++) {
      const length = 1 + Math.floor(next() * 8);
      let word = '';
      for (let j = 0; j < length; j++) word += alphabet[Math.floor(next() * alphabet.length)];
      assert.equal(renderScalar(word), viaStringify(word), JSON.stringify(word));
    }
  });

  it('numbers and booleans are written as they are', () => {
    assert.deepEqual([renderScalar(3), renderScalar(0.5), renderScalar(true), renderScalar(false)], ['3', '0.5', 'true', 'false']);
  });
});

/** cli/src/mask.ts: the lines a secret left are masked in a diff, in every spelling, and nothing else is. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { secretSource } from '../../engine/src/index';
import { maskDiff, maskedLines } from '../../cli/src/mask';
import { source } from '../lib/yaml-tag';

describe('maskedLines', () => {
  it('masks the source range (quotes and escapes included) and keeps the key and a comment without the value', () => {
    const text = source`
      env:
        B_TOKEN: "tok\x5fQ2" # rotate
        IMAGE: tok_Q2
    `;
    const start = text.indexOf('"tok');
    const masks = maskedLines([secretSource(text, { start, end: text.indexOf(' #'), value: 'tok_Q2' })]);
    assert.deepEqual([...masks], [['  B_TOKEN: "tok\\x5fQ2" # rotate', '  B_TOKEN: *** # rotate']]);
  });

  it('masks every line of a block scalar, keeping their indentation', () => {
    const text = source`
      env:
        D: |
          one
          two
        E: x
    `;
    const start = text.indexOf('|');
    const masks = maskedLines([secretSource(text, { start, end: text.indexOf('two') + 3, value: 'one\ntwo\n' })]);
    assert.deepEqual([...masks], [['  D: |', '  D: ***'], ['    one', '    ***'], ['    two', '    ***']]);
  });

  it('two secrets on one line (a flow map) are both masked; the value later on the line too', () => {
    const text = 'env: {A: aa1, B: bb2} # aa1\n';
    const a = secretSource(text, { start: text.indexOf('aa1'), end: text.indexOf('aa1') + 3, value: 'aa1' });
    const b = secretSource(text, { start: text.indexOf('bb2'), end: text.indexOf('bb2') + 3, value: 'bb2' });
    assert.deepEqual([...maskedLines([a, b])], [['env: {A: aa1, B: bb2} # aa1', 'env: {A: ***, B: ***} # ***']]);
  });

  it('CRLF text: the lines are found without their carriage returns', () => {
    const text = 'env:\r\n  A: "x\\u00e9"\r\n  B: 1\r\n';
    const start = text.indexOf('"x');
    assert.deepEqual([...maskedLines([secretSource(text, { start, end: start + 9, value: 'xé' })])], [['  A: "x\\u00e9"', '  A: ***']]);
  });
});

describe('maskDiff', () => {
  const masks = new Map([['      A: acme', '      A: ***']]);
  it('masks the secret lines in removed, added and context lines, not other lines holding the same text', () => {
    const patch = ['--- a/compose.yaml', '+++ b/compose.yaml', '@@ -1,3 +1,3 @@', '     image: acme/acme:1', '-      A: acme', '+      A_FILE: /run/secrets/a', ' x', ''].join('\n');
    assert.equal(maskDiff(patch, masks), patch.replace('-      A: acme', '-      A: ***'));
  });

  it('keeps a carriage return and leaves the headers alone', () => {
    const patch = '---       A: acme\n+++ b/x\n@@ -1 +1 @@\n-      A: acme\r\n';
    assert.equal(maskDiff(patch, masks), '---       A: acme\n+++ b/x\n@@ -1 +1 @@\n-      A: ***\r\n');
  });
});

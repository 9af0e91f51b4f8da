/**
 * plainData (the schema rule's fast conversion of a compose document) returns exactly what yaml's toJS returns, or
 * undefined where it leaves the document to toJS: checked on every compose file of the corpus and on documents made
 * to tell them apart.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { plainData } from '../../engine/src/compose/data';
import { YAML_OPTIONS } from '../../engine/src/compose/model';
import { corpusRoot } from '../lib/corpus';
import { source } from '../lib/yaml-tag';

function both(text: string): { fast: unknown; slow: unknown } {
  const doc = parseDocument(text, YAML_OPTIONS);
  const fast = plainData(doc);
  let slow: unknown;
  try {
    slow = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    // An alias bomb: toJS refuses, and plainData must have left it to toJS.
    assert.equal(fast, undefined);
    slow = error;
  }
  return { fast, slow };
}

describe('plainData', () => {
  it('equals toJS on every compose file of the corpus', () => {
    const lines = fs.readFileSync(path.join(corpusRoot, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
    let compared = 0;
    for (const line of lines) {
      const [, file, kind] = line.split('\t');
      if (kind !== 'compose') continue;
      const { fast, slow } = both(fs.readFileSync(path.join(corpusRoot, file), 'utf8'));
      if (fast === undefined) continue; // anchors, merge keys: left to toJS
      assert.deepStrictEqual(fast, slow, file);
      compared++;
    }
    assert.ok(compared >= 30, `only ${compared} corpus files compared`);
  });

  const same = {
    'scalars of every core type': source`
      a: 1
      b: 1.5
      c: true
      d: null
      e: ~
      f: .inf
      g: -.inf
      h: 0x1F
      i: "1"
      j: 'x'
      k: |
        text
      l:
    `,
    'keys that are not strings': source`
      1: a
      true: b
      null: c
      1.5: d
      ~: e
    `,
    'keys Object.prototype has': source`
      constructor: 1
      toString: 2
      hasOwnProperty: 3
    `,
    'an empty key and an empty document part': source`
      "": a
      b: []
      c: {}
    `,
    'flow collections and nested sequences': 'a: [1, [2, {b: c}], {d: [e]}]\n',
    'compose tags': source`
      services:
        web:
          ports: !reset []
          environment: !override
            A: b
          image: !reset null
    `,
    'a duplicate key': 'a: 1\na: 2\n',
    NaN: 'a: .nan\n',
  };
  for (const [name, text] of Object.entries(same)) {
    it(`equals toJS: ${name}`, () => {
      const { fast, slow } = both(text);
      assert.notEqual(fast, undefined);
      assert.deepStrictEqual(fast, slow);
    });
  }

  const leftToToJs = {
    'an alias': 'x: &a {b: 1}\ny: *a\n',
    'a merge key': source`
      x: &a {b: 1}
      y:
        <<: *a
        c: 2
    `,
    'a collection as a key': '? [a, b]\n: c\n',
    '__proto__': '__proto__: 1\n',
    'a set (YAML 1.1 types)': source`
      %YAML 1.1
      ---
      a: !!set {x, y}
    `,
    'a timestamp (YAML 1.1)': source`
      %YAML 1.1
      ---
      a: 2001-12-14
    `,
  };
  for (const [name, text] of Object.entries(leftToToJs)) {
    it(`leaves to toJS: ${name}`, () => {
      const { fast, slow } = both(text);
      // Either it declines, or it agrees.
      if (fast !== undefined) assert.deepStrictEqual(fast, slow);
      if (name !== '__proto__') assert.equal(fast, undefined);
    });
  }
});

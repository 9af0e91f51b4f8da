/**
 * Duplicate keys are found by our own one-pass check (engine/src/core/yaml-parse.ts), not by yaml's `uniqueKeys`,
 * which compares each key with every earlier key of its map. The errors, and the diagnostics made of them, are the
 * ones yaml's check gives: same code, message and position, in the same order among the other errors as far as any
 * output shows it (the linter and the config loader sort problems by position, keeping the order of ties; yaml
 * itself lists errors in the order it builds the tree, which no output shows).
 */
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDocument, type YAMLError } from 'yaml';
import { lint, parseConfig } from '../../engine/src/index';
import { YAML_OPTIONS, parseCompose } from '../../engine/src/compose/model';
import { parseYamlDocument } from '../../engine/src/core/yaml-parse';
import { source } from '../lib/yaml-tag';

/** Documents with and without duplicate keys, in every shape yaml compares keys in. */
const DOCUMENTS: Record<string, string> = {
  'top level': 'a: 1\na: 2\n',
  'three times': source`
    a: 1
    a: 2
    a: 3
  `,
  'nested map': source`
    services:
      web:
        image: nginx:1.27
        image: nginx:1.28
      db:
        environment:
          A: 1
          B: 2
          A: 3
  `,
  'same key in different maps is fine': source`
    x:
      a: 1
    y:
      a: 1
  `,
  'after a nested map': source`
    x:
      a:
        b: 1
      a: 2
  `,
  'after a block scalar': source`
    x:
      a: |
        text

      a: 2
  `,
  'after a comment and a blank line': source`
    x:
      a: 1

      # c
      a: 2
  `,
  'after an empty value (reported after the previous colon)': source`
    x:
      a:
      a: 2
  `,
  'after an empty value and a comment': source`
    x:
      a:

      # c
      a: 2
  `,
  'after an empty value with a comment': source`
    x:
      a: # c
      a: 2
  `,
  'after an empty anchored value': source`
    x:
      a: &v
      a: 2
  `,
  'in a sequence item': source`
    x:
      - a: 1
        a: 2
  `,
  'flow map': 'x: {a: 1, a: 2}\n',
  'flow map, spaced': 'x: {a: 1,   a: 2}\n',
  'flow map over lines': 'x: { a: 1,\n  a: 2 }\n',
  'flow map, empty value': 'x: {a: , a: 2}\n',
  'flow map, keys only': 'x: {a, a}\n',
  'flow map at the root, unterminated': '{a: 1, a: 2\n',
  'flow sequence of pairs (each its own map)': 'x: [a: 1, a: 2]\n',
  'double and plain quoting': '"a": 1\na: 2\n',
  'single and double quoting': "'a': 1\n\"a\": 2\n",
  'quoted flow key': 'x: {a: 1, "a" : 2}\n',
  'escaped spelling': 'ab: 1\n"a\\x62": 2\n',
  'number and string differ': '1: a\n"1": b\n',
  'numbers equal by value': '1: a\n1.0: b\n',
  'hex and decimal': '0x1: a\n1: b\n',
  'zero and minus zero': '0: a\n-0: b\n',
  'nan never equals': '.nan: a\n.nan: b\n',
  'booleans': 'true: a\nTrue: b\n',
  'boolean and string differ': 'true: a\n"true": b\n',
  'nulls, empty key': source`
    null: a
    ~: b
    : c
  `,
  'explicit keys': source`
    x:
      a: 1
      ? a
      : 2
  `,
  'explicit key with a comment': source`
    x:
      a: 1
      ? # c
        a
      : 2
  `,
  'explicit keys without values': '? a\n? a\n',
  'empty explicit keys': '? \n: a\n? \n: b\n',
  'anchored key': source`
    x:
      &k a: 1
      a: 2
  `,
  'anchored flow key': 'x: {a: 1, &z a: 2}\n',
  'tagged key': source`
    x:
      a: 1
      !!str a: 2
  `,
  'tag makes a number a string': '!!str 1: a\n"1": b\n',
  'compose tags': 'a: !reset 1\n!reset a: 2\n',
  'merge keys are never duplicates': '<<: {a: 1}\n<<: {b: 2}\n',
  'merge key and quoted "<<"': '<<: {a: 1}\n"<<": {b: 2}\n',
  'quoted "<<" twice': '"<<": {a: 1}\n"<<": {b: 2}\n',
  'alias keys compare as nodes': source`
    x: &a {a: 1}
    *a : 1
    *a : 2
  `,
  'collection keys compare as nodes': '[a]: 1\n[a]: 2\n',
  'duplicate inside a key': '? {a: 1, a: 2}\n: x\n',
  'duplicates at two depths': source`
    a:
      b: 1
      b: 2
      c:
        d: 1
        d: 2
  `,
  'inside an anchored map and its alias': source`
    x: &m
      a: 1
      a: 2
    y: *m
  `,
  'beside other errors': 'a: 1\na: "unterminated\n',
  'beside a bad indent': source`
    a: 1
      a: 2
    a: 3
  `,
  'a key without a value (two errors at one place)': 'a: 1\na\n',
  'a nested key without a value': source`
    x:
      a: 1
      a
  `,
  CRLF: 'a: 1\r\na: 2\r\n',
  BOM: '\ufeffa: 1\na: 2\n',
  'document start': '--- \na: 1\na: 2\n',
};

const ORACLE_OPTIONS = { ...YAML_OPTIONS, uniqueKeys: true } as const;

/** Errors as every output orders them: by position, ties in yaml's order. */
function shown(errors: YAMLError[]): string[] {
  return [...errors].sort((a, b) => a.pos[0] - b.pos[0] || a.pos[1] - b.pos[1]).map((error) => `${error.code} ${error.pos.join('-')} ${error.message}`);
}

/** The errors of a text as yaml's own duplicate-key check reports them. */
function yamlErrors(text: string): string[] {
  return shown(parseDocument(text, ORACLE_OPTIONS).errors);
}

function ourErrors(text: string): string[] {
  return shown(parseYamlDocument(text, YAML_OPTIONS).errors);
}

/** What the compose linter showed when yaml checked the keys: one syntax problem per error, sorted as lint sorts. */
function expectedProblems(text: string) {
  const doc = parseDocument(text, ORACLE_OPTIONS);
  return doc.errors
    .map((error) => {
      const start = Math.min(error.pos[0], text.length);
      return {
        ruleId: 'compose/schema',
        start,
        end: Math.min(Math.max(error.pos[1], error.pos[0]), text.length),
        message: `YAML syntax error: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

const composePath = path.join(os.tmpdir(), 'docker-harden-duplicate-keys', 'compose.yaml');

function lintedSyntaxProblems(text: string) {
  return lint(composePath, text, { kind: 'compose' })
    .problems.filter((problem) => problem.message.startsWith('YAML syntax error'))
    .map(({ ruleId, start, end, message }) => ({ ruleId, start, end, message }));
}

describe('duplicate keys', () => {
  for (const [name, text] of Object.entries(DOCUMENTS)) {
    it(`${name}: the errors yaml's check gives, and the same diagnostics`, () => {
      assert.deepEqual(ourErrors(text), yamlErrors(text));
      assert.deepEqual(lintedSyntaxProblems(text), expectedProblems(text));
    });
  }

  it('the config file reports them as before', () => {
    // The documents yaml finds errors in (the others would reach the config's own checks).
    const texts = [...Object.values(DOCUMENTS), source`
      profile: strict
      rules:
        compose/healthcheck: off
        compose/healthcheck: error
    `].filter(
      (text) => parseDocument(text, { uniqueKeys: true }).errors.length > 0,
    );
    for (const text of texts) {
      const before = parseDocument(text, { prettyErrors: false, uniqueKeys: true }).errors.map((error) => ({
        message: `YAML syntax error: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
        start: Math.max(0, Math.min(error.pos[0], text.length)),
      }));
      const problems = parseConfig(text).problems.filter((problem) => problem.message.startsWith('YAML syntax error'));
      assert.deepEqual(
        problems.map(({ message, start }) => ({ message, start })),
        before.sort((a, b) => a.start - b.start),
        JSON.stringify(text),
      );
    }
  });

  it('random documents: block and flow maps, keys in every quoting style, comments, anchors and empty values', () => {
    const key = fc.constantFrom('a', '"a"', "'a'", 'b', '"b"', '1', '"1"', '1.0', '0x1', '-0', '0', 'true', 'True', '"true"', 'null', '~', '<<', '"<<"', '.nan', '!!str 1', '&k a', '*k', '[a]', '{a: 1}', '"\\x61"');
    const inline = fc.constantFrom('', ' 1', ' x # c', ' {a: 1, a: 2}', ' {"a": 1, a: 2, b}', ' [1, 1]', ' &k v', ' *k', " 'q'", ' !!str');
    const gap = fc.constantFrom('', '', '\n', '# comment\n');
    const flowMap = fc.array(fc.tuple(key, fc.constantFrom('', ': 1', ': ', ': {a: 1, a: 2}')), { minLength: 1, maxLength: 5 }).map((items) => ` {${items.map(([k, v]) => k + v).join(', ')}}`);
    const { map } = fc.letrec<{ map: string[] }>((tie) => ({
      map: fc
        .array(fc.tuple(fc.constantFrom('', '', '? ', 'no colon'), key, fc.oneof({ depthSize: 'small', withCrossShrink: true }, inline, flowMap, tie('map')), gap), { minLength: 1, maxLength: 6 })
        .map((items) =>
          items.flatMap(([explicit, name, value, before]) => {
            const lines = before ? [before.trimEnd()] : [];
            const nested = Array.isArray(value);
            if (explicit === 'no colon') lines.push(name);
            else if (explicit) lines.push(`? ${name}`, `:${nested ? '' : value}`);
            else lines.push(`${name}:${nested ? '' : value}`);
            if (nested) lines.push(...value.map((line) => (line ? `  ${line}` : line)));
            return lines;
          }),
        ),
    }));
    fc.assert(
      fc.property(map, (lines) => {
        const text = lines.join('\n') + '\n';
        assert.deepEqual(ourErrors(text), yamlErrors(text), JSON.stringify(text));
      }),
      { numRuns: 300 },
    );
  });

  it("asks yaml for no key comparisons: its check's cost grows with the square of a map's keys", () => {
    // yaml's check calls isScalar on every earlier key of the map for each key (through its identity module);
    // counted here on a 3,000-key map, where that would be millions of calls.
    const require = createRequire(__filename);
    const identity = require(path.join(path.dirname(require.resolve('yaml')), 'nodes/identity.js')) as { isScalar: (node: unknown) => boolean };
    const keys = 3000;
    const text = `services:\n  web:\n    image: nginx:1.27\n    environment:\n${Array.from({ length: keys }, (_, i) => `      KEY_${i}: value\n`).join('')}      KEY_7: again\n`;
    const original = identity.isScalar;
    let calls = 0;
    identity.isScalar = (node: unknown) => {
      calls++;
      return original(node);
    };
    let file;
    try {
      file = parseCompose(composePath, text);
    } finally {
      identity.isScalar = original;
    }
    assert.deepEqual(file.syntaxErrors.map((error) => error.message), ['Map keys must be unique']);
    assert.ok(calls < 20 * keys, `${calls} calls of isScalar for ${keys} keys`);
  });
});

/** sharedParser: one parse per path and text while the path is among the last few asked for; one text per path. */
import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { sharedParser } from '../../engine/src/core/shared-parse';

function counting(size: number) {
  const parsed: string[] = [];
  const parse = sharedParser((filePath: string, text: string) => {
    parsed.push(`${filePath}:${text}`);
    return { path: filePath, text };
  }, size);
  return { parse, parsed };
}

it('answers the same path and text with the same model, and parses anything else', () => {
  const { parse, parsed } = counting(2);
  const first = parse('/a/compose.yaml', 'one');
  assert.equal(parse('/a/compose.yaml', 'one'), first);
  assert.notEqual(parse('/a/compose.yaml', 'two'), first, 'a new text is parsed');
  assert.notEqual(parse('/b/compose.yaml', 'one').path, first.path, 'the same text at another path is parsed');
  assert.deepEqual(parsed, ['/a/compose.yaml:one', '/a/compose.yaml:two', '/b/compose.yaml:one']);
});

it('keeps only the newest text of a path: an edited file holds one model', () => {
  const { parse, parsed } = counting(2);
  parse('/a/compose.yaml', 'one');
  parse('/a/compose.yaml', 'two');
  parse('/b/compose.yaml', 'one');
  // '/a' is still there with its newest text: two paths fit.
  parse('/a/compose.yaml', 'two');
  assert.equal(parsed.length, 3);
  // Its older text was replaced, not kept beside it.
  parse('/a/compose.yaml', 'one');
  assert.equal(parsed.length, 4);
});

it('forgets the least recently used path beyond its size', () => {
  const { parse, parsed } = counting(2);
  parse('/a', 'x');
  parse('/b', 'x');
  parse('/a', 'x'); // '/a' is now the most recent: '/b' goes first
  parse('/c', 'x');
  assert.equal(parsed.length, 3);
  parse('/a', 'x');
  assert.equal(parsed.length, 3, '/a stayed');
  parse('/b', 'x');
  assert.equal(parsed.length, 4, '/b was forgotten');
});

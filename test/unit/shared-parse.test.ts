/** sharedParser: one parse per path and text while it is among the last few asked for. */
import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { sharedParser } from '../../engine/src/core/shared-parse';

it('answers the same path and text with the same model, and parses anything else', () => {
  const parsed: string[] = [];
  const parse = sharedParser((filePath: string, text: string) => {
    parsed.push(`${filePath}:${text}`);
    return { path: filePath, text };
  }, 2);
  const first = parse('/a/compose.yaml', 'one');
  assert.equal(parse('/a/compose.yaml', 'one'), first);
  assert.notEqual(parse('/a/compose.yaml', 'two'), first, 'a new text is parsed');
  assert.notEqual(parse('/b/compose.yaml', 'one').path, first.path, 'the same text at another path is parsed');
  assert.deepEqual(parsed, ['/a/compose.yaml:one', '/a/compose.yaml:two', '/b/compose.yaml:one']);
  // Size 2: '/a one' was pushed out by the two after it.
  parse('/a/compose.yaml', 'one');
  assert.equal(parsed.length, 4);
  // The most recently used entries stay: '/a one' (just parsed) and '/b one'.
  parse('/b/compose.yaml', 'one');
  parse('/a/compose.yaml', 'one');
  assert.equal(parsed.length, 4);
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, LineIndex, minimalEdits } from '../../engine/src/core/text';
import { source } from '../lib/yaml-tag';

describe('LineIndex', () => {
  it('maps offsets to 0-based lines and UTF-16 columns and back, with LF, CRLF and CR', () => {
    const text = 'a\nbé\r\nc\rdd';
    const lines = new LineIndex(text);
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(3), { line: 1, character: 1 });
    assert.deepEqual(lines.positionAt(6), { line: 2, character: 0 });
    assert.deepEqual(lines.positionAt(8), { line: 3, character: 0 });
    assert.deepEqual(lines.positionAt(999), { line: 3, character: 2 });
    assert.equal(lines.offsetAt({ line: 1, character: 2 }), 4);
    assert.equal(lines.lineEnd(1), 4);
    assert.equal(lines.lineText(1), 'bé');
    assert.equal(lines.offsetAt({ line: 1, character: 99 }), 4, 'a column past the end clamps to the line end');
  });
});

describe('applyEdits', () => {
  it('applies edits in any order and refuses overlaps', () => {
    assert.equal(applyEdits('hello world', [{ start: 6, end: 11, text: 'there' }, { start: 0, end: 5, text: 'hi' }]), 'hi there');
    assert.throws(() => applyEdits('abc', [{ start: 0, end: 2, text: '' }, { start: 1, end: 3, text: '' }]), /overlapping/);
  });
});

describe('minimalEdits', () => {
  const roundTrip = (before: string, after: string) => {
    const edits = minimalEdits(before, after);
    assert.equal(applyEdits(before, edits), after);
    return edits;
  };
  it('returns nothing for equal texts', () => assert.deepEqual(minimalEdits('a\nb\n', 'a\nb\n'), []));
  it('returns one insertion for an inserted block', () => {
    assert.deepEqual(roundTrip(source`
      a
      b
      c
    `, source`
      a
      b
      x
      y
      c
    `), [{ start: 4, end: 4, text: 'x\ny\n' }]);
  });
  it('keeps unchanged lines between two changes out of the edits', () => {
    const before = source`
      one
      two
      three
      four
      five
    `;
    const after = source`
      ONE
      two
      three
      four
      FIVE
    `;
    assert.deepEqual(roundTrip(before, after), [{ start: 0, end: 3, text: 'ONE' }, { start: 19, end: 23, text: 'FIVE' }]);
  });
  it('handles a deletion at the start of a file that starts with a line break', () => {
    roundTrip(source`


      key: 1
    `, 'key: 1\n');
    roundTrip('x', '');
    roundTrip('', 'x\n');
  });
});

/** The client's minimal replacement span for a whole-file change (Harden service): exact spans, and applying the span always gives the new text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { changedSpan } from '../../client/src/changedSpan';

const apply = (before: string, span: ReturnType<typeof changedSpan>) => (span ? before.slice(0, span.start) + span.text + before.slice(span.end) : before);

describe('changedSpan', () => {
  it('is undefined for equal texts', () => {
    assert.equal(changedSpan('a\nb\n', 'a\nb\n'), undefined);
  });

  it('covers only the differing part', () => {
    assert.deepEqual(changedSpan('services:\n  web:\n    image: x\n', 'services:\n  web:\n    image: x\n    restart: always\n'), {
      start: 30,
      end: 30,
      text: '    restart: always\n',
    });
    assert.deepEqual(changedSpan('abcXdef', 'abcYYdef'), { start: 3, end: 4, text: 'YY' });
    assert.deepEqual(changedSpan('aaa', 'aa'), { start: 2, end: 3, text: '' });
  });

  it('never splits a CRLF line break or a surrogate pair', () => {
    // The common prefix 'a\r' and suffix '\nb' would cut both CRLFs; the span widens to whole line breaks.
    assert.deepEqual(changedSpan('a\r\nb', 'a\rc\r\nb'), { start: 1, end: 3, text: '\rc\r\n' });
    const emoji = changedSpan('a\u{1F600}b', 'a\u{1F601}b');
    assert.deepEqual(emoji, { start: 1, end: 3, text: '\u{1F601}' });
  });

  it('turns any text into any other text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\r', '\n', '\u{1F600}', ' ') }), fc.string({ unit: fc.constantFrom('a', 'b', '\r', '\n', '\u{1F600}', ' ') }), (before, after) => {
        const span = changedSpan(before, after);
        assert.equal(apply(before, span), after);
        if (span) for (const edge of [span.start, span.end]) {
          assert.ok(!(before[edge - 1] === '\r' && before[edge] === '\n'), 'no CRLF split');
          assert.ok(!/[\uD800-\uDBFF]/.test(before[edge - 1] ?? '') || !/[\uDC00-\uDFFF]/.test(before[edge] ?? ''), 'no surrogate pair split');
        }
      }),
      { numRuns: 2000 },
    );
  });
});

/**
 * selectFixes keeps, in document order, each fix whose edits overlap none of the fixes kept before it. It compares a
 * fix with the kept edits near its own, not with every one (that made fix-all quadratic): the same choice as the
 * plain comparison with all of them, on random edits of every size, insertions and shared starts included.
 */
import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { editsOverlap, selectFixes, type Edit, type Fix, type Problem } from '../../engine/src/index';

/** The plain rule: a fix is kept when its edits overlap none kept so far. */
function plainSelection(problems: readonly Problem[]): Fix[] {
  const chosen: Fix[] = [];
  const used: Edit[] = [];
  for (const problem of problems) {
    const fix = problem.fixes.find((each) => each.safe);
    if (!fix || (fix.edits.length === 0 && !fix.otherFiles?.length)) continue;
    if (editsOverlap(fix.edits, used)) continue;
    chosen.push(fix);
    for (const edit of fix.edits) used.push(edit);
  }
  return chosen;
}

function problemWith(edits: Edit[], index: number): Problem {
  const fix: Fix = { title: `fix ${index}`, safe: true, edits };
  return { ruleId: 'compose/test', severity: 'warning', message: String(index), start: edits[0]?.start ?? 0, end: edits[0]?.end ?? 0, fixes: [fix] };
}

it('chooses what comparing with every kept edit chooses', () => {
  // Offsets across several 4 KB stretches, lengths from insertions to edits spanning stretches.
  const edit = fc
    .tuple(fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.constantFrom(0, 4095, 4096, 4097, 8192, 12_288)), fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 10_000 })))
    .map(([start, length]): Edit => ({ start, end: start + length, text: 'x' }));
  fc.assert(
    fc.property(fc.array(fc.array(edit, { minLength: 1, maxLength: 4 }), { maxLength: 60 }), (fixes) => {
      const problems = fixes.map(problemWith);
      assert.deepEqual(
        selectFixes(problems, false).map((fix) => fix.title),
        plainSelection(problems).map((fix) => fix.title),
      );
    }),
    { numRuns: 1000 },
  );
});

it('compares a fix with the kept edits near it only', () => {
  // 20,000 one-edit fixes 50 characters apart, each edit counting how often it is read: compared with the few kept
  // in its 4 KB stretch, not with every kept one (200 million reads).
  let reads = 0;
  const counted = (start: number): Edit => {
    const edit = { end: start + 10, text: 'x' } as Edit;
    Object.defineProperty(edit, 'start', { enumerable: true, get: () => (reads++, start) });
    return edit;
  };
  const count = 20_000;
  const problems = Array.from({ length: count }, (_, i) => problemWith([counted(i * 50)], i));
  reads = 0;
  assert.equal(selectFixes(problems, false).length, count);
  assert.ok(reads < 1000 * count, `${reads} reads of an edit's start for ${count} fixes`);
});

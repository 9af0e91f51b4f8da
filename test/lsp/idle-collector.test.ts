/** The server's idle collection: one full GC after the last lint of a burst, none while lints keep coming. */
import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { IdleCollector } from '../../server/src/memory';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('collects once, a while after the last of a burst of lints', async () => {
  const idle = new IdleCollector(40);
  try {
    for (let lint = 0; lint < 5; lint++) {
      idle.touch();
      await sleep(10);
    }
    assert.equal(idle.collections, 0, 'collected while lints were still coming');
    await sleep(150);
    assert.equal(idle.collections, 1);
    idle.touch();
    await sleep(150);
    assert.equal(idle.collections, 2);
  } finally {
    idle.dispose();
  }
});

it('frees garbage: the heap in use after the collection is smaller than before it', async () => {
  const idle = new IdleCollector(20);
  // Garbage the size of a big file's lint (short-lived objects).
  let garbage: unknown[] | undefined = Array.from({ length: 300_000 }, (_, i) => ({ i, text: `value ${i}` }));
  const before = process.memoryUsage().heapUsed;
  garbage = undefined;
  assert.equal(garbage, undefined);
  idle.touch();
  await sleep(200);
  assert.equal(idle.collections, 1);
  const after = process.memoryUsage().heapUsed;
  assert.ok(after < before - 10 * 1024 * 1024, `heap used ${(before / 1048576).toFixed(0)} MB before, ${(after / 1048576).toFixed(0)} MB after`);
});

it('a disposed collector never collects', async () => {
  const idle = new IdleCollector(20);
  idle.touch();
  idle.dispose();
  await sleep(100);
  assert.equal(idle.collections, 0);
});

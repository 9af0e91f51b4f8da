/**
 * Gives memory back once the server is idle. A lint of a big compose file makes tens of megabytes of garbage (the
 * parse, the fixes); V8 keeps the pages it grew into, so without this the server sat at its peak (~150 MB with a
 * 10,000-line file open) long after the last keystroke. A while after the last lint, one full collection runs and
 * V8 returns the freed pages. Nothing runs while the user types (each lint pushes the collection back). The main
 * thread and the engine worker each have a heap of their own, and a collector of their own.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { IDLE_COLLECTION_MS } from './idleCollection';

export { IDLE_COLLECTION_MS } from './idleCollection';

type Collect = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void;

let collect: Collect | undefined | null;

/** `gc` from `--expose-gc`, or one made available at run time (the flag is read when a context is created). */
function collector(): Collect | undefined {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: Collect }).gc;
    if (typeof exposed === 'function') collect = exposed;
    else {
      try {
        v8.setFlagsFromString('--expose-gc');
        collect = vm.runInNewContext('gc') as Collect;
      } catch {
        collect = null;
      }
    }
  }
  return collect ?? undefined;
}

export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;
  /** Collections run so far (the tests read it). */
  collections = 0;

  /**
   * `passes`: full collections per run. Two where the engine runs: the first finalizes what the second frees (weak
   * maps of parsed documents).
   */
  constructor(
    private readonly delayMs = IDLE_COLLECTION_MS,
    private readonly passes = 2,
  ) {}

  /** Called after each lint: the collection waits until no lint has run for `delayMs`. */
  touch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const gc = collector();
      if (!gc) return;
      for (let pass = 0; pass < this.passes; pass++) gc();
      this.collections++;
    }, this.delayMs);
    // Never keeps the process alive on its own.
    this.timer.unref();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

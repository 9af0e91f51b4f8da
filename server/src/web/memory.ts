/**
 * memory.ts for the browser build: a web worker cannot ask V8 for a collection (no `node:v8`), and its browser
 * collects on its own. Same interface, nothing collected.
 */
export { IDLE_COLLECTION_MS } from '../idleCollection';

export class IdleCollector {
  collections = 0;
  touch(): void {}
  dispose(): void {}
}

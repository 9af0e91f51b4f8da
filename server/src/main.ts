/**
 * The Docker Harden language server. Started by the VS Code client over IPC, or by any LSP client with `--stdio`.
 * The same file, started as a worker thread, is the engine worker that lints off the request thread: each side
 * loads only its own modules (required here, not imported, so that the bundle evaluates them on demand and the
 * worker never loads the LSP library).
 */
import { isMainThread } from 'node:worker_threads';

if (isMainThread) (require('./serverMain') as typeof import('./serverMain')).main();
else (require('./engineWorker') as typeof import('./engineWorker')).runEngineWorker();

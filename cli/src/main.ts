/** The `docker-harden` executable (bundled to dist/cli.js, started by bin/docker-harden.js). */
import { runCli } from './cli';
import { WORKER_ARGUMENT } from './parallel-mode';

// A worker thread of parallel.ts is started with WORKER_ARGUMENT; node:worker_threads is loaded only then (loading
// it costs a plain run a few milliseconds of its start).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const threads = process.argv.includes(WORKER_ARGUMENT) ? (require('node:worker_threads') as typeof import('node:worker_threads')) : undefined;
if (threads && !threads.isMainThread && (threads.workerData as { dockerHardenWorker?: boolean } | undefined)?.dockerHardenWorker) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./worker') as typeof import('./worker')).runWorkerTask(threads.workerData);
} else {
  void main();
}

async function main(): Promise<void> {
  // Output is written at the end, stdout in one chunk (a pipe then gets the JSON document whole) and stderr after
  // it, so a terminal shows the report before the summary.
  const out: string[] = [];
  const err: string[] = [];
  process.exitCode = await runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    out: (text) => void out.push(text),
    err: (text) => void err.push(text),
    // tty.isatty, not process.stdout.isTTY: the first use of process.stdout builds a stream (a few ms of a small run).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    isTTY: (require('node:tty') as typeof import('node:tty')).isatty(1),
    env: process.env,
  });
  if (out.length) writeAll(1, out.join(''));
  if (err.length) writeAll(2, err.join(''));
}

/**
 * Writes all of `text` to a file descriptor synchronously, as Node's own stdout does for files. A reader that went
 * away (`docker-harden check | head`) is not an error: the rest is dropped. A non-blocking pipe that is full is
 * waited for.
 */
function writeAll(fd: number, text: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

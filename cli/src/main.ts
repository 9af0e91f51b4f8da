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
  // A reader that went away (`docker-harden check | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  // Output is written at the end, stdout in one chunk (a pipe then gets the JSON document whole) and stderr after
  // it, so a terminal shows the report before the summary.
  const out: string[] = [];
  const err: string[] = [];
  process.exitCode = await runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    out: (text) => void out.push(text),
    err: (text) => void err.push(text),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
  });
  if (out.length) process.stdout.write(out.join(''));
  if (err.length) process.stderr.write(err.join(''));
}

/** The `docker-harden` executable (bundled to dist/cli.js, started by bin/docker-harden.js). */
import { runCli } from './cli';

// A reader that went away (`docker-harden check | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const chunks: string[] = [];
process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  // One write at the end: stdout to a pipe is asynchronous, and a single chunk keeps the JSON document whole.
  out: (text) => void chunks.push(text),
  err: (text) => void process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
});
if (chunks.length) process.stdout.write(chunks.join(''));

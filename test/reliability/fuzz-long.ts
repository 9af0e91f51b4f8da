/**
 * The long fuzz run: `npm run fuzz [-- --seed N --runs N --max-bytes N --max-ms N]`. Same property as the CI-sized
 * run in fuzz.test.ts (every generator, list items as block scalars included, fix-all run twice on every case),
 * 100,000 cases by default. The seed is printed first, so a failure replays with `--seed`; fast-check shrinks the
 * failing case and prints it with its mutations. `npm run fuzz -- --disk` runs the property on disk through the CLI
 * (fuzz-disk.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkCase, corpusFiles, fuzzArbitrary } from './fuzz-cases';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value)) {
    console.error(`--${name} needs a number`);
    process.exit(2);
  }
  return value;
}

// `--disk`: the property on disk, through the CLI (fuzz-disk.ts).
if (process.argv.includes('--disk')) {
  void import('./fuzz-disk').then(async ({ runDiskFuzz }) => process.exit(await runDiskFuzz()));
} else {
  runInMemory();
}

function runInMemory(): void {
  const seed = flag('seed', Date.now() % 2 ** 31);
  const runs = flag('runs', 100_000);
  const maxBytes = flag('max-bytes', 20_000);
  const maxMs = flag('max-ms', 10_000);
  console.log(`fuzz: seed ${seed}, ${runs} runs (replay: npm run fuzz -- --seed ${seed} --runs ${runs})`);

  const repoRoot = path.resolve(__dirname, '..', '..');
  const files = corpusFiles(maxBytes);
  const started = Date.now();
  let cases = 0;
  let slowest = 0;
  let lastReport = Date.now();
  // fc.assert runs synchronously, so progress is printed from inside the property (a timer would never fire).
  function progress(): void {
    if (Date.now() - lastReport < 30_000) return;
    lastReport = Date.now();
    const rate = cases / ((Date.now() - started) / 1000);
    console.log(`  ${cases} cases, ${rate.toFixed(1)}/s, slowest ${slowest.toFixed(0)} ms, RSS ${(process.memoryUsage().rss / 1024 ** 2).toFixed(0)} MB`);
  }

  // Failures are collected (one line per distinct kind) and the run goes on, so one known bug does not hide the
  // others; each prints its case (corpus file and mutations, or the generated text) so it can be replayed by hand.
  const failures = new Map<string, { count: number; first: string }>();
  const details = fc.check(
    fc.property(fuzzArbitrary(files), (input) => {
      const caseStarted = performance.now();
      try {
        checkCase(input, { maxMs, unsafe: cases % 2 === 1, twice: true });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const kind = message.split('\n')[0].replace(/\d+/g, 'N').slice(0, 160);
        const seen = failures.get(kind);
        if (seen) seen.count++;
        else {
          failures.set(kind, { count: 1, first: message.slice(0, 3000) });
          // The whole input, for a regression test (the message shows only the start of the text).
          const dump = path.join(repoRoot, 'test-results', 'fuzz', `seed-${seed}-case-${cases}.json`);
          fs.mkdirSync(path.dirname(dump), { recursive: true });
          fs.writeFileSync(dump, JSON.stringify({ seed, case: cases, unsafe: cases % 2 === 1, message, input }, null, 2));
          console.error(`\nFAILURE (case ${cases}): ${message.slice(0, 3000)}\n(input: ${dump})\n`);
        }
      }
      slowest = Math.max(slowest, performance.now() - caseStarted);
      cases++;
      progress();
    }),
    { seed, numRuns: runs },
  );
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    console.error(cause.slice(0, 4000));
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`fuzz: ${cases} cases in ${seconds} s (seed ${seed}), slowest case ${slowest.toFixed(0)} ms, ${failures.size} distinct failures`);
  for (const [kind, { count }] of failures) console.log(`  ${count} x ${kind}`);
  process.exit(failures.size > 0 || details.failed ? 1 : 0);
}

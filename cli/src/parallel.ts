/**
 * `check` over many files on several cores: the files are split by size into one batch per thread, worker threads
 * (this same bundle, started in worker mode) lint theirs while the main thread lints its own, and the reports are
 * merged. Each thread finds configs and reads files itself; the output is the same as a sequential run.
 */
import fs = require('node:fs');
import path = require('node:path');
import { Worker } from 'node:worker_threads';
import type { CliOptions } from './args';
import type { Target } from './discover';
import { InputError } from './errors';
import { WORKER_ARGUMENT } from './parallel-mode';
import type { FileReport } from './report';

export interface WorkerTask {
  dockerHardenWorker: true;
  options: CliOptions;
  cwd: string;
  targets: Target[];
}

export type WorkerResult =
  | { ok: true; reports: FileReport[]; configReports: FileReport[]; ruleErrors: string[] }
  | { ok: false; input: boolean; message: string };

export async function lintInParallel(
  targets: readonly Target[],
  workers: number,
  options: CliOptions,
  cwd: string,
  lintOwn: (targets: readonly Target[]) => FileReport[],
): Promise<{ reports: FileReport[]; configReports: FileReport[]; ruleErrors: string[] }> {
  const batches = splitBySize(targets, workers + 1);
  const running = batches.slice(1).map((batch) => runWorker({ dockerHardenWorker: true, options, cwd, targets: batch }));
  // The main thread lints the first batch meanwhile; worker messages wait in the queue.
  let own: FileReport[] = [];
  let ownError: unknown;
  try {
    own = lintOwn(batches[0]);
  } catch (error) {
    ownError = error;
  }
  const results = await Promise.all(running);
  if (ownError) throw ownError;
  const reports = [...own];
  const configReports: FileReport[] = [];
  const ruleErrors: string[] = [];
  for (const result of results) {
    if (!result.ok) {
      if (result.input) throw new InputError(result.message);
      throw new Error(result.message);
    }
    // Loops, not push(...list): a spread of a long list overflows the stack.
    for (const report of result.reports) reports.push(report);
    for (const report of result.configReports) configReports.push(report);
    for (const error of result.ruleErrors) ruleErrors.push(error);
  }
  return { reports, configReports, ruleErrors };
}

function runWorker(task: WorkerTask): Promise<WorkerResult> {
  return new Promise((resolve) => {
    const worker = new Worker(__filename, { workerData: task, argv: [WORKER_ARGUMENT] });
    let settled = false;
    const settle = (result: WorkerResult) => {
      if (!settled) resolve(result);
      settled = true;
    };
    worker.once('message', (result: WorkerResult) => settle(result));
    worker.once('error', (error) => settle({ ok: false, input: false, message: `worker failed: ${error.message}` }));
    worker.once('exit', (code) => settle({ ok: false, input: false, message: `worker exited with code ${code}` }));
  });
}

/**
 * Contiguous runs of the path-sorted files, of about equal bytes. A folder's files stay in one batch: a Dockerfile's
 * lint parses the compose file beside it, and the thread that lints that compose file then reuses the parse (split
 * across threads, both parsed it, and a run with a worker was slower than one without).
 */
function splitBySize(targets: readonly Target[], count: number): Target[][] {
  const sorted = [...targets].sort((a, b) => (a.absolutePath < b.absolutePath ? -1 : a.absolutePath > b.absolutePath ? 1 : 0));
  // A fixed cost per file (parse set-up, cross-file reads) besides its bytes.
  const costs = sorted.map((target) => sizeOf(target.absolutePath) + 2048);
  const total = costs.reduce((sum, cost) => sum + cost, 0);
  const batches: Target[][] = Array.from({ length: count }, () => []);
  let done = 0;
  let index = 0;
  for (let i = 0; i < sorted.length; i++) {
    // Move on to the next batch once this one has its share, but only where the folder changes.
    const share = (total * (index + 1)) / count;
    const folderChanges = i === 0 || path.dirname(sorted[i].absolutePath) !== path.dirname(sorted[i - 1].absolutePath);
    if (done >= share && folderChanges && index < count - 1) index++;
    batches[index].push(sorted[i]);
    done += costs[i];
  }
  return batches.filter((batch) => batch.length > 0);
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * `check` over many files on several cores: the files are split by size into one batch per thread, worker threads
 * (this same bundle, started in worker mode) lint theirs while the main thread lints its own, and the reports are
 * merged. Each thread finds configs and reads files itself; the output is the same as a sequential run.
 */
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { CliOptions } from './args';
import type { Target } from './discover';
import { InputError } from './errors';
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
    reports.push(...result.reports);
    configReports.push(...result.configReports);
    ruleErrors.push(...result.ruleErrors);
  }
  return { reports, configReports, ruleErrors };
}

function runWorker(task: WorkerTask): Promise<WorkerResult> {
  return new Promise((resolve) => {
    const worker = new Worker(__filename, { workerData: task });
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

/** Longest processing time first: each file (largest first) goes to the batch with the fewest bytes so far. */
function splitBySize(targets: readonly Target[], count: number): Target[][] {
  const sized = targets.map((target) => ({ target, size: sizeOf(target.absolutePath) })).sort((a, b) => b.size - a.size);
  const batches = Array.from({ length: count }, () => ({ targets: [] as Target[], bytes: 0 }));
  for (const { target, size } of sized) {
    const lightest = batches.reduce((min, batch) => (batch.bytes < min.bytes ? batch : min));
    lightest.targets.push(target);
    // A fixed cost per file (parse set-up, cross-file reads) besides its bytes.
    lightest.bytes += size + 2048;
  }
  return batches.map((batch) => batch.targets);
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** Worker-thread mode of the bundle: lint a batch of files for `check` (see parallel.ts) and post the reports. */
import { parentPort } from 'node:worker_threads';
import { lintTargetsInto } from './commands';
import { InputError } from './errors';
import type { WorkerResult, WorkerTask } from './parallel';
import { Session } from './session';

export function runWorkerTask(task: WorkerTask): void {
  let result: WorkerResult;
  try {
    const session = new Session(task.options, task.cwd);
    const reports = lintTargetsInto(session, task.targets);
    result = { ok: true, reports, configReports: session.configReports(), ruleErrors: session.ruleErrors };
  } catch (error) {
    result = { ok: false, input: error instanceof InputError, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(result);
}

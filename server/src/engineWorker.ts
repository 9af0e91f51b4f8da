/**
 * The engine worker: a worker thread that runs the jobs of engineJobs.ts, one at a time, for the server's main
 * thread (engine.ts). It keeps a copy of the open buffers the main thread sends, so that a lint reads an unsaved
 * Dockerfile or compose file as the editor shows it.
 */
import * as path from '../../engine/src/core/paths';
import { parentPort } from 'node:worker_threads';
import { IdleCollector } from './memory';
import { diskWorkspace } from '../../engine/src/node';
import { KeptLints, runJob, type EngineJob } from './engineJobs';

/** Main thread → worker. */
export type ToWorker =
  | { type: 'buffer'; path: string; text: string | null }
  /** A document closed: its kept lint goes. */
  | { type: 'forget'; uri: string }
  | { type: 'job'; id: number; job: EngineJob };

/**
 * Worker → main thread. A result's `problems` come in parts first when there are many: copying tens of thousands
 * of objects into the main thread's heap is work done there, and one part at a time it never takes long.
 */
export type FromWorker =
  | { type: 'problems'; id: number; problems: unknown[] }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'failed'; id: number; error: PlainError };

/** Problems per part of a result. */
export const PROBLEMS_PER_PART = 4000;

/** An error as it crosses threads: its class name and stack (never its message, which may quote a document). */
export interface PlainError {
  name: string;
  stack: string;
}

export function toPlainError(error: unknown): PlainError {
  if (!(error instanceof Error)) return { name: typeof error, stack: '' };
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return { name: error.name, stack: [error.name, ...frames].join('\n') };
}

export function fromPlainError(plain: PlainError): Error {
  const error = new Error();
  error.name = plain.name;
  error.stack = plain.stack;
  return error;
}

export function runEngineWorker(): void {
  const port = parentPort;
  if (!port) return;
  const buffers = new Map<string, string>();
  const kept = new KeptLints();
  const idle = new IdleCollector();
  port.on('message', (message: ToWorker) => {
    if (message.type === 'forget') {
      kept.forget(message.uri);
      return;
    }
    if (message.type === 'buffer') {
      if (message.text === null) buffers.delete(message.path);
      else buffers.set(message.path, message.text);
      return;
    }
    let reply: FromWorker;
    try {
      // Engine paths (POSIX, `/C:/x` on Windows): resolved as the engine resolves them, not as node:path would.
      const result = runJob(message.job, (root) => diskWorkspace(root, (p) => buffers.get(path.resolve(p))), kept);
      // Rule errors travel as plain errors too.
      const withErrors = result as { ruleErrors?: { ruleId: string; error: unknown }[] };
      if (withErrors.ruleErrors) withErrors.ruleErrors = withErrors.ruleErrors.map(({ ruleId, error }) => ({ ruleId, error: toPlainError(error) }));
      const problems = (result as { problems?: unknown[] }).problems;
      if (Array.isArray(problems) && problems.length > PROBLEMS_PER_PART) {
        for (let from = 0; from < problems.length; from += PROBLEMS_PER_PART) {
          port.postMessage({ type: 'problems', id: message.id, problems: problems.slice(from, from + PROBLEMS_PER_PART) } satisfies FromWorker);
        }
        (result as { problems: unknown[] }).problems = [];
      }
      reply = { type: 'done', id: message.id, result };
    } catch (error) {
      reply = { type: 'failed', id: message.id, error: toPlainError(error) };
    }
    port.postMessage(reply);
    // The worker's heap is its own: return a lint's garbage once jobs stop coming, as the main thread did.
    idle.touch();
  });
}

/**
 * Runs the engine off the thread that answers requests: each job of engineJobs.ts goes to a worker thread, so a
 * lint of a big compose file never keeps hover, code actions of another file or `shutdown` waiting. Two workers
 * ("lanes"): one for documents above LARGE_DOCUMENT_CHARS (or that read such an open buffer: a Dockerfile reads the
 * compose file that builds it) and one for the rest, so a small file's lint does not wait behind a big one's. A
 * newer version of a document cancels the lint (and service parse) of an older one: dropped from the queue, or, when
 * already running, stopped by ending its worker (a new one starts for the next job).
 */
import { Worker } from 'node:worker_threads';
import type { EngineJob, JobResults, RuleError } from './engineJobs';
import { fromPlainError, type FromWorker, type PlainError, type ToWorker } from './engineWorker';
import type { Logger } from './logger';
import { JobCancelled, LARGE_DOCUMENT_CHARS, type JobMeta, type OpenBuffer } from './jobs';

export { JobCancelled, LARGE_DOCUMENT_CHARS, type JobMeta, type OpenBuffer } from './jobs';

interface Pending {
  id: number;
  job: EngineJob;
  meta: JobMeta;
  /** The parts of the result's problems received so far. */
  problems?: unknown[][];
  resolve(result: unknown): void;
  reject(error: Error): void;
}

class Lane {
  private worker: Worker | undefined;
  private readonly queue: Pending[] = [];
  private running: Pending | undefined;
  /** The buffers the current worker holds: path → key of the text it was sent. */
  private readonly synced = new Map<string, string>();

  constructor(
    private readonly name: string,
    private readonly buffers: () => OpenBuffer[],
    private readonly logger: Logger,
  ) {}

  submit(pending: Pending): void {
    this.queue.push(pending);
    this.pump();
  }

  supersede(uri: string, version: number): void {
    const outdated = (pending: Pending) => pending.meta.cancellable && pending.meta.uri === uri && (pending.meta.version ?? 0) < version;
    for (let index = this.queue.length - 1; index >= 0; index--) {
      if (outdated(this.queue[index])) this.queue.splice(index, 1)[0].reject(new JobCancelled());
    }
    if (this.running && outdated(this.running)) {
      const running = this.running;
      this.logger.debug(`engine (${this.name}): stopping an outdated job for ${uri}`);
      this.stop();
      running.reject(new JobCancelled());
      this.pump();
    }
  }

  forget(uri: string): void {
    this.worker?.postMessage({ type: 'forget', uri } satisfies ToWorker);
  }

  /** Starts the worker now, so the first lint does not wait for it. */
  warmUp(): void {
    this.ensureWorker();
  }

  dispose(): void {
    this.stop();
    for (const pending of this.queue.splice(0)) pending.reject(new JobCancelled());
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const next = this.queue.shift()!;
    const worker = this.ensureWorker();
    this.sync(worker);
    this.running = next;
    worker.postMessage({ type: 'job', id: next.id, job: next.job } satisfies ToWorker);
  }

  /** Sends the worker the open buffers that changed since it last saw them, and forgets the closed ones. */
  private sync(worker: Worker): void {
    const open = new Set<string>();
    for (const buffer of this.buffers()) {
      open.add(buffer.path);
      if (this.synced.get(buffer.path) === buffer.key) continue;
      worker.postMessage({ type: 'buffer', path: buffer.path, text: buffer.text() } satisfies ToWorker);
      this.synced.set(buffer.path, buffer.key);
    }
    for (const path of [...this.synced.keys()]) {
      if (open.has(path)) continue;
      worker.postMessage({ type: 'buffer', path, text: null } satisfies ToWorker);
      this.synced.delete(path);
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // The bundle itself (dist/server.js): started as a worker, main.ts runs the engine worker instead of a server.
    // Its stdout is not the protocol's: anything a dependency prints there goes to stderr.
    const worker = new Worker(__filename, { stdout: true });
    worker.stdout.on('data', (chunk: Uint8Array) => process.stderr.write(chunk));
    worker.on('message', (message: FromWorker) => this.settle(worker, message));
    worker.on('error', (error) => this.crashed(worker, error));
    worker.on('exit', (code) => this.crashed(worker, new Error(`the engine worker exited with code ${code}`)));
    // The server's lifetime is the connection's, never the worker's.
    worker.unref();
    this.worker = worker;
    this.synced.clear();
    return worker;
  }

  private stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.running = undefined;
    this.synced.clear();
    void worker?.terminate();
  }

  private settle(worker: Worker, message: FromWorker): void {
    const pending = this.running;
    if (worker !== this.worker || !pending || pending.id !== message.id) return;
    if (message.type === 'problems') {
      (pending.problems ??= []).push(message.problems);
      return;
    }
    this.running = undefined;
    if (message.type === 'done') {
      const result = message.result as { problems?: unknown[] };
      if (pending.problems) result.problems = pending.problems.flat();
      pending.resolve(withErrors(result));
    } else pending.reject(fromPlainError(message.error));
    this.pump();
  }

  /** The worker died (out of memory, a bug): its job fails, the next job gets a new worker. */
  private crashed(worker: Worker, error: Error): void {
    if (worker !== this.worker) return;
    this.logger.error(`engine worker (${this.name}) stopped`, error);
    const pending = this.running;
    this.worker = undefined;
    this.running = undefined;
    this.synced.clear();
    pending?.reject(error);
    this.pump();
  }
}

/** Rule errors come back as plain errors: make them errors again for the logger. */
function withErrors(result: unknown): unknown {
  const data = result as { ruleErrors?: { ruleId: string; error: unknown }[] };
  if (Array.isArray(data?.ruleErrors)) {
    data.ruleErrors = data.ruleErrors.map(({ ruleId, error }): RuleError => ({ ruleId, error: fromPlainError(error as PlainError) }));
  }
  return result;
}

export class Engine {
  private readonly small: Lane;
  private readonly large: Lane;
  private nextId = 1;

  constructor(buffers: () => OpenBuffer[], logger: Logger) {
    this.small = new Lane('small documents', buffers, logger);
    this.large = new Lane('large documents', buffers, logger);
  }

  run<Op extends EngineJob['op']>(job: Extract<EngineJob, { op: Op }>, meta: JobMeta = {}): Promise<JobResults[Op]> {
    const lane = Math.max(job.text.length, meta.size ?? 0) > LARGE_DOCUMENT_CHARS ? this.large : this.small;
    return new Promise<JobResults[Op]>((resolve, reject) => {
      lane.submit({ id: this.nextId++, job, meta, resolve: resolve as (result: unknown) => void, reject });
    });
  }

  /** A document has a new version: its cancellable jobs for older versions are dropped or stopped. */
  supersede(uri: string, version: number): void {
    this.small.supersede(uri, version);
    this.large.supersede(uri, version);
  }

  /** A document closed: the workers drop what they kept of its lint. */
  forget(uri: string): void {
    this.small.forget(uri);
    this.large.forget(uri);
  }

  warmUp(): void {
    this.small.warmUp();
  }

  dispose(): void {
    this.small.dispose();
    this.large.dispose();
  }
}

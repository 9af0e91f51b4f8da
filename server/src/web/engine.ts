/**
 * The engine of the browser build: a web worker cannot start worker threads of its own from our bundle, so the jobs
 * of engineJobs.ts run in the server's worker, one at a time, each in a task of its own (a request that arrives
 * meanwhile is answered between two jobs). The same interface as engine.ts, which the build replaces with this file.
 *
 * The files a job reads besides the open documents come from a FileCache. A job that asked for files the cache did
 * not hold runs again once the client has sent them (setFileFetcher), until it asks for nothing new: the linked
 * Dockerfile names its `.dockerignore` and lock files, a compose file its `.env` and override files, and so on.
 */
import { JobCancelled, type JobMeta, type OpenBuffer } from '../jobs';
import { KeptLints, runJob, type EngineJob, type JobResults } from '../engineJobs';
import type { Logger } from '../logger';
import { FileCache, type FileFetcher } from './fileCache';

export { JobCancelled, LARGE_DOCUMENT_CHARS, type JobMeta, type OpenBuffer } from '../jobs';

/**
 * The most runs of one job. Each run can only ask for files the previous ones named, so the chain is short (compose
 * file → Dockerfile → its context's lock files and sources); a longer one gives up and keeps the last result.
 */
export const MAX_RUNS = 8;

/** The files of the browser build: one cache for the server (web/main.ts wires the client's answers to it). */
export const files = new FileCache();
let fetcher: FileFetcher | undefined;
/** Told which paths a job's fetch brought; true when the job's options are out of date with them (a config came). */
let filled: ((paths: readonly string[]) => boolean) | undefined;

/**
 * How the cache fetches files it does not hold (the client, through ReadFilesRequest), and who hears what a job's
 * fetch brought: a lint whose options it makes stale is dropped (JobCancelled) for the lint it schedules instead.
 */
export function setFileFetcher(fetch: FileFetcher | undefined, onFilled?: (paths: readonly string[]) => boolean): void {
  fetcher = fetch;
  filled = onFilled;
}

export class Engine {
  private readonly kept = new KeptLints();
  /** The newest version of each document: a cancellable job for an older one is dropped before it runs. */
  private readonly newest = new Map<string, number>();
  private disposed = false;
  /** Runs of jobs, counted (for tests and the log). */
  runs = 0;

  constructor(
    private readonly buffers: () => OpenBuffer[],
    private readonly logger: Logger,
  ) {}

  async run<Op extends EngineJob['op']>(job: Extract<EngineJob, { op: Op }>, meta: JobMeta = {}): Promise<JobResults[Op]> {
    for (let run = 1; ; run++) {
      // Each run in a task of its own: requests that arrived meanwhile are answered first.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.disposed || this.outdated(meta)) throw new JobCancelled();
      const open = new Map<string, string>();
      for (const buffer of this.buffers()) open.set(buffer.path, buffer.text());
      let result: JobResults[Op];
      try {
        this.runs++;
        result = runJob(job, (root) => files.workspace(root, (p) => open.get(p)), this.kept) as JobResults[Op];
      } catch (error) {
        this.logger.debug(`engine: a ${job.op} job failed`);
        throw error instanceof Error ? error : new Error(String(error));
      }
      const wanted = files.takeWanted();
      if (wanted.length === 0 || !fetcher) return result;
      if (run === MAX_RUNS) {
        this.logger.debug(`engine: a ${job.op} job still asked for ${wanted.length} files after ${MAX_RUNS} runs`);
        return result;
      }
      await files.fill(wanted, fetcher);
      // A config file (or `.git`) the lint's options were made without: the lint scheduled with it publishes instead.
      if (filled?.(wanted) && job.op === 'lint') throw new JobCancelled();
    }
  }

  private outdated(meta: JobMeta): boolean {
    return meta.cancellable === true && meta.uri !== undefined && (meta.version ?? 0) < (this.newest.get(meta.uri) ?? -Infinity);
  }

  supersede(uri: string, version: number): void {
    this.newest.set(uri, Math.max(version, this.newest.get(uri) ?? version));
  }

  forget(uri: string): void {
    this.kept.forget(uri);
    this.newest.delete(uri);
  }

  warmUp(): void {}

  dispose(): void {
    this.disposed = true;
  }
}

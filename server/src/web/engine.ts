/**
 * The engine of the browser build: a web worker cannot start worker threads of its own from our bundle, so the jobs
 * of engineJobs.ts run in the server's worker, one at a time, each in a task of its own (a request that arrives
 * meanwhile is answered between two jobs). The files a job sees are the open documents (shims/fs.ts). The same interface as engine.ts, which the build replaces with this file.
 */
import * as path from 'node:path';
import { JobCancelled, type JobMeta, type OpenBuffer } from '../engine';
import { KeptLints, runJob, type EngineJob, type JobResults } from '../engineJobs';
import type { Logger } from '../logger';
import { setMemoryFiles } from './shims/fs';

export { JobCancelled, LARGE_DOCUMENT_CHARS, type JobMeta, type OpenBuffer } from '../engine';

export class Engine {
  private readonly kept = new KeptLints();
  /** The newest version of each document: a cancellable job for an older one is dropped before it runs. */
  private readonly newest = new Map<string, number>();
  private disposed = false;

  constructor(
    private readonly buffers: () => OpenBuffer[],
    private readonly logger: Logger,
  ) {}

  run<Op extends EngineJob['op']>(job: Extract<EngineJob, { op: Op }>, meta: JobMeta = {}): Promise<JobResults[Op]> {
    return new Promise<JobResults[Op]>((resolve, reject) => {
      setTimeout(() => {
        if (this.disposed || (meta.cancellable && meta.uri !== undefined && (meta.version ?? 0) < (this.newest.get(meta.uri) ?? -Infinity))) {
          reject(new JobCancelled());
          return;
        }
        try {
          const open = new Map<string, string>();
          for (const buffer of this.buffers()) open.set(buffer.path, buffer.text());
          // The file system of the browser build: the open documents (shims/fs.ts).
          setMemoryFiles(open);
          resolve(runJob(job, (p) => open.get(path.resolve(p)), this.kept) as JobResults[Op]);
        } catch (error) {
          this.logger.debug(`engine: a ${job.op} job failed`);
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }, 0);
    });
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

/**
 * What both engines share (engine.ts's worker threads in the Node build, web/engine.ts's in-process runs in the
 * browser build): the lanes' size limit, a cancelled job, a job's document and the open buffers it reads.
 */

/**
 * Texts longer than this go to the lane for big documents. A lint of this much takes a few hundred ms, which is the
 * most an engine request about a small file (code actions, listServices) can wait; a second worker costs ~18 MB.
 */
export const LARGE_DOCUMENT_CHARS = 256 * 1024;

/** A job dropped because a newer version of its document arrived. */
export class JobCancelled extends Error {
  constructor() {
    super('cancelled by a newer version of the document');
    this.name = 'JobCancelled';
  }
}

export interface JobMeta {
  /** The document the job is about, and its version: a newer version cancels the job when it is `cancellable`. */
  uri?: string;
  version?: number;
  cancellable?: boolean;
  /** What picks the lane when more than the job's text: the largest open buffer the document's last lint read. */
  size?: number;
}

/** An open buffer the worker should see instead of the disk. */
export interface OpenBuffer {
  path: string;
  /** Changes when the text does (uri and version). */
  key: string;
  text(): string;
}

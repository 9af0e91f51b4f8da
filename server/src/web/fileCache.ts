/**
 * The files of the browser build. A web worker has no disk and the engine reads synchronously, so the engine reads
 * from this cache: what it asks for and the cache does not hold yet is noted ("wanted") and answered as missing;
 * web/engine.ts then fetches the wanted files through the client (ReadFilesRequest, answered from `workspace.fs`)
 * and runs the job again, until a run wants nothing new. A lint thus sees the same files as the Node build's disk
 * lint, and only its last run's result is published.
 */
import { isWithin, type DirectoryEntry, type Workspace } from '../../../engine/src/index';

export interface CachedFile {
  type: 'file' | 'directory' | 'missing' | 'unreadable';
  text?: string;
  entries?: DirectoryEntry[];
}

/** Fetches files by path: the answers in the order asked. */
export type FileFetcher = (paths: string[]) => Promise<CachedFile[]>;

export class FileCache {
  private readonly known = new Map<string, CachedFile>();
  private readonly wanted = new Set<string>();
  /** Paths being fetched now: asked again meanwhile, they are not asked twice. */
  private readonly inFlight = new Map<string, Promise<void>>();

  /**
   * The workspace of a job: open documents first (`open`), then the cache. As the Node build's disk workspace with a
   * root, nothing outside `root` is read (a hostile `build.context: ../../..` reads nothing).
   */
  workspace(root: string, open: (absolutePath: string) => string | undefined): Workspace {
    const lookup = (p: string): CachedFile | undefined => {
      if (!isWithin(root, p)) return { type: 'missing' };
      const text = open(p);
      if (text !== undefined) return { type: 'file', text };
      const cached = this.known.get(p);
      if (!cached) this.wanted.add(p);
      return cached;
    };
    return {
      readFile: (p) => {
        const file = lookup(p);
        return file?.type === 'file' ? file.text : undefined;
      },
      exists: (p) => {
        const file = lookup(p);
        return file !== undefined && file.type !== 'missing';
      },
      listDirectory: (p) => {
        const file = lookup(p);
        return file?.type === 'directory' ? file.entries : undefined;
      },
      // A fix creates a file through the client's workspace edit: where nothing is, it can.
      canCreate: (p) => {
        if (!isWithin(root, p) || p === root) return false;
        return lookup(p)?.type === 'missing';
      },
    };
  }

  /** The paths asked for since the last call that the cache did not hold; the list is emptied. */
  takeWanted(): string[] {
    const paths = [...this.wanted];
    this.wanted.clear();
    return paths;
  }

  /**
   * Fetches paths not known yet. A path the fetcher cannot answer (the request fails) counts as unreadable for now;
   * forget() lets it be asked again.
   */
  async fill(paths: readonly string[], fetch: FileFetcher): Promise<void> {
    const waits: Promise<void>[] = [];
    const ask: string[] = [];
    for (const p of new Set(paths)) {
      if (this.known.has(p)) continue;
      const pending = this.inFlight.get(p);
      if (pending) waits.push(pending);
      else ask.push(p);
    }
    if (ask.length > 0) {
      const done = fetch(ask).then(
        (answers) => ask.forEach((p, i) => this.known.set(p, answers[i] ?? { type: 'unreadable' })),
        () => ask.forEach((p) => this.known.set(p, { type: 'unreadable' })),
      );
      const settled = done.finally(() => ask.forEach((p) => this.inFlight.delete(p)));
      for (const p of ask) this.inFlight.set(p, settled);
      waits.push(settled);
    }
    await Promise.all(waits);
  }

  /** Whether a path is known to be there but unreadable (too big, not text, or the client could not answer). */
  unreadable(p: string): boolean {
    return this.known.get(p)?.type === 'unreadable';
  }

  /** Whether the cache holds an answer for a path. */
  has(p: string): boolean {
    return this.known.has(p);
  }

  /**
   * A file changed, was created or was deleted (a watched-file event, a save, a closed document): its answer and
   * its folder's listing are asked again next time. Without a path, everything is.
   */
  forget(p?: string): void {
    if (p === undefined) {
      this.known.clear();
      return;
    }
    this.known.delete(p);
    const slash = p.lastIndexOf('/');
    if (slash >= 0) this.known.delete(slash === 0 ? '/' : p.slice(0, slash));
  }
}

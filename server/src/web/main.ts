/**
 * The Docker Harden language server for a web worker (vscode.dev, github.dev): the same server as the Node build,
 * over the worker's messages. The build (scripts/build-web.mjs) gives it the engine of web/engine.ts (no worker
 * threads). There is no disk: the files a lint reads besides the open documents are asked of the client
 * (ReadFilesRequest, answered from `workspace.fs`) and kept in web/engine.ts's file cache.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { setVirtualSchemes } from '../documents';
import { describeError } from '../logger';
import { ReadFilesRequest } from '../protocol';
import type { ConfigFiles } from '../../../engine/src/index';
import * as path from '../../../engine/src/core/paths';
import { affectsConfig } from '../projectConfig';
import { startServer } from '../server';
import { files, setFileFetcher } from './engine';
import type { CachedFile, FileFetcher } from './fileCache';

/** What BrowserMessageReader and BrowserMessageWriter need of the worker's global scope. */
type WorkerScope = ConstructorParameters<typeof BrowserMessageReader>[0];

/**
 * Schemes of workspaces in the browser: github.dev and vscode.dev's repositories (`vscode-vfs`), @vscode/test-web,
 * and a remote's files seen from a web-worker extension host (`vscode-remote`, as in code-server).
 */
export const VIRTUAL_SCHEMES = ['vscode-vfs', 'vscode-test-web', 'vscode-remote'];

interface ErrorEvents {
  addEventListener(type: 'error' | 'unhandledrejection', listener: (event: { reason?: unknown; error?: unknown }) => void): void;
}

const scope = (globalThis as unknown as { self: WorkerScope }).self;
const events = scope as unknown as ErrorEvents;
setVirtualSchemes(VIRTUAL_SCHEMES);
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
// A bug must cost one answer, not the server (as serverMain.ts): log it without its message.
events.addEventListener('unhandledrejection', (event) => connection.console.error(`unhandled rejection: ${describeError(event.reason, true)}`));
events.addEventListener('error', (event) => connection.console.error(`uncaught exception: ${describeError(event.error, true)}`));
/**
 * `.docker-harden.yaml`, `.hadolint.yaml` and `.git` as the config lookup sees them: from the file cache, inside a
 * workspace folder only (the lookup climbs to `/`; above the folder the editor's file system has nothing to ask).
 * What the cache does not hold yet is fetched with the lint's other files; when a config or `.git` turns out to be
 * there, the configs are looked up again (see setFileFetcher below).
 */
const configFiles: ConfigFiles = {
  readFile: (absolutePath) => cached(absolutePath)?.readFile(absolutePath),
  isFile: (absolutePath) => cached(absolutePath)?.readFile(absolutePath) !== undefined,
  // Only what the client said is there: a request that failed (unreadable) does not make a repository root.
  exists: (absolutePath) => cached(absolutePath)?.exists(absolutePath) === true && !files.unreadable(absolutePath),
  isDirectory: (absolutePath) => cached(absolutePath)?.listDirectory?.(absolutePath) !== undefined,
};

function cached(absolutePath: string) {
  const folder = server.workspaceFolderOf(absolutePath);
  return folder === undefined ? undefined : files.workspace(folder, () => undefined);
}

const server = startServer(connection, {
  configFiles,
  workspace: (root, open) => files.workspace(root, open),
  fileChanged: (absolutePath) => files.forget(absolutePath),
  fetchWanted: () => fetchWanted(),
  readFile: async (absolutePath) => {
    await files.fill([absolutePath], fetcher);
    return files.workspace('/', () => undefined).readFile(absolutePath);
  },
});

async function fetchWanted(): Promise<boolean> {
  const wanted = files.takeWanted();
  if (wanted.length === 0 || !fetcher) return false;
  await files.fill(wanted, fetcher);
  return true;
}

/** The client's answers, in the order asked; a client that does not answer (another editor) leaves them unreadable. */
const fetcher: FileFetcher = async (paths) => {
  const answers: CachedFile[] = [];
  for (let from = 0; from < paths.length; from += ReadFilesRequest.MAX_URIS) {
    const uris = paths.slice(from, from + ReadFilesRequest.MAX_URIS).map((p) => server.uriOf(p));
    let result: ReadFilesRequest.Result | null = null;
    try {
      result = await connection.sendRequest<ReadFilesRequest.Result>(ReadFilesRequest.method, { uris } satisfies ReadFilesRequest.Params);
    } catch {
      result = null;
    }
    uris.forEach((uri, i) => {
      const answer = Array.isArray(result) ? result[i] : undefined;
      answers.push(answer && answer.uri === uri ? { type: answer.type, text: answer.text, entries: answer.entries } : { type: 'unreadable' });
    });
  }
  return answers;
};
setFileFetcher(fetcher, (paths) => {
  const configs = paths.filter((p) => (affectsConfig(p) || path.basename(p) === '.git') && configFiles.exists(p));
  if (configs.length === 0) return false;
  server.configsChanged();
  return true;
});

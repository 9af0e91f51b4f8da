/**
 * The web worker entry (`"browser"` in package.json): vscode.dev, github.dev, and any editor's web worker extension
 * host (code-server's, forced with `"remote.extensionKind": { "docker-harden.docker-harden": ["web"] }`). The same
 * client as the Node entry (activate.ts), with the language server of dist/web/server.js in a Worker.
 *
 * The Worker starts from a `blob:` URL of the script read with `workspace.fs.readFile`: the extension's folder is a
 * `vscode-remote:` (code-server) or `https:` URI, and a Worker of a remote extension's URI is refused ("Creating
 * workers from remote extensions is currently not supported"). There is no local disk: created files keep the mode
 * the editor's file system gives them, and the output channel says so (commands.ts).
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type BaseLanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { activateClient, CLIENT_ID, CLIENT_NAME, type DockerHardenApi } from './activate';
import { registerFileRequests } from './fileRequests';

export type { DockerHardenApi } from './activate';

/**
 * Files on disk, unsaved ones, and the documents of virtual and remote workspaces: github.dev's and vscode.dev's
 * repositories (`vscode-vfs`), @vscode/test-web (`vscode-test-web`), and the folder of a remote editor whose
 * extension runs in the browser (`vscode-remote`: code-server, Codespaces in the browser). Not the refactor
 * preview's copies (`vscode-bulkeditpreview-editor`), as in the Node entry.
 */
export const SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-test-web', 'vscode-remote'];

/** The server script inside the extension. */
export const SERVER_SCRIPT = ['dist', 'web', 'server.js'];

/** What the client needs of the browser's Worker (the DOM's type, not in this project's lib). */
interface BrowserWorker extends MessagePortLike {
  terminate(): void;
}
type MessagePortLike = ConstructorParameters<typeof BrowserMessageReader>[0];
declare const Worker: new (url: string, options?: { name?: string }) => BrowserWorker;

let client: BaseLanguageClient | undefined;
/** The running server's Worker: the client's stop ends the server's session but not its Worker, this does. */
let worker: BrowserWorker | undefined;

/**
 * The server's transports over a new Worker of its script, from a blob: URL (each start of the client, so a
 * restart gets a fresh one). The reader and writer are made here: the client's own check `result instanceof
 * Worker` fails in VS Code's web worker host, whose nested Worker is a stand-in, and the client then took the
 * Worker for transports ("Cannot read properties of undefined (reading 'onClose')").
 */
async function startServer(extensionUri: vscode.Uri): Promise<MessageTransports> {
  const started = await startWorker(extensionUri);
  return { reader: new BrowserMessageReader(started), writer: new BrowserMessageWriter(started) };
}

/**
 * The server script's bytes: through the editor's file system (code-server's `vscode-remote:` extension folder),
 * else, for an extension served over `https:` (vscode.dev's extension CDN) where that file system may not reach,
 * fetched. The fetch path is not exercised by the tests (this machine cannot reach vscode.dev).
 */
async function readServerScript(uri: vscode.Uri): Promise<Uint8Array> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    if (uri.scheme !== 'https' && uri.scheme !== 'http') throw error;
    const response = await fetch(uri.toString(true));
    if (!response.ok) throw new Error(`${uri.toString(true)}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

async function startWorker(extensionUri: vscode.Uri): Promise<BrowserWorker> {
  const script = await readServerScript(vscode.Uri.joinPath(extensionUri, ...SERVER_SCRIPT));
  const url = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
  try {
    worker?.terminate();
    worker = new Worker(url, { name: CLIENT_NAME });
    return worker;
  } finally {
    // The Worker holds its own reference to the script once created.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

export function activate(context: vscode.ExtensionContext): DockerHardenApi {
  const { api } = activateClient(context, {
    schemes: SCHEMES,
    disk: undefined,
    // vscode-languageclient/browser 11 takes the server (here a function that makes the Worker) before the options.
    createClient: (clientOptions) => (client = new LanguageClient(CLIENT_ID, CLIENT_NAME, () => startServer(context.extensionUri), clientOptions)),
    // The server has no disk: it asks for the files a lint needs (ReadFilesRequest), answered from workspace.fs.
    onClient: (languageClient) => [registerFileRequests(languageClient)],
  });
  return api;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  worker?.terminate();
  worker = undefined;
}

/**
 * The Docker Harden language server for a web worker (vscode.dev, github.dev): the same server as the Node build,
 * over the worker's messages. The build (scripts/build-web.mjs) gives it the engine of web/engine.ts (no worker
 * threads) and shims for the Node modules it names; there is no disk, so a lint reads only the open documents.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { setVirtualSchemes } from '../documents';
import { describeError } from '../logger';
import { startServer } from '../server';

/** What BrowserMessageReader and BrowserMessageWriter need of the worker's global scope. */
type WorkerScope = ConstructorParameters<typeof BrowserMessageReader>[0];

/** Schemes of virtual workspaces in the browser: github.dev and vscode.dev's repositories, @vscode/test-web. */
export const VIRTUAL_SCHEMES = ['vscode-vfs', 'vscode-test-web'];

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
startServer(connection);

/**
 * The VS Code side of Docker Harden, kept thin (as lsp-sample's client): it starts the language server, forwards
 * settings and file events, and turns the server's answers into editor UI. What to report and how to fix it lives
 * in the engine, behind the server. This is the Node entry (`"main"`): the server is a Node process over IPC. The
 * web worker entry (`"browser"`) is browser.ts; what they share is activate.ts.
 */
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_EXEC_ARGV } from '../../server/src/protocol';
import { activateClient, CLIENT_ID, CLIENT_NAME, documentSelectorFor, type DockerHardenApi } from './activate';
import { nodeDisk } from './nodeDisk';

export type { DockerHardenApi } from './activate';

/**
 * Files on disk and unsaved ones only: VS Code's refactor preview shows the changed files as documents of its own
 * scheme (`vscode-bulkeditpreview-editor`), and linting those listed every problem of the previewed files a second
 * time in the Problems panel until the preview closed (as vscode-eslint, which selects `file` and `untitled`).
 */
export const SCHEMES = ['file', 'untitled'];
export const documentSelector = documentSelectorFor(SCHEMES);

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): DockerHardenApi {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] } },
  };
  const { api } = activateClient(context, {
    schemes: SCHEMES,
    disk: nodeDisk,
    createClient: (clientOptions) => (client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions)),
  });
  return api;
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

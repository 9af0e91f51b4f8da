/**
 * The VS Code side of Docker Harden, kept thin (as lsp-sample's client): it starts the language server, forwards
 * settings and file events, and turns the server's answers into editor UI. What to report and how to fix it lives
 * in the engine, behind the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Commands, COMPOSE_FILE_GLOB, LintStatusNotification, SERVER_EXEC_ARGV, WATCHED_GLOBS } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { DockerHardenOutput } from './output';
import { LintStatus } from './status';

/**
 * Files on disk and unsaved ones only: VS Code's refactor preview shows the changed files as documents of its own
 * scheme (`vscode-bulkeditpreview-editor`), and linting those listed every problem of the previewed files a second
 * time in the Problems panel until the preview closed (as vscode-eslint, which selects `file` and `untitled`).
 */
const SCHEMES = ['file', 'untitled'];
export const documentSelector = SCHEMES.flatMap((scheme) => [
  { scheme, language: 'dockercompose' },
  { scheme, language: 'dockerfile' },
  // Editors without the Docker extension call compose files plain YAML.
  { scheme, language: 'yaml', pattern: COMPOSE_FILE_GLOB },
]);

let client: LanguageClient | undefined;

export interface DockerHardenApi {
  /** Resolves when the language server has started (rejects when it cannot start). */
  ready: Promise<void>;
}

export function activate(context: vscode.ExtensionContext): DockerHardenApi {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] } },
  };
  const output = new DockerHardenOutput();
  const watchers = WATCHED_GLOBS.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: { configurationSection: 'dockerHarden', fileEvents: watchers },
    outputChannel: output,
    traceOutputChannel: output,
    diagnosticCollectionName: 'docker-harden',
    // A compose hover's "Show documentation" link runs this command (the bundled rule page), and no other.
    markdown: { isTrusted: { enabledCommands: [Commands.showDocumentation] } },
    // `dockerHarden.enable: false` hides our problems, fixes and lenses for that folder (the server still runs).
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, enabledFor(uri) ? diagnostics : []),
      provideCodeActions: (document, range, context, token, next) => (enabledFor(document.uri) ? next(document, range, context, token) : []),
      provideCodeLenses: (document, token, next) => (enabledFor(document.uri) ? next(document, token) : []),
    },
  };
  const languageClient = new LanguageClient('dockerHarden', 'Docker Harden', serverOptions, clientOptions);
  client = languageClient;
  const status = new LintStatus(documentSelector);
  context.subscriptions.push(
    output,
    status,
    ...watchers,
    ...registerCommands(languageClient, output),
    languageClient.onNotification(LintStatusNotification.method, (params: LintStatusNotification.Params) => status.update(params)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('dockerHarden.enable')) return;
      languageClient.diagnostics?.forEach((uri) => {
        if (!enabledFor(uri)) languageClient.diagnostics?.delete(uri);
      });
    }),
    languageClient.onDidChangeState((event) => {
      status.setServerState(event.newState === State.Running ? 'running' : event.newState === State.Starting ? 'starting' : 'stopped');
    }),
  );
  const ready = languageClient.start().catch((error: unknown) => {
    output.error(`The Docker Harden server did not start: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  });
  ready.catch(() => undefined);
  return { ready };
}

function enabledFor(uri: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('dockerHarden', uri).get<boolean>('enable', true);
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

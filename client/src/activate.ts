/**
 * What the two entries share: the client options, the commands, the status item, the output channel and the
 * settings. extension.ts starts the server as a Node process over IPC; browser.ts starts it in a web worker
 * (vscode.dev, github.dev, code-server's web worker host). Everything here runs in both: no `node:` import.
 */
import * as vscode from 'vscode';
import { State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import { Commands, COMPOSE_FILE_GLOB, LintStatusNotification, WATCHED_GLOBS } from '../../server/src/protocol';
import { registerCommands } from './commands';
import type { LocalDisk } from './localDisk';
import { DockerHardenOutput } from './output';
import { LintStatus } from './status';

export const CLIENT_ID = 'dockerHarden';
export const CLIENT_NAME = 'Docker Harden';

/** The documents of the schemes given, by language (and compose files named as such that an editor calls YAML). */
export function documentSelectorFor(schemes: readonly string[]) {
  return schemes.flatMap((scheme) => [
    { scheme, language: 'dockercompose' },
    { scheme, language: 'dockerfile' },
    // Editors without the Docker extension call compose files plain YAML.
    { scheme, language: 'yaml', pattern: COMPOSE_FILE_GLOB },
  ]);
}

export interface DockerHardenApi {
  /** Resolves when the language server has started (rejects when it cannot start). */
  ready: Promise<void>;
}

export interface ClientEntry {
  /** URI schemes of the documents linted. */
  schemes: readonly string[];
  /** The language client of this entry, over its transport, with the shared options. */
  createClient(clientOptions: LanguageClientOptions, output: DockerHardenOutput): BaseLanguageClient;
  /** The local disk (Node only). */
  disk: LocalDisk | undefined;
  /** Called once the client exists, before it starts (the browser entry's file requests). */
  onClient?(client: BaseLanguageClient, context: vscode.ExtensionContext): vscode.Disposable[];
}

export function activateClient(context: vscode.ExtensionContext, entry: ClientEntry): { client: BaseLanguageClient; api: DockerHardenApi } {
  const documentSelector = documentSelectorFor(entry.schemes);
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
  const languageClient = entry.createClient(clientOptions, output);
  const status = new LintStatus(documentSelector);
  context.subscriptions.push(
    output,
    status,
    ...watchers,
    ...registerCommands({ client: languageClient, output, extensionUri: context.extensionUri, disk: entry.disk }),
    ...(entry.onClient?.(languageClient, context) ?? []),
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
  return { client: languageClient, api: { ready } };
}

function enabledFor(uri: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('dockerHarden', uri).get<boolean>('enable', true);
}

/**
 * A real LSP client for the tests: starts the bundled server (`node dist/server.js --stdio`) and talks to it with
 * vscode-languageserver-protocol, announcing the capabilities VS Code announces (or fewer, to test degradation).
 * It answers the server's requests (configuration, registrations, applyEdit) and records what the server sends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  ClientCapabilities,
  CodeAction,
  Command,
  Diagnostic,
  PublishDiagnosticsParams,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { allRules } from '../../engine/src/index';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const serverPath = path.join(repoRoot, 'dist', 'server.js');
export const exampleRoot = path.join(repoRoot, 'examples', 'vrecommendation');

export const vscodeCapabilities: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    applyEdit: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: {
      documentChanges: true,
      resourceOperations: ['create', 'rename', 'delete'],
      changeAnnotationSupport: { groupsOnLabel: true },
    },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] }, dataSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
      dataSupport: true,
    },
    codeLens: {},
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    formatting: {},
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
};

export interface StartOptions {
  capabilities?: ClientCapabilities;
  workspaceFolder?: string;
  /** What `workspace/configuration` answers for the `dockerHarden` section. */
  settings?: Record<string, unknown>;
  /** Extra `node` arguments (e.g. `--require` a network guard). */
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
  /** Starts this command (then `--stdio`) instead of `node dist/server.js`: an installed package's bin. */
  serverCommand?: readonly string[];
}

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics in order of arrival, with its time (performance.now()). */
  readonly published: { uri: string; version?: number; at: number }[] = [];
  readonly logs: { type: number; message: string }[] = [];
  readonly statuses: { uri: string; state: string; durationMs?: number; problems?: number }[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly configurationRequests: unknown[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly documents = new Map<string, TextDocument>();
  settings: Record<string, unknown>;
  stderr = '';

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    if (!options.serverCommand && !fs.existsSync(serverPath)) throw new Error(`${serverPath} is missing: run node scripts/build.mjs`);
    const [command, ...commandArgs] = options.serverCommand ?? [process.execPath, ...(options.nodeArgs ?? []), serverPath];
    const child = spawn(command, [...commandArgs, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env,
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, options);
    child.stderr!.on('data', (chunk) => (client.stderr += chunk));
    connection.onNotification('textDocument/publishDiagnostics', (params: unknown) => {
      const diagnostics = params as PublishDiagnosticsParams;
      client.diagnostics.set(diagnostics.uri, diagnostics);
      client.published.push({ uri: diagnostics.uri, version: diagnostics.version, at: performance.now() });
    });
    connection.onNotification('window/logMessage', (params: unknown) => {
      client.logs.push(params as TestClient['logs'][number]);
    });
    connection.onNotification('dockerHarden/lintStatus', (params: unknown) => {
      client.statuses.push(params as TestClient['statuses'][number]);
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string; scopeUri?: string }[] }) => {
      client.configurationRequests.push(params);
      return params.items.map((item) => (item.section === 'dockerHarden' ? client.settings : null));
    });
    connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      client.registrations.push(...params.registrations);
      return null;
    });
    connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
      client.appliedEdits.push(params.edit);
      return { applied: true };
    });
    connection.onRequest('workspace/workspaceFolders', () => (options.workspaceFolder ? [{ uri: uriOf(options.workspaceFolder), name: 'ws' }] : null));
    connection.listen();
    const folder = options.workspaceFolder ?? exampleRoot;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(folder),
      workspaceFolders: [{ uri: uriOf(folder), name: path.basename(folder) }],
      capabilities: options.capabilities ?? vscodeCapabilities,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  open(uri: string, languageId: string, text: string, version = 1): void {
    this.documents.set(uri, TextDocument.create(uri, languageId, version, text));
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text (a change without a range), with the next version. */
  change(uri: string, text: string): number {
    const previous = this.documents.get(uri)!;
    const version = previous.version + 1;
    this.documents.set(uri, TextDocument.create(uri, previous.languageId, version, text));
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  close(uri: string): void {
    this.documents.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Waits for diagnostics of a document that satisfy `accept` (for its current version when it has one). */
  async waitForDiagnostics(uri: string, accept: (diagnostics: Diagnostic[]) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const version = this.documents.get(uri)?.version;
    const found = await waitFor(() => {
      const params = this.diagnostics.get(uri);
      if (!params || (version !== undefined && params.version !== undefined && params.version !== version)) return undefined;
      return accept(params.diagnostics) ? params.diagnostics : undefined;
    }, timeoutMs, `diagnostics for ${uri}`);
    return found;
  }

  async codeActions(uri: string, range: Diagnostic['range'], diagnostics: Diagnostic[] = [], only?: string[]): Promise<(CodeAction | Command)[]> {
    return this.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), delay(2000)]);
      void this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    await Promise.race([exited, delay(2000)]);
    if (this.process.exitCode === null) this.process.kill();
    this.connection.dispose();
  }
}

export function uriOf(filePath: string): string {
  return pathToFileURL(filePath).toString();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value (not undefined) or the deadline passes. */
export async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(10);
  }
}

/** Applies LSP text edits to a text (an independent implementation: vscode-languageserver-textdocument). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 0, text), [...edits]);
}

/** The edits of a WorkspaceEdit for one URI, from `changes` or `documentChanges`. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  if (edit.changes?.[uri]) return edit.changes[uri];
  const edits: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) {
      for (const edit of change.edits) if ('newText' in edit) edits.push({ range: edit.range, newText: edit.newText });
    }
  }
  return edits;
}

/** The lines of `after` that differ from `before` (a line-by-line diff): which lines an edit touched. */
export function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { removed: a.slice(start, endA), added: b.slice(start, endB) };
}

export function comments(text: string): string[] {
  return text.split('\n').filter((line) => line.trim().startsWith('#')).map((line) => line.trim());
}

/** `dockerHarden` settings that leave only the given rules on (so tests do not move when rules are added). */
export function onlyRules(ids: readonly string[], extra: Record<string, string> = {}): Record<string, unknown> {
  const rules: Record<string, string> = {};
  for (const rule of allRules) if (!ids.includes(rule.meta.id)) rules[rule.meta.id] = 'off';
  return { rules: { ...rules, ...extra } };
}

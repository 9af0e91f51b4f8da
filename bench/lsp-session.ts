/**
 * The language server as the server benchmarks drive it: started over stdio as the VS Code client starts it
 * (SERVER_EXEC_ARGV), initialised on a folder, one compose file whose diagnostics are watched by version, and a
 * person typing one character at a time into it. Shared by server-latency.ts and server-memory.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { SERVER_EXEC_ARGV } from '../server/src/protocol';

export interface BenchSession {
  child: ChildProcess;
  connection: ProtocolConnection;
  /** The compose file's URI. */
  uri: string;
  /** Resolves with the time (performance.now()) its diagnostics for this version arrived. */
  published(version: number): Promise<number>;
  /** Opens the compose file with `text` (version 1). */
  open(text: string): Promise<void>;
  /** Types `count` letters after `anchor`, one edit (a new version) at a time; `onEdit` gets each edit's version and when it was sent. */
  typeAfter(anchor: string, count: number, onEdit?: (version: number, sent: number) => Promise<void>): Promise<void>;
  /** The server's current text of the compose file. */
  text(): string;
  stop(): Promise<void>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A field of /proc/<pid>/status in MB (VmRSS, VmHWM): the process with its worker threads. */
export function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
}

export async function startBenchSession(options: {
  serverJs: string;
  folder: string;
  composePath: string;
  /** What `workspace/configuration` answers for each item. */
  settings: unknown;
  capabilities: object;
}): Promise<BenchSession> {
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, options.serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr!.resume();
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const uri = pathToFileURL(options.composePath).href;
  const arrived = new Map<number, number>();
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number }) => {
    if (params.uri === uri) arrived.set(params.version ?? -1, performance.now());
  });
  connection.onRequest('workspace/configuration', (params: { items?: unknown[] }) => (params.items ?? []).map(() => options.settings));
  for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create']) connection.onRequest(method, () => null);
  connection.listen();
  const rootUri = pathToFileURL(options.folder).href;
  await connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: options.capabilities });
  await connection.sendNotification('initialized', {});

  let text = '';
  let version = 1;
  const published = async (wanted: number) => {
    while (!arrived.has(wanted)) await sleep(5);
    return arrived.get(wanted)!;
  };
  return {
    child,
    connection,
    uri,
    published,
    text: () => text,
    async open(initial) {
      text = initial;
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockercompose', version, text } });
    },
    async typeAfter(anchor, count, onEdit) {
      const offset = text.indexOf(anchor) + anchor.length;
      const line = text.slice(0, offset).split('\n').length - 1;
      const character = offset - (text.lastIndexOf('\n', offset - 1) + 1);
      for (let edit = 0; edit < count; edit++) {
        version++;
        const letter = String.fromCharCode(97 + edit);
        // The first edit inserts a letter, the next ones replace it.
        const range = edit === 0 ? { start: { line, character }, end: { line, character } } : { start: { line, character }, end: { line, character: character + 1 } };
        text = `${text.slice(0, offset)}${letter}${text.slice(edit === 0 ? offset : offset + 1)}`;
        const sent = performance.now();
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: letter }] });
        await onEdit?.(version, sent);
      }
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      connection.dispose();
    },
  };
}

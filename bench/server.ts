/**
 * Measures the language server as an editor uses it: start `dist/server.js --stdio`, open the big compose file,
 * then make one-character edits and time each re-lint. Also reads the server's memory from /proc.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { IDLE_COLLECTION_MS } from '../server/src/memory';
import { SERVER_EXEC_ARGV } from '../server/src/protocol';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

export interface ServerFigures {
  /** didOpen → first publishDiagnostics (lint at once, no debounce). */
  openMs: number;
  /**
   * Per edit: didChange → publishDiagnostics of that version, minus the server's debounce: the re-lint with its
   * transport and diagnostics conversion. (The server's "linting" status cannot mark the start: the lint is
   * synchronous, so that notification leaves the process only when the lint is over.)
   */
  relintMs: number[];
  /** Per edit: didChange → publishDiagnostics of that version (includes the server's debounce). */
  latencyMs: number[];
  /** The server's own lint duration per edit, from its lint status notification (ms resolution). */
  reportedMs: number[];
  diagnostics: number;
  /** VmRSS once the server is idle after the edits (its idle collection has run): the memory it holds with the file open. */
  rssMb: number;
  /** VmRSS right after the last edit's diagnostics arrived. */
  rssAfterEditsMb: number;
  peakRssMb: number;
}

interface Waiter {
  matches(method: string, params: any): boolean;
  resolve(time: number): void;
}

function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

export async function measureServer(serverJs: string, file: string, edits: number, debounceMs: number, timeoutMs = 120_000): Promise<ServerFigures> {
  // Started as the VS Code client starts it (client/src/extension.ts): with the same Node options.
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters: Waiter[] = [];
  let lastDiagnostics = 0;
  const reported = new Map<number, number>();
  let lintingVersion = 0;
  const observe = (method: string, params: any) => {
    const now = performance.now();
    if (method === 'textDocument/publishDiagnostics') lastDiagnostics = params.diagnostics.length;
    if (method === 'dockerHarden/lintStatus' && params.state === 'done' && typeof params.durationMs === 'number') {
      reported.set(lintingVersion, params.durationMs);
    }
    for (const waiter of [...waiters]) {
      if (waiter.matches(method, params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(now);
      }
    }
  };
  for (const method of ['textDocument/publishDiagnostics', 'dockerHarden/lintStatus']) {
    connection.onNotification(method, (params: unknown) => observe(method, params));
  }
  // Answer what the server may ask with "nothing special" (this client announces none of these capabilities).
  connection.onRequest('workspace/configuration', (params: { items?: unknown[] }) => (params.items ?? []).map(() => null));
  for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create']) {
    connection.onRequest(method, () => null);
  }
  connection.listen();
  const waitFor = (matches: Waiter['matches'], what: string) =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server: no ${what} within ${timeoutMs} ms\n${stderr.slice(-2000)}`)), timeoutMs);
      waiters.push({ matches, resolve: (time) => (clearTimeout(timer), resolve(time)) });
    });

  try {
    const uri = pathToFileURL(file).href;
    const rootUri = pathToFileURL(fs.realpathSync(path.dirname(file))).href;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true } } },
    });
    await connection.sendNotification('initialized', {});
    let text = fs.readFileSync(file, 'utf8');
    let version = 1;
    const diagnosticsFor = (v: number) => (method: string, params: any) =>
      method === 'textDocument/publishDiagnostics' && params.uri === uri && (params.version === undefined || params.version === v);
    const opened = waitFor(diagnosticsFor(version), 'diagnostics after didOpen');
    const openStart = performance.now();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockercompose', version, text } });
    const openMs = (await opened) - openStart;

    // One-character edits in a value in the middle of the file: insert "a", then replace it with "b", "c", ... so
    // that every version is a text the server has not seen (typing never goes back to an earlier text; undo would).
    const anchor = 'APP_NAME: svc-0250';
    const at = text.indexOf(anchor) + anchor.length;
    if (at < anchor.length) throw new Error('server: edit anchor not found in the big file');
    const position = (offset: number) => {
      const before = text.slice(0, offset);
      const line = before.split('\n').length - 1;
      return { line, character: offset - (before.lastIndexOf('\n') + 1) };
    };
    const relintMs: number[] = [];
    const latencyMs: number[] = [];
    const reportedMs: number[] = [];
    for (let edit = 0; edit <= edits; edit++) {
      version++;
      const insert = edit === 0;
      const letter = String.fromCharCode(97 + (edit % 26));
      const range = insert ? { start: position(at), end: position(at) } : { start: position(at), end: position(at + 1) };
      const change = { range, text: letter };
      text = `${text.slice(0, at)}${letter}${text.slice(insert ? at : at + 1)}`;
      lintingVersion = version;
      const published = waitFor(diagnosticsFor(version), `diagnostics for version ${version}`);
      const sent = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const done = await published;
      if (edit === 0) continue; // warm-up edit
      relintMs.push(Math.max(0, done - sent - debounceMs));
      latencyMs.push(done - sent);
      const own = reported.get(version);
      if (own !== undefined) reportedMs.push(own);
    }
    const afterEdits = memoryOf(child.pid!);
    // Idle, as an editor is between bursts of typing: the server collects its garbage IDLE_COLLECTION_MS after the
    // last lint; read the memory a second after that.
    await new Promise((resolve) => setTimeout(resolve, IDLE_COLLECTION_MS + 1000));
    const settled = memoryOf(child.pid!);
    const memory = { rssMb: settled.rssMb, rssAfterEditsMb: afterEdits.rssMb, peakRssMb: settled.peakRssMb };
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    return { openMs, relintMs, latencyMs, reportedMs, diagnostics: lastDiagnostics, ...memory };
  } finally {
    connection.dispose();
    if (child.exitCode === null) child.kill();
  }
}

/**
 * The language server's memory with the benchmark's 10,000-line compose file (bench/fixtures.ts, 500 services) open,
 * started as the VS Code client starts it (SERVER_EXEC_ARGV): after opening it and 8 one-character edits, once idle
 * (the idle collection has run), and after a "Fix all safe problems" (source.fixAll) on it. VmRSS and VmHWM of the
 * process, worker threads included.
 *
 *   node scripts/build.mjs && node --import tsx bench/server-memory.ts [--server dist/server.js]
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { IDLE_COLLECTION_MS } from '../server/src/memory';
import { SERVER_EXEC_ARGV } from '../server/src/protocol';
import { bigCompose } from './fixtures';

const EDITS = 8;

function memoryMb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const at = process.argv.indexOf('--server');
  const serverJs = path.resolve(at >= 0 ? process.argv[at + 1] : path.join(__dirname, '..', 'dist', 'server.js'));
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-memory-'));
  const file = path.join(folder, 'compose.yaml');
  let text = bigCompose();
  fs.writeFileSync(file, text);
  fs.mkdirSync(path.join(folder, 'app'));
  fs.writeFileSync(path.join(folder, 'app', 'Dockerfile'), 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n');

  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.resume();
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const uri = pathToFileURL(file).href;
  const published = new Set<number>();
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number }) => {
    if (params.uri === uri) published.add(params.version ?? -1);
  });
  connection.onRequest('workspace/configuration', (params: { items?: unknown[] }) => (params.items ?? []).map(() => null));
  for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create']) connection.onRequest(method, () => null);
  connection.listen();
  const rootUri = pathToFileURL(folder).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'memory' }],
    capabilities: {
      workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
      textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } },
    },
  });
  await connection.sendNotification('initialized', {});
  const published_ = async (version: number) => {
    while (!published.has(version)) await sleep(5);
  };
  let version = 1;
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockercompose', version, text } });
  await published_(version);
  const anchor = 'APP_NAME: svc-0250';
  const offset = text.indexOf(anchor) + anchor.length;
  const line = text.slice(0, offset).split('\n').length - 1;
  const character = offset - (text.lastIndexOf('\n', offset - 1) + 1);
  for (let edit = 0; edit < EDITS; edit++) {
    version++;
    const letter = String.fromCharCode(97 + edit);
    const range = edit === 0 ? { start: { line, character }, end: { line, character } } : { start: { line, character }, end: { line, character: character + 1 } };
    text = `${text.slice(0, offset)}${letter}${text.slice(edit === 0 ? offset : offset + 1)}`;
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: letter }] });
    await published_(version);
  }
  const afterEdits = memoryMb(child.pid!);
  await sleep(IDLE_COLLECTION_MS + 1000);
  const idle = memoryMb(child.pid!);
  const actions = (await connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.dockerHarden'], triggerKind: 1 },
  })) as { title: string }[];
  const afterFixAll = memoryMb(child.pid!);
  await sleep(IDLE_COLLECTION_MS + 1000);
  const idleAfterFixAll = memoryMb(child.pid!);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  fs.rmSync(folder, { recursive: true, force: true });

  const mb = (value: number) => `${value.toFixed(0)} MB`;
  console.log(`compose file: bench/fixtures.ts bigCompose() (500 services, ${text.split('\n').length} lines, ${(text.length / 1024).toFixed(0)} KB); server ${path.relative(process.cwd(), serverJs)} with ${SERVER_EXEC_ARGV.join(' ')}`);
  console.log(`after open + ${EDITS} edits: RSS ${mb(afterEdits.rss)}; idle ${IDLE_COLLECTION_MS + 1000} ms later: RSS ${mb(idle.rss)}`);
  console.log(`fix-all (${actions.map((action) => action.title).join(', ') || 'no action'}): RSS right after ${mb(afterFixAll.rss)}, idle again ${mb(idleAfterFixAll.rss)}; peak (VmHWM) over the run ${mb(idleAfterFixAll.peak)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

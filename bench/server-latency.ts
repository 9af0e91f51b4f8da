/**
 * How long the language server keeps other requests waiting while it lints a big compose file: a hover on a small
 * Dockerfile is sent every 20 ms while the big file is opened and then edited (one character per edit), and each
 * answer's latency (request sent to answer received) is recorded. The file is linted, not refused: the client sets
 * `dockerHarden.maxFileSizeMB` to 10 (the most it can be; the default, 1, would give the 4 MB file one diagnostic).
 *
 *   node scripts/build.mjs && node --import tsx bench/server-latency.ts [--mb 4] [--edits 3] [--server dist/server.js]
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { SERVER_EXEC_ARGV } from '../server/src/protocol';
import { bigCompose } from './fixtures';

const PING_EVERY_MS = 20;

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

/** A compose file of about `mb` MB: the benchmark's generated services, as many as it takes. */
function composeOfSize(mb: number): string {
  const perService = bigCompose(100).length / 100;
  return bigCompose(Math.round((mb * 1024 * 1024) / perService));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
}

async function main(): Promise<void> {
  const mb = Number(option('mb', '4'));
  const edits = Number(option('edits', '3'));
  const serverJs = path.resolve(option('server', path.join(__dirname, '..', 'dist', 'server.js')));
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-latency-'));
  const bigPath = path.join(folder, 'compose.yaml');
  const dockerfilePath = path.join(folder, 'Dockerfile');
  let text = composeOfSize(mb);
  fs.writeFileSync(bigPath, text);
  fs.writeFileSync(dockerfilePath, 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n');

  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.resume();
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map<number, number>();
  const bigUri = pathToFileURL(bigPath).href;
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number }) => {
    if (params.uri === bigUri) published.set(params.version ?? -1, performance.now());
  });
  connection.onRequest('workspace/configuration', (params: { items?: unknown[] }) => (params.items ?? []).map(() => ({ maxFileSizeMB: 10 })));
  for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create']) connection.onRequest(method, () => null);
  connection.listen();
  const rootUri = pathToFileURL(folder).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'latency' }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown'] } } },
  });
  await connection.sendNotification('initialized', {});
  const dockerfileUri = pathToFileURL(dockerfilePath).href;
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: dockerfileUri, languageId: 'dockerfile', version: 1, text: fs.readFileSync(dockerfilePath, 'utf8') },
  });
  await connection.sendRequest('textDocument/hover', { textDocument: { uri: dockerfileUri }, position: { line: 0, character: 1 } });

  let latencies: number[] = [];
  let pinging = true;
  const pings: Promise<void>[] = [];
  const pinger = setInterval(() => {
    if (!pinging) return;
    const sent = performance.now();
    const into = latencies;
    pings.push(
      connection.sendRequest('textDocument/hover', { textDocument: { uri: dockerfileUri }, position: { line: 0, character: 1 } }).then(() => {
        into.push(performance.now() - sent);
      }),
    );
  }, PING_EVERY_MS);
  // The floor: the same pings with nothing to lint, for 3 s (a busy machine delays answers too).
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const idle = latencies;
  latencies = [];

  const waitForVersion = async (version: number) => {
    while (!published.has(version)) await new Promise((resolve) => setTimeout(resolve, 5));
    return published.get(version)!;
  };
  const started = performance.now();
  let version = 1;
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'dockercompose', version, text } });
  const openMs = (await waitForVersion(version)) - started;
  const editMs: number[] = [];
  const anchor = 'APP_NAME: svc-0050';
  const at = text.indexOf(anchor) + anchor.length;
  const line = text.slice(0, at).split('\n').length - 1;
  const character = at - (text.lastIndexOf('\n', at - 1) + 1);
  for (let edit = 0; edit < edits; edit++) {
    version++;
    const letter = String.fromCharCode(97 + edit);
    const range = edit === 0 ? { start: { line, character }, end: { line, character } } : { start: { line, character }, end: { line, character: character + 1 } };
    text = `${text.slice(0, at)}${letter}${text.slice(edit === 0 ? at : at + 1)}`;
    const sent = performance.now();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: bigUri, version }, contentChanges: [{ range, text: letter }] });
    editMs.push((await waitForVersion(version)) - sent);
  }
  pinging = false;
  clearInterval(pinger);
  await Promise.all(pings);
  const peak = peakRssMb(child.pid!);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  fs.rmSync(folder, { recursive: true, force: true });

  const sorted = [...latencies].sort((a, b) => a - b);
  const idleSorted = [...idle].sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(`compose file: ${(Buffer.byteLength(text) / 1048576).toFixed(2)} MB, ${text.split('\n').length} lines; server ${path.relative(process.cwd(), serverJs)}`);
  console.log(`open to diagnostics: ${ms(openMs)}; each edit to its diagnostics: ${editMs.map(ms).join(', ')}`);
  console.log(`hover every ${PING_EVERY_MS} ms while linting: ${sorted.length} answers, median ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted[sorted.length - 1])}`);
  console.log(`the same for 3 s before, nothing to lint: median ${ms(percentile(idleSorted, 50))}, p99 ${ms(percentile(idleSorted, 99))}, max ${ms(idleSorted[idleSorted.length - 1])}`);
  console.log(`load average (1/5/15 min): ${os.loadavg().map((load) => load.toFixed(2)).join(' / ')} on ${os.cpus().length} cores`);
  console.log(`server peak RSS: ${peak.toFixed(0)} MB`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

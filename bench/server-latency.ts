/**
 * How long the language server keeps other requests waiting while it lints a big compose file: a hover on a small
 * Dockerfile is sent every 20 ms while the big file is opened and then edited (one character per edit), and each
 * answer's latency (request sent to answer received) is recorded. The file is linted, not refused: the client sets
 * `dockerHarden.maxFileSizeMB` to 10 (the most it can be; the default, 1, would give the 4 MB file one diagnostic).
 *
 *   node scripts/build.mjs && node --import tsx bench/server-latency.ts [--mb 4] [--edits 3] [--server dist/server.js]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bigCompose } from './fixtures';
import { startBenchSession, statusMb } from './lsp-session';

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

  const session = await startBenchSession({
    serverJs,
    folder,
    composePath: bigPath,
    settings: { maxFileSizeMB: 10 },
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown'] } } },
  });
  const { connection } = session;
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

  const started = performance.now();
  await session.open(text);
  const openMs = (await session.published(1)) - started;
  const editMs: number[] = [];
  await session.typeAfter('APP_NAME: svc-0050', edits, async (version, sent) => {
    editMs.push((await session.published(version)) - sent);
  });
  text = session.text();
  pinging = false;
  clearInterval(pinger);
  await Promise.all(pings);
  const peak = statusMb(session.child.pid!, 'VmHWM');
  await session.stop();
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

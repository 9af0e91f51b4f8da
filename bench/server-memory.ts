/**
 * The language server's memory with the benchmark's 10,000-line compose file (bench/fixtures.ts, 500 services) open,
 * started as the VS Code client starts it (SERVER_EXEC_ARGV): after opening it and 8 one-character edits, once idle
 * (the idle collection has run), and after a "Fix all safe problems" (source.fixAll) on it. VmRSS and VmHWM of the
 * process, worker threads included.
 *
 *   node scripts/build.mjs && node --import tsx bench/server-memory.ts [--server dist/server.js]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IDLE_COLLECTION_MS } from '../server/src/memory';
import { SERVER_EXEC_ARGV } from '../server/src/protocol';
import { bigCompose } from './fixtures';
import { sleep, startBenchSession, statusMb } from './lsp-session';

const EDITS = 8;

function memoryMb(pid: number): { rss: number; peak: number } {
  return { rss: statusMb(pid, 'VmRSS'), peak: statusMb(pid, 'VmHWM') };
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--server');
  const serverJs = path.resolve(at >= 0 ? process.argv[at + 1] : path.join(__dirname, '..', 'dist', 'server.js'));
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-memory-'));
  const file = path.join(folder, 'compose.yaml');
  const text = bigCompose();
  fs.writeFileSync(file, text);
  fs.mkdirSync(path.join(folder, 'app'));
  fs.writeFileSync(path.join(folder, 'app', 'Dockerfile'), 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n');

  const session = await startBenchSession({
    serverJs,
    folder,
    composePath: file,
    settings: null,
    capabilities: {
      workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
      textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } },
    },
  });
  const { connection, uri } = session;
  const child = session.child;
  await session.open(text);
  await session.published(1);
  await session.typeAfter('APP_NAME: svc-0250', EDITS, async (version) => {
    await session.published(version);
  });
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
  await session.stop();
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

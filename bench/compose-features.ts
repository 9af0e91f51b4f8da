/**
 * Latency of the compose language features (completion, hover) on the benchmark's 500-service file (about 10,000
 * lines), through the built server over stdio, against the floor of the same run: one `yaml` parse of the same text
 * in this process (what any YAML-based feature pays at least once per edit).
 *
 * Each request follows an edit (a new version, so nothing parsed earlier can be reused, as when a person types and
 * then asks), and the next edit waits for the previous version's diagnostics, so the lint does not share the CPU with
 * the request measured. "Same version" rows repeat the request without an edit.
 *
 *   node scripts/build.mjs && node --import tsx bench/compose-features.ts [--runs 15] [--server dist/server.js]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { bigCompose } from './fixtures';
import { startBenchSession } from './lsp-session';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))];

/** The big file with a half-typed key, a value to choose and a depends_on item to name, each in a service of the middle. */
function benchText(): string {
  let text = bigCompose(500);
  text = text.replace('  svc-0250:\n', '  svc-0250:\n    rest\n');
  text = text.replace('  svc-0260:\n', '  svc-0260:\n    pull_policy: \n');
  text = text.replace('    depends_on:\n      - svc-0269\n', '    depends_on:\n      - svc-0269\n      - \n');
  return text;
}

function positionAfter(text: string, needle: string): { line: number; character: number } {
  const offset = text.indexOf(needle) + needle.length;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

async function main(): Promise<void> {
  const runs = Number(option('runs', '15'));
  const serverJs = path.resolve(option('server', path.join(__dirname, '..', 'dist', 'server.js')));
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-compose-features-'));
  const composePath = path.join(folder, 'compose.yaml');
  const base = benchText();
  fs.writeFileSync(composePath, base);
  fs.mkdirSync(path.join(folder, 'app'));
  fs.writeFileSync(path.join(folder, 'app', 'Dockerfile'), 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n');
  const lines = base.split('\n').length;

  // The floor: one yaml parse of the same text, in this process (warmed up first, as the server is), measured right
  // before each request so that both see the same load of a shared machine.
  const floorMs: number[] = [];
  for (let i = 0; i < 3; i++) parseDocument(base, { merge: true, uniqueKeys: false });
  const floorParse = (text: string) => {
    const started = performance.now();
    parseDocument(text, { merge: true, uniqueKeys: false });
    floorMs.push(performance.now() - started);
  };

  const session = await startBenchSession({
    serverJs,
    folder,
    composePath,
    settings: { maxFileSizeMB: 10 },
    capabilities: {
      workspace: { configuration: true },
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        hover: { contentFormat: ['markdown'] },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
      },
    },
  });
  const { connection, uri } = session;
  await session.open(base);
  await session.published(1);
  let version = 1;
  /** A new version of the text (its first line differs), its diagnostics awaited by the next call. */
  const edit = async (run: number): Promise<void> => {
    await session.published(version);
    version++;
    const text = base.replace(/^# .*\n/, `# A generated stack, edit ${version} (${run}).\n`);
    floorParse(text);
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  };
  const scenarios: { name: string; method: string; position: { line: number; character: number }; check: (result: unknown) => string }[] = [
    { name: 'completion: half-typed service key (`rest`)', method: 'textDocument/completion', position: positionAfter(base, '  svc-0250:\n    rest'), check: count },
    { name: 'completion: value of `pull_policy: `', method: 'textDocument/completion', position: positionAfter(base, '    pull_policy: '), check: count },
    { name: 'completion: service name in `depends_on` (500 services)', method: 'textDocument/completion', position: positionAfter(base, '      - svc-0269\n      - '), check: count },
    { name: 'hover: `image` key', method: 'textDocument/hover', position: positionAfter(base, '  svc-0301:\n    im'), check: hoverStart },
    { name: 'hover: image value (knowledge base)', method: 'textDocument/hover', position: positionAfter(base, '  svc-0301:\n    image: red'), check: hoverStart },
    // These parse the file (and the project's other files): for comparison.
    { name: 'definition: a `depends_on` service', method: 'textDocument/definition', position: positionAfter(base, '      - svc-0269'), check: count },
    { name: 'documentSymbol (outline)', method: 'textDocument/documentSymbol', position: { line: 0, character: 0 }, check: count },
  ];
  const rows: { scenario: (typeof scenarios)[number]; answer: string; afterEdit: number[]; sameVersion: number[] }[] = [];
  for (const scenario of scenarios) {
    const afterEdit: number[] = [];
    const sameVersion: number[] = [];
    let answer = '';
    for (let run = 0; run < runs; run++) {
      await edit(run);
      let started = performance.now();
      const result = await connection.sendRequest(scenario.method, { textDocument: { uri }, position: scenario.position });
      afterEdit.push(performance.now() - started);
      started = performance.now();
      await connection.sendRequest(scenario.method, { textDocument: { uri }, position: scenario.position });
      sameVersion.push(performance.now() - started);
      answer = scenario.check(result);
    }
    rows.push({ scenario, answer, afterEdit, sameVersion });
  }
  const floor = median(floorMs);
  await session.stop();
  session.child.kill();
  fs.rmSync(folder, { recursive: true, force: true });
  console.log(`Compose language features on the ${lines}-line, ${(base.length / 1024).toFixed(0)} KB benchmark file (${runs} runs each; ${os.cpus().length} cores).`);
  console.log(`Floor: one yaml parse of the same text in the bench process before each request (${floorMs.length} parses), median ${floor.toFixed(1)} ms (p95 ${p95(floorMs).toFixed(1)}); load average ${os.loadavg().map((load) => load.toFixed(1)).join(', ')}.\n`);
  console.log('| request | answer | after an edit, ms median | ratio to the floor | same version, ms median | ratio to the floor |');
  console.log('|---|---|---|---|---|---|');
  for (const { scenario, answer, afterEdit, sameVersion } of rows) {
    console.log(
      `| ${scenario.name} | ${answer} | ${median(afterEdit).toFixed(1)} (p95 ${p95(afterEdit).toFixed(1)}) | ${(median(afterEdit) / floor).toFixed(3)} | ${median(sameVersion).toFixed(1)} (p95 ${p95(sameVersion).toFixed(1)}) | ${(median(sameVersion) / floor).toFixed(3)} |`,
    );
  }
}

function count(result: unknown): string {
  const items = Array.isArray(result) ? result : (result as { items?: unknown[] } | null)?.items ?? [];
  return `${items.length} ${Array.isArray(result) && (result[0] as { uri?: string } | undefined)?.uri ? 'locations' : 'items'}`;
}

function hoverStart(result: unknown): string {
  const value = ((result as { contents?: { value?: string } } | null)?.contents?.value ?? '').split('\n')[0];
  return value ? `\`${value.replace(/\|/g, '\\|').slice(0, 40)}\`` : 'none';
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

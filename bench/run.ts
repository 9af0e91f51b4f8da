/**
 * `npm run bench`: docker-harden against dclint on the same generated fixtures in the same run (alternating the two,
 * N runs each, medians and ratios), then in process: lint of the 500-service file against one raw
 * `yaml.parseDocument`, the language server's re-lint after a one-character edit and its memory, and the .vsix size.
 * Then 1, 2 and 4 MB compose files (many services; one map with very many keys) against one `yaml` parse of each,
 * and how both grow from 1 to 4 MB. Writes bench/results.md and prints the same table. Options: --runs N (default
 * 5), --edits N (default 7), --no-vsix, --out FILE, --keep (keep the temporary fixtures), --only large (only the
 * large files; writes a file only with --out), --help.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { lint } from '../engine/src/index';
import { diskWorkspace } from '../engine/src/node';
import { writeFixtures, writeLargeFixtures, type Fixtures, type LargeFixture } from './fixtures';
import { measureServer, type ServerFigures } from './server';
import { browserRows, measureBrowserLint } from './browser';
import { IDLE_COLLECTION_MS } from '../server/src/memory';
import { SERVER_EXEC_ARGV } from '../server/src/protocol';

const repoRoot = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const RUNS = Math.max(1, Number(option('--runs', process.env.BENCH_RUNS ?? '5')));
const EDITS = Math.max(1, Number(option('--edits', '7')));
/** The server's per-document debounce (server/src/linting.ts DEBOUNCE_MS), subtracted from the edit latency. */
const DEBOUNCE_MS = Number(option('--debounce', serverDebounce()));

function serverDebounce(): string {
  const source = path.join(repoRoot, 'server/src/linting.ts');
  const found = fs.existsSync(source) ? /DEBOUNCE_MS\s*=\s*(\d+)/.exec(fs.readFileSync(source, 'utf8'))?.[1] : undefined;
  return found ?? '200';
}
/** `--only large`: the large-file rows alone. */
const ONLY = option('--only', '');
if (ONLY && ONLY !== 'large') {
  console.error(`bench: --only takes "large", not "${ONLY}"`);
  process.exit(2);
}
if (args.includes('--help') || args.includes('-h')) {
  console.log(
    'npm run bench -- [--runs N] [--edits N] [--no-vsix] [--out FILE] [--keep] [--only large]\n' +
      '  --runs N      runs per measure (default 5, or BENCH_RUNS)\n' +
      "  --edits N     one-character edits for the server's re-lint (default 7)\n" +
      '  --no-vsix     do not package the extension\n' +
      '  --out FILE    where to write the report (default bench/results.md; with --only, none unless given)\n' +
      '  --keep        keep the temporary fixtures\n' +
      '  --only large  only the 1, 2 and 4 MB compose files against one yaml parse of each',
  );
  process.exit(0);
}
const OUT = args.includes('--out') || !ONLY ? path.resolve(option('--out', path.join(repoRoot, 'bench/results.md'))) : undefined;
const DCLINT = path.join(repoRoot, 'node_modules/dclint/bin/dclint.cjs');

interface Timing {
  wallMs: number;
  cpuMs: number;
  status: number;
  problems: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** The code cache of our CLI (bin/docker-harden.js) goes to a folder of this run; the warm-up run fills it. */
const codeCacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-bench-cache-'));

/**
 * The environment of both tools: no colours, and no NODE_EXTRA_CA_CERTS, which this machine sets and which makes
 * every Node process parse a certificate bundle at start (about 70 ms here; neither tool uses the network).
 */
function benchEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', XDG_CACHE_HOME: codeCacheHome, ...extra };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** Runs a command under bash's `time`, so wall and CPU (user + sys) time of the child are both known. */
function timed(command: string[], cwd: string, countProblems: (stdout: string) => number): Timing {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-bench-run-'));
  const out = path.join(dir, 'out');
  const err = path.join(dir, 'err');
  const script = 'TIMEFORMAT="__TIME__ %3R %3U %3S"; { time "$@" >"$BENCH_OUT" 2>"$BENCH_ERR"; } 2>&1; echo "__STATUS__ $?"';
  const result = spawnSync('bash', ['-c', script, 'bash', ...command], {
    cwd,
    encoding: 'utf8',
    env: benchEnv({ BENCH_OUT: out, BENCH_ERR: err }),
    maxBuffer: 64 * 1024 * 1024,
  });
  const match = /__TIME__ ([\d.]+) ([\d.]+) ([\d.]+)/.exec(result.stdout);
  const stdout = fs.readFileSync(out, 'utf8');
  const stderr = fs.readFileSync(err, 'utf8');
  fs.rmSync(dir, { recursive: true, force: true });
  const status = Number(/__STATUS__ (\d+)/.exec(result.stdout)?.[1] ?? NaN);
  if (!match) throw new Error(`could not time ${command.join(' ')}: ${result.stderr}`);
  // 0: nothing found, 1: problems found; anything else is a usage or internal error, not a lint.
  if (status !== 0 && status !== 1) throw new Error(`${command.slice(1, 3).join(' ')} exited with ${status}: ${stderr.slice(0, 1000)}`);
  let problems: number;
  try {
    problems = countProblems(stdout);
  } catch (error) {
    throw new Error(`${path.basename(command[1])} printed no valid JSON (${String(error)}):\n${stdout.slice(0, 500)}\n${stderr.slice(0, 1000)}`);
  }
  return { wallMs: Number(match[1]) * 1000, cpuMs: (Number(match[2]) + Number(match[3])) * 1000, status, problems };
}

function countOurs(stdout: string): number {
  const report = JSON.parse(stdout) as { files: { problems: unknown[] }[] };
  return report.files.reduce((sum, file) => sum + file.problems.length, 0);
}

function countDclint(stdout: string): number {
  const report = JSON.parse(stdout) as { messages: unknown[] }[];
  return report.reduce((sum, file) => sum + file.messages.length, 0);
}

interface Comparison {
  label: string;
  files: number;
  ours: Timing[];
  dclint: Timing[];
  target?: number;
}

function compare(label: string, files: string[], fixtures: Fixtures, app: string, target?: number): Comparison {
  const relative = files.map((file) => path.relative(fixtures.root, file));
  const ours = [process.execPath, path.join(app, 'bin/docker-harden.js'), 'check', ...relative, '--format', 'json'];
  const theirs = [process.execPath, DCLINT, ...relative, '-f', 'json'];
  const result: Comparison = { label, files: files.length, ours: [], dclint: [], target };
  // One warm-up each (file cache, module cache), then alternate which tool goes first.
  timed(ours, fixtures.root, countOurs);
  timed(theirs, fixtures.root, countDclint);
  for (let run = 0; run < RUNS; run++) {
    const order: ['ours' | 'dclint', string[], (s: string) => number][] = [
      ['ours', ours, countOurs],
      ['dclint', theirs, countDclint],
    ];
    if (run % 2) order.reverse();
    for (const [who, command, count] of order) result[who].push(timed(command, fixtures.root, count));
  }
  const o = median(result.ours.map((t) => t.wallMs));
  const d = median(result.dclint.map((t) => t.wallMs));
  log(`  ${label}: docker-harden ${o.toFixed(0)} ms, dclint ${d.toFixed(0)} ms (${(d / o).toFixed(1)}×)`);
  return result;
}

/**
 * Times of `fn` over `runs` calls after `warmup` calls. `fn` gets the call's number, so each call can work on a text
 * of its own (a trailing comment) and no cache of an earlier parse answers.
 */
function timeInProcess(fn: (run: number) => void, runs: number, warmup = 2): number[] {
  for (let i = 0; i < warmup; i++) fn(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn(i);
    times.push(performance.now() - start);
  }
  return times;
}

/** Packages the extension (if the project has `npm run package`) into the temp folder; returns its size or why not. */
function packageVsix(tmp: string): { bytes?: number; note: string } {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  if (args.includes('--no-vsix')) return { note: 'skipped (--no-vsix)' };
  if (!pkg.scripts?.package) return { note: 'not available (no `npm run package`)' };
  const target = path.join(tmp, 'docker-harden.vsix');
  const result = spawnSync('npm', ['run', 'package', '--', '-o', target], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0 || !fs.existsSync(target)) {
    const why = `${result.stdout}\n${result.stderr}`.trim().split('\n').filter(Boolean).slice(-3).join(' / ');
    return { note: `not available: \`npm run package\` failed (${why.slice(0, 300)})` };
  }
  return { bytes: fs.statSync(target).size, note: '`npm run package`' };
}

/** A private copy of the built CLI and server, so a rebuild by someone else mid-run cannot change what is measured. */
function snapshotBuild(tmp: string): string {
  const app = path.join(tmp, 'app');
  for (const part of ['bin', 'dist']) fs.cpSync(path.join(repoRoot, part), path.join(app, part), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(app, 'package.json'));
  for (const part of ['schemas']) {
    if (fs.existsSync(path.join(repoRoot, part))) fs.cpSync(path.join(repoRoot, part), path.join(app, part), { recursive: true });
  }
  return app;
}

function machine(): Record<string, string> {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim();
  const dclintVersion = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/dclint/package.json'), 'utf8')) as { version: string }).version;
  return {
    CPU: model,
    Cores: String(os.cpus().length),
    Memory: `${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB`,
    Node: process.version,
    OS: `${os.type()} ${os.release()}`,
    Date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    'Load average at start (1/5/15 min)': os.loadavg().map((l) => l.toFixed(2)).join(' / '),
    Commit: commit || 'unknown',
    dclint: dclintVersion,
  };
}

interface Row {
  measure: string;
  ours: string;
  reference: string;
  ratio: string;
  target: string;
  met: string;
}

const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`);

function comparisonRow(c: Comparison): Row {
  const o = median(c.ours.map((t) => t.wallMs));
  const d = median(c.dclint.map((t) => t.wallMs));
  const oCpu = median(c.ours.map((t) => t.cpuMs));
  const dCpu = median(c.dclint.map((t) => t.cpuMs));
  const ratio = d / o;
  const cpuRatio = dCpu / oCpu;
  let met = '—';
  if (c.target) {
    met = ratio >= c.target ? 'met' : `**not met** (${(c.target / ratio).toFixed(1)}× short)`;
    met += cpuRatio >= c.target ? '; CPU: met' : `; CPU: not met (${(c.target / cpuRatio).toFixed(1)}× short)`;
  }
  return {
    measure: `${c.label}: \`docker-harden check\` vs \`dclint\` (median of ${RUNS})`,
    ours: `${ms(o)} (CPU ${ms(oCpu)})`,
    reference: `dclint ${ms(d)} (CPU ${ms(dCpu)})`,
    ratio: `${ratio.toFixed(1)}× faster (CPU ${cpuRatio.toFixed(1)}×)`,
    target: c.target ? `≥ ${c.target}× faster` : '—',
    met,
  };
}

function table(rows: Row[]): string {
  const header = '| Measure | docker-harden | Reference | Ratio | Target | Result |\n|---|---|---|---|---|---|';
  return `${header}\n${rows.map((r) => `| ${r.measure} | ${r.ours} | ${r.reference} | ${r.ratio} | ${r.target} | ${r.met} |`).join('\n')}`;
}

interface LargeFigures {
  rows: Row[];
  details: string[];
}

/** A Node process that only loads `yaml` and parses the files named (the floor of any yaml-based CLI). */
function writeFloorScript(tmp: string): string {
  const script = path.join(tmp, 'parse-only.js');
  // Without yaml's duplicate-key check, which is quadratic in a map's keys: ours replaces it with a linear one.
  fs.writeFileSync(
    script,
    `const fs = require('fs');\nconst { parseDocument } = require(${JSON.stringify(require.resolve('yaml'))});\nfor (const file of process.argv.slice(2)) parseDocument(fs.readFileSync(file, 'utf8'), { merge: true, uniqueKeys: false });\n`,
  );
  return script;
}

/**
 * `docker-harden check` of each large file against the parse-only floor on the same file (alternating the two, one
 * warm-up each), and how both grow from the smallest to the largest file of a shape: linear cost grows with the
 * bytes, as the parse does.
 */
function measureLarge(app: string, root: string, floorScript: string, large: readonly LargeFixture[]): LargeFigures {
  const rows: Row[] = [];
  const details: string[] = [];
  const byShape = new Map<string, { fixture: LargeFixture; ours: Timing[]; floor: Timing[] }[]>();
  for (const fixture of large) {
    const relative = path.relative(root, fixture.path);
    const ours = [process.execPath, path.join(app, 'bin/docker-harden.js'), 'check', relative, '--format', 'json'];
    const floor = [process.execPath, floorScript, relative];
    log(`  ${fixture.shape}, ${fixture.megabytes} MB`);
    timed(ours, root, countOurs);
    timed(floor, root, () => 0);
    const result = { fixture, ours: [] as Timing[], floor: [] as Timing[] };
    for (let run = 0; run < RUNS; run++) {
      const order: ['ours' | 'floor', string[], (s: string) => number][] = [
        ['ours', ours, countOurs],
        ['floor', floor, () => 0],
      ];
      if (run % 2) order.reverse();
      for (const [who, command, count] of order) result[who].push(timed(command, root, count));
    }
    const list = byShape.get(fixture.shape) ?? [];
    list.push(result);
    byShape.set(fixture.shape, list);
  }
  for (const [shape, results] of byShape) {
    const name = shape === 'services' ? 'Many services' : 'One map';
    for (const { fixture, ours, floor } of results) {
      const o = median(ours.map((t) => t.wallMs));
      const f = median(floor.map((t) => t.wallMs));
      const what = `${fixture.count.toLocaleString('en')} ${shape === 'services' ? 'services' : 'keys'}`;
      rows.push({
        measure: `${name}, ${fixture.megabytes} MB (${what}): \`docker-harden check\` vs one \`yaml\` parse of it (median of ${RUNS})`,
        ours: `${ms(o)} (CPU ${ms(median(ours.map((t) => t.cpuMs)))})`,
        reference: `parse only ${ms(f)} (CPU ${ms(median(floor.map((t) => t.cpuMs)))})`,
        ratio: `${(o / f).toFixed(1)}× the parse`,
        target: '—',
        met: '—',
      });
      details.push(
        `| ${name} | ${fixture.megabytes} MB | ${what} | ${ours.map((t) => t.wallMs.toFixed(0)).join(', ')} | ${floor.map((t) => t.wallMs.toFixed(0)).join(', ')} | ${ms(median(ours.map((t) => t.cpuMs)))} / ${ms(median(floor.map((t) => t.cpuMs)))} | ${ours[0].problems} |`,
      );
    }
    const first = results[0];
    const last = results[results.length - 1];
    const growth = (list: Timing[], base: Timing[], of: 'wallMs' | 'cpuMs' = 'wallMs') => median(list.map((t) => t[of])) / median(base.map((t) => t[of]));
    const ours = growth(last.ours, first.ours);
    const oursCpu = growth(last.ours, first.ours, 'cpuMs');
    rows.push({
      measure: `${name}: time of the ${last.fixture.megabytes} MB file / the ${first.fixture.megabytes} MB file (${last.fixture.megabytes / first.fixture.megabytes}× the bytes)`,
      ours: `${ours.toFixed(1)}× (CPU ${oursCpu.toFixed(1)}×)`,
      reference: `parse only ${growth(last.floor, first.floor).toFixed(1)}× (CPU ${growth(last.floor, first.floor, 'cpuMs').toFixed(1)}×)`,
      ratio: '—',
      target: '≤ 5×',
      met: `${ours <= 5 ? 'met' : `**not met** (${ours.toFixed(1)}×)`}; CPU: ${oursCpu <= 5 ? 'met' : `not met (${oursCpu.toFixed(1)}×)`}`,
    });
  }
  return { rows, details };
}

const LARGE_DETAILS_HEADER = [
  '| Shape | Size | Services or keys | docker-harden wall, ms (each run) | parse only wall, ms (each run) | CPU user+sys, median: ours / parse only | Problems |',
  '|---|---|---|---|---|---|---|',
];

/** `--only large`: the large-file rows alone, printed (and written with --out). */
function onlyLarge(tmp: string, facts: Record<string, string>): void {
  if (!fs.existsSync(path.join(repoRoot, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run `node scripts/build.mjs` first');
  const app = snapshotBuild(tmp);
  const root = path.join(tmp, 'fixtures');
  const large = measureLarge(app, root, writeFloorScript(tmp), writeLargeFixtures(root));
  facts['Load average at end (1/5/15 min)'] = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
  const report = [
    '# Benchmark results: large files',
    '',
    'Generated by `npm run bench -- --only large` (bench/run.ts). Do not edit by hand.',
    '',
    '## Machine',
    '',
    ...Object.entries(facts).map(([key, value]) => `- ${key}: ${value}`),
    '',
    '## Results',
    '',
    table(large.rows),
    '',
    ...LARGE_DETAILS_HEADER,
    ...large.details,
    '',
  ].join('\n');
  writeReport(report);
  console.log(table(large.rows));
  console.log(`\n${LARGE_DETAILS_HEADER.join('\n')}\n${large.details.join('\n')}`);
}

/** Writes the report where --out (or the default) says; nothing without one. */
function writeReport(report: string): void {
  if (!OUT) return;
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, report);
  log(`bench: wrote ${path.relative(process.cwd(), OUT) || OUT}`);
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-bench-'));
  try {
    const facts = machine();
    log(`bench: fixtures in ${tmp}, ${RUNS} runs each`);
    if (ONLY === 'large') return onlyLarge(tmp, facts);
    const vsix = packageVsix(tmp);
    if (!fs.existsSync(path.join(repoRoot, 'dist/cli.js')) || !fs.existsSync(path.join(repoRoot, 'dist/server.js'))) {
      throw new Error('dist/cli.js or dist/server.js is missing: run `node scripts/build.mjs` first');
    }
    const app = snapshotBuild(tmp);
    const fixtures = writeFixtures(path.join(tmp, 'fixtures'));
    const bigText = fs.readFileSync(fixtures.big, 'utf8');

    log('bench: CLI against dclint');
    const comparisons = [
      compare('Trivial file (1 service)', [fixtures.trivial], fixtures, app, 5),
      compare('Realistic file (5 services)', [fixtures.realistic], fixtures, app),
      compare(`500-service file (${bigText.split('\n').length - 1} lines)`, [fixtures.big], fixtures, app, 20),
      compare(`${fixtures.many.length} separate files`, fixtures.many, fixtures, app, 20),
    ];

    // What no yaml-based CLI can beat: a Node process that only loads `yaml` and parses the files, no more.
    log('bench: floor (node + yaml.parseDocument only)');
    const floorScript = writeFloorScript(tmp);
    const floorOf = (files: string[]) => {
      const command = [process.execPath, floorScript, ...files.map((file) => path.relative(fixtures.root, file))];
      timed(command, fixtures.root, () => 0);
      return median(Array.from({ length: RUNS }, () => timed(command, fixtures.root, () => 0)).map((t) => t.wallMs));
    };
    const floor = floorOf([fixtures.big]);
    const floorMany = floorOf(fixtures.many);
    const bigComparison = comparisons[2];
    const dclintBig = median(bigComparison.dclint.map((t) => t.wallMs));
    const dclintMany = median(comparisons[3].dclint.map((t) => t.wallMs));

    log('bench: in process');
    const variant = (run: number) => `${bigText}# run ${run}\n`;
    const parseTimes = timeInProcess((run) => parseDocument(variant(run)), Math.max(RUNS, 7));
    // The disk of its folder, as the CLI gives a lint.
    const bigOptions = { workspace: diskWorkspace(path.dirname(fixtures.big)) };
    const lintTimes = timeInProcess((run) => lint(fixtures.big, variant(run + 1000), bigOptions), Math.max(RUNS, 7));
    const problemsInBig = lint(fixtures.big, bigText, bigOptions).problems.length;
    const parse = median(parseTimes);
    const lintMedian = median(lintTimes);

    log('bench: the browser build (dist/web/server.js in a vm context) against the Node engine');
    const browser = await measureBrowserLint(path.join(app, 'dist/web/server.js'), path.join(repoRoot, 'examples/vrecommendation/docker-compose.yml'), path.join(tmp, 'browser'), Math.max(RUNS, 15));

    log('bench: language server');
    let server: ServerFigures | undefined;
    let serverError = '';
    try {
      server = await measureServer(path.join(app, 'dist/server.js'), fixtures.big, EDITS, DEBOUNCE_MS);
    } catch (error) {
      serverError = String((error as Error).message ?? error).split('\n')[0];
    }

    log('bench: large files against one yaml parse');
    const large = measureLarge(app, fixtures.root, floorScript, writeLargeFixtures(fixtures.root));

    facts['Load average at end (1/5/15 min)'] = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
    const rows: Row[] = comparisons.map(comparisonRow);
    const floorRow = (measure: string, value: number, dclint: number): Row => ({
      measure,
      ours: ms(value),
      reference: `dclint ${ms(dclint)}`,
      ratio: `${(dclint / value).toFixed(1)}× faster`,
      target: `20× needs ≤ ${ms(dclint / 20)}`,
      met: value <= dclint / 20 ? 'reachable' : '**out of reach with `yaml`**',
    });
    rows.splice(
      3,
      0,
      floorRow('500-service file: a Node process that only loads `yaml` and parses it (the floor of any yaml-based CLI)', floor, dclintBig),
    );
    rows.push(
      floorRow(`${fixtures.many.length} separate files: a Node process that only loads \`yaml\` and parses them (the floor of any yaml-based CLI)`, floorMany, dclintMany),
    );
    rows.push({
      measure: `500-service file: engine \`lint\` vs one raw \`yaml.parseDocument\` (in process, median of ${lintTimes.length})`,
      ours: ms(lintMedian),
      reference: `parse ${ms(parse)}`,
      ratio: `${(lintMedian / parse).toFixed(1)}× one parse`,
      target: '—',
      met: '—',
    });
    rows.push(...browserRows(browser));
    if (server) {
      const relint = median(server.relintMs);
      rows.push({
        measure: `Server re-lint after a one-character edit, 500-service file (median of ${server.relintMs.length} edits)`,
        ours: ms(relint),
        reference: `parse ${ms(parse)}`,
        ratio: `${(relint / parse).toFixed(1)}× one parse`,
        target: '≤ 2× one parse',
        met: relint <= 2 * parse ? 'met' : `**not met** (${((relint / parse / 2 - 1) * 100).toFixed(0)}% over)`,
      });
      rows.push({
        measure: 'Server RSS with the 500-service file open (VmRSS once idle after the edits)',
        ours: `${server.rssMb.toFixed(0)} MB`,
        reference: `${server.rssAfterEditsMb.toFixed(0)} MB right after the edits; peak ${server.peakRssMb.toFixed(0)} MB`,
        ratio: '—',
        target: '≤ 100 MB',
        met: server.rssMb <= 100 ? 'met' : `**not met** (${(server.rssMb - 100).toFixed(0)} MB over)`,
      });
    } else {
      rows.push({ measure: 'Server re-lint / RSS', ours: 'not measured', reference: '—', ratio: '—', target: '≤ 2× one parse; ≤ 100 MB', met: `failed: ${serverError}` });
    }
    for (const row of large.rows) rows.push(row);
    rows.push({
      measure: '`.vsix` size',
      ours: vsix.bytes !== undefined ? `${(vsix.bytes / 1024).toFixed(0)} KB` : vsix.note,
      reference: '—',
      ratio: '—',
      target: '≤ 2 MB',
      met: vsix.bytes === undefined ? 'not measured' : vsix.bytes <= 2 * 1024 * 1024 ? 'met' : `**not met** (${(vsix.bytes / 1024 / 1024 - 2).toFixed(2)} MB over)`,
    });

    const details: string[] = [];
    for (const c of comparisons) {
      const oCpu = median(c.ours.map((t) => t.cpuMs));
      const dCpu = median(c.dclint.map((t) => t.cpuMs));
      details.push(
        `| ${c.label} | ${c.files} | ${c.ours.map((t) => t.wallMs.toFixed(0)).join(', ')} | ${c.dclint.map((t) => t.wallMs.toFixed(0)).join(', ')} | ${ms(oCpu)} / ${ms(dCpu)} (${(dCpu / oCpu).toFixed(1)}×) | ${c.ours[0].problems} / ${c.dclint[0].problems} |`,
      );
    }
    const serverLines = server
      ? [
          `- didOpen → first diagnostics: ${ms(server.openMs)}; ${server.diagnostics} diagnostics on the file.`,
          `- Re-lint per edit (didChange → publishDiagnostics of that version, minus the ${DEBOUNCE_MS} ms debounce), ms: ${server.relintMs.map((t) => t.toFixed(1)).join(', ')}.`,
          `- didChange → publishDiagnostics (includes the server's ${DEBOUNCE_MS} ms debounce), ms: ${server.latencyMs.map((t) => t.toFixed(0)).join(', ')}; median ${ms(median(server.latencyMs))}.`,
          server.reportedMs.length ? `- Lint time the server reports itself (lint status), ms: ${server.reportedMs.join(', ')}.` : '',
          `- RSS ${server.rssMb.toFixed(1)} MB once idle after ${EDITS} edits (the server collects its garbage ${IDLE_COLLECTION_MS} ms after the last lint; read 1 s later); ${server.rssAfterEditsMb.toFixed(1)} MB right after the last edit's diagnostics; peak VmHWM ${server.peakRssMb.toFixed(1)} MB. The server runs with ${SERVER_EXEC_ARGV.join(' ')}, as the VS Code client starts it.`,
        ].filter(Boolean)
      : [`- Not measured: ${serverError}`];

    const report = [
      '# Benchmark results',
      '',
      `Generated by \`npm run bench\` (bench/run.ts; fixtures from bench/fixtures.ts, written to a temporary folder). Do not edit by hand.`,
      '',
      '## Machine',
      '',
      ...Object.entries(facts).map(([key, value]) => `- ${key}: ${value}`),
      '',
      '## Results',
      '',
      table(rows),
      '',
      `Ratios for the CLI are dclint's median wall time divided by ours (higher is better; "met" is judged on wall time, the issue's measure); CPU is the child's user + sys time from bash's \`time\`, which a busy machine distorts less than wall time (compare the load averages above with the core count). Both tools are started as \`node <script>\` with \`--format json\` / \`-f json\`, the same files and working directory, the same environment (without NODE_EXTRA_CA_CERTS, which adds ~70 ms of certificate parsing to every Node start on this machine), one warm-up each (ours fills its V8 code cache then, as a user's first run does), then ${RUNS} runs each, alternating which tool goes first. The CLI and server measured are a private copy of \`dist/\` taken at the start of the run (${vsix.bytes !== undefined ? 'the production build made by `npm run package`' : 'the build found in `dist/`'}).`,
      '',
      '## CLI details',
      '',
      '| Fixture | Files | docker-harden wall, ms (each run) | dclint wall, ms (each run) | CPU user+sys, median: ours / dclint | Problems: ours / dclint |',
      '|---|---|---|---|---|---|',
      ...details,
      '',
      '## In process and server details',
      '',
      `- One raw \`yaml.parseDocument\` of the 500-service file (${(bigText.length / 1024).toFixed(0)} KB): median ${ms(parse)} (runs: ${parseTimes.map((t) => t.toFixed(1)).join(', ')}).`,
      `- Engine \`lint\` of it (every rule, disk workspace, ${problemsInBig} problems): median ${ms(lintMedian)} (runs: ${lintTimes.map((t) => t.toFixed(1)).join(', ')}).`,
      ...serverLines,
      `- .vsix: ${vsix.bytes !== undefined ? `${vsix.bytes} bytes, from ${vsix.note}` : vsix.note}.`,
      '',
      '## Large files',
      '',
      `Each file is linted by \`docker-harden check --format json\` and parsed by a Node process that only loads \`yaml\` and parses it (without yaml's duplicate-key check, quadratic in a map's keys, which ours replaces), alternating the two after one warm-up each. "Many services" repeats the 500-service file's services; "one map" is one service whose \`environment\` has every key.`,
      '',
      ...LARGE_DETAILS_HEADER,
      ...large.details,
      '',
    ].join('\n');
    writeReport(report);
    console.log(table(rows));
  } finally {
    if (args.includes('--keep')) log(`bench: kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench failed: ${(error as Error).message ?? error}`);
  process.exit(1);
});

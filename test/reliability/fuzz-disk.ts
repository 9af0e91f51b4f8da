/**
 * The fuzzer on disk (issue 15): a project folder with a compose file whose environment values take every YAML
 * spelling and a Dockerfile with heredocs and trailing escapes, bytes that are no UTF-8 in their comments, and links
 * out of the folder (`secrets/`, a Dockerfile, a hard-linked `.gitignore`, a build context outside), next to a folder
 * the run must not touch. `docker-harden fix --unsafe <project>` runs in-process from the parent folder, twice.
 * The property: nothing outside the project changes, the bytes that are no UTF-8 stay, the compose file still parses,
 * every environment value stays or moves into a secrets file on disk, the second run changes nothing, and no run
 * ends in an internal error. `npm run fuzz -- --disk [--seed N --runs N]` runs it.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { runCli } from '../../cli/src/cli';
import { droppedEnvironmentValues, environmentComposeCase, generatedDockerfileCase } from './fuzz-cases';
import { yamlErrors } from './lib';

/** Byte sequences that are no UTF-8: a lone continuation byte, truncated sequences, an encoded surrogate, overlong. */
const invalidBytes = [[0xff], [0x80], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80]];

type Link = 'secrets-dir' | 'secret-file' | 'dockerfile' | 'gitignore-hardlink' | 'context-outside' | 'compose-file';

export interface DiskCase {
  compose: string;
  dockerfile: string;
  /** Comment lines with bytes that are no UTF-8, inserted at these line fractions of each file. */
  badBytes: { file: 'compose' | 'dockerfile'; at: number; bytes: number[] }[];
  links: Link[];
  existing?: Record<string, string>;
}

export function diskCase(): fc.Arbitrary<DiskCase> {
  return fc
    .tuple(
      environmentComposeCase(),
      generatedDockerfileCase(),
      fc.array(fc.record({ file: fc.constantFrom('compose' as const, 'dockerfile' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.constantFrom(...invalidBytes) }), { maxLength: 3 }),
      fc.uniqueArray(fc.constantFrom<Link>('secrets-dir', 'secret-file', 'dockerfile', 'gitignore-hardlink', 'context-outside', 'compose-file'), { maxLength: 2 }),
    )
    .map(([compose, dockerfile, badBytes, links]) => ({ compose: compose.text, dockerfile: dockerfile.text, badBytes, links, existing: compose.files }));
}

/** The compose file, with a service building the Dockerfile (its context outside the project for that link). */
function composeText(c: DiskCase): string {
  const eol = c.compose.includes('\r\n') ? '\r\n' : '\n';
  const context = c.links.includes('context-outside') ? '../outside/app' : './app';
  const body = c.compose.replace(/^services:\r?\n/, `services:${eol}  built:${eol}    build: ${context}${eol}`);
  return body;
}

/** Inserts a comment line holding bytes that are no UTF-8 into a file's bytes, at a line boundary. */
function withBadBytes(text: string, inserts: DiskCase['badBytes']): Buffer {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  const parts: Buffer[] = [];
  const at = new Map<number, number[][]>();
  for (const insert of inserts) {
    // Not on the first line (a parser directive must stay first), not after a line that continues.
    const index = Math.max(1, Math.min(lines.length - 1, Math.floor(insert.at * lines.length)));
    at.set(index, [...(at.get(index) ?? []), insert.bytes]);
  }
  lines.forEach((line, index) => {
    for (const bytes of at.get(index) ?? []) parts.push(Buffer.concat([Buffer.from('# bad bytes: '), Buffer.from(bytes), Buffer.from(` end${eol}`)]));
    parts.push(Buffer.from(index < lines.length - 1 ? line + eol : line));
  });
  return Buffer.concat(parts);
}

interface Snapshot {
  [relative: string]: string;
}

/** Every file under `folder` (links not followed), as a hash of its bytes, link target or `dir`. */
function snapshot(folder: string, skip?: string): Snapshot {
  const found: Snapshot = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (skip && full === skip) continue;
      const relative = path.relative(folder, full);
      if (entry.isSymbolicLink()) found[relative] = `link ${fs.readlinkSync(full)}`;
      else if (entry.isDirectory()) {
        found[relative] = 'dir';
        walk(full);
      } else found[relative] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
    }
  };
  walk(folder);
  return found;
}

function diff(before: Snapshot, after: Snapshot): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => before[key] !== after[key]).map((key) => `${key} (${before[key] === undefined ? 'created' : after[key] === undefined ? 'removed' : 'changed'})`);
}

async function fix(outer: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['fix', '--unsafe', '--format', 'json', 'project'], { cwd: outer, out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: false, env: {} });
  return { code, out: out.join(''), err: err.join('') };
}

/** Lays the case out under a new temporary folder, runs `fix` twice and throws on the first broken property. */
export async function checkDiskCase(c: DiskCase, keep = false): Promise<void> {
  const outer = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-fuzz-'));
  const project = path.join(outer, 'project');
  const outside = path.join(outer, 'outside');
  const fail = (what: string) => {
    throw new Error(`${what}\n  folder: ${outer}\n  case: ${JSON.stringify(c).slice(0, 3000)}`);
  };
  let failed = true;
  try {
    fs.mkdirSync(path.join(project, 'app'), { recursive: true });
    fs.mkdirSync(path.join(outside, 'app'), { recursive: true });
    fs.mkdirSync(path.join(outside, 'secrets'), { recursive: true });
    fs.writeFileSync(path.join(outside, 'decoy.txt'), 'outside, never to be written\n');
    fs.writeFileSync(path.join(outside, 'app', 'Dockerfile'), withBadBytes(c.dockerfile, c.badBytes.filter((b) => b.file === 'dockerfile')));
    const composeBytes = withBadBytes(composeText(c), c.badBytes.filter((b) => b.file === 'compose'));
    const dockerfileBytes = withBadBytes(c.dockerfile, c.badBytes.filter((b) => b.file === 'dockerfile'));
    if (c.links.includes('compose-file')) {
      fs.writeFileSync(path.join(outside, 'compose.yaml'), composeBytes);
      fs.symlinkSync('../outside/compose.yaml', path.join(project, 'compose.yaml'));
    } else {
      fs.writeFileSync(path.join(project, 'compose.yaml'), composeBytes);
    }
    if (c.links.includes('dockerfile')) fs.symlinkSync('../../outside/app/Dockerfile', path.join(project, 'app', 'Dockerfile'));
    else fs.writeFileSync(path.join(project, 'app', 'Dockerfile'), dockerfileBytes);
    if (c.links.includes('secrets-dir')) fs.symlinkSync('../outside/secrets', path.join(project, 'secrets'));
    for (const [relative, text] of Object.entries(c.existing ?? {})) {
      const target = path.join(project, relative);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (!fs.existsSync(target)) fs.writeFileSync(target, text);
    }
    if (c.links.includes('secret-file') && !c.links.includes('secrets-dir')) {
      fs.mkdirSync(path.join(project, 'secrets'), { recursive: true });
      for (const name of ['db_password', 'api_token', 'jwt_secret', 'postgres_password']) {
        fs.writeFileSync(path.join(outside, 'secrets', `${name}.txt`), 'outside secret\n');
        const link = path.join(project, 'secrets', `${name}.txt`);
        if (!fs.existsSync(link)) fs.symlinkSync(`../../outside/secrets/${name}.txt`, link);
      }
    }
    if (c.links.includes('gitignore-hardlink')) {
      fs.writeFileSync(path.join(outside, 'gitignore'), 'node_modules/\n');
      fs.linkSync(path.join(outside, 'gitignore'), path.join(project, '.gitignore'));
    }
    const outsideBefore = snapshot(outside);

    const first = await fix(outer);
    if (process.env.DH_FUZZ_DEBUG) console.log(outer, first.code, first.err, first.out.slice(0, 2000));
    if (first.code === 2 && /internal error/.test(first.err)) fail(`fix: ${first.err.trim()}`);
    const outsideAfter = snapshot(outside);
    const touched = diff(outsideBefore, outsideAfter);
    if (touched.length) fail(`fix wrote outside the project: ${touched.join(', ')}`);

    // Bytes that are no UTF-8 stay in every file that had them.
    for (const [file, original] of [['compose.yaml', composeBytes], [path.join('app', 'Dockerfile'), dockerfileBytes]] as const) {
      const now = fs.readFileSync(path.join(project, file));
      for (const insert of c.badBytes) {
        const line = Buffer.concat([Buffer.from('# bad bytes: '), Buffer.from(insert.bytes), Buffer.from(' end')]);
        const count = (buffer: Buffer) => buffer.toString('latin1').split(line.toString('latin1')).length - 1;
        if (count(now) < count(original)) fail(`${file}: the bytes ${insert.bytes.map((b) => b.toString(16)).join(' ')} that are no UTF-8 were not kept`);
      }
    }

    const composeBefore = composeBytes.toString('utf8');
    const composeAfter = fs.readFileSync(path.join(project, 'compose.yaml'), 'utf8');
    if (yamlErrors(composeBefore).length === 0 && yamlErrors(composeAfter).length > 0) fail(`compose.yaml no longer parses: ${yamlErrors(composeAfter)[0]}`);
    const secretsDir = path.join(project, 'secrets');
    const secretFiles = fs.existsSync(secretsDir) && fs.statSync(secretsDir).isDirectory()
      ? fs.readdirSync(secretsDir).map((name) => path.join(secretsDir, name)).filter((file) => fs.statSync(file).isFile())
      : [];
    const written = secretFiles.map((file) => ({ path: file, before: undefined, after: fs.readFileSync(file, 'utf8') }));
    const dropped = droppedEnvironmentValues(composeBefore, composeAfter, written);
    if (dropped.length) fail(`environment values dropped: ${dropped.join('; ')}\n  compose after: ${JSON.stringify(composeAfter.slice(0, 1500))}`);

    const projectAfterFirst = snapshot(project);
    const second = await fix(outer);
    if (second.code === 2 && /internal error/.test(second.err)) fail(`second fix: ${second.err.trim()}`);
    const changedAgain = diff(projectAfterFirst, snapshot(project));
    if (changedAgain.length) fail(`the second fix changed ${changedAgain.join(', ')}`);
    const touchedAgain = diff(outsideBefore, snapshot(outside));
    if (touchedAgain.length) fail(`the second fix wrote outside the project: ${touchedAgain.join(', ')}`);
    failed = false;
  } finally {
    if (!keep && !failed) fs.rmSync(outer, { recursive: true, force: true });
  }
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && Number.isFinite(Number(process.argv[at + 1])) ? Number(process.argv[at + 1]) : fallback;
}

/** `npm run fuzz -- --disk`: failures are collected by kind, each with its folder kept for inspection. */
export async function runDiskFuzz(): Promise<number> {
  const seed = flag('seed', Date.now() % 2 ** 31);
  const runs = flag('runs', 500);
  console.log(`fuzz on disk: seed ${seed}, ${runs} runs (replay: npm run fuzz -- --disk --seed ${seed} --runs ${runs})`);
  const failures = new Map<string, { count: number; first: string }>();
  let cases = 0;
  const started = Date.now();
  await fc.check(
    fc.asyncProperty(diskCase(), async (c) => {
      cases++;
      try {
        await checkDiskCase(c);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const kind = message.split('\n')[0].replace(/\d+/g, 'N').replace(/\/tmp\/dh-fuzz-\w+/g, 'DIR').slice(0, 160);
        const seen = failures.get(kind);
        if (seen) seen.count++;
        else {
          failures.set(kind, { count: 1, first: message.slice(0, 4000) });
          console.error(`\nFAILURE (case ${cases}): ${message.slice(0, 4000)}\n`);
        }
      }
    }),
    { seed, numRuns: runs },
  );
  console.log(`fuzz on disk: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(0)} s (seed ${seed}), ${failures.size} distinct failures`);
  for (const [kind, { count }] of failures) console.log(`  ${count} x ${kind}`);
  return failures.size > 0 ? 1 : 0;
}

/**
 * Docker Compose as the oracle for every edit (issue 17): the real CLI runs `fix`, `fix --unsafe` and `harden` (every
 * service of every compose file) on copies of the whole corpus and of the bundled example, and every compose file it
 * changed or created goes to `docker compose config` with the files it belongs with. Every group Compose accepted
 * before must be accepted after with the same services; a created override/prod file must be accepted with its base.
 *
 * Groups: each compose file alone; the folder's base file (compose.yaml, compose.yml, docker-compose.yaml,
 * docker-compose.yml, in Compose's order) with each other compose file of the folder (compose.override.yaml,
 * docker-compose.prod.yml, ...); a group is re-checked when one of its files, or a file it reaches by `include` or
 * `extends.file`, changed.
 *
 * How `config` is run, and why:
 * - `docker compose -f ... config --format json`: it loads, interpolates and validates the project exactly as
 *   `config -q` does (the last test shows both refuse the same files) and gives the service names in the same call.
 *   (`config --services` is not used: with `--no-interpolate` it still runs the cross-reference checks that
 *   `config -q --no-interpolate` skips.)
 * - A clean environment: no variable of the test process is interpolated. Unset variables become blank (Compose's
 *   warning, not an error), as for a user without a `.env`.
 * - Missing `env_file` files are created empty in the copy before anything runs (Compose refuses a project whose
 *   env_file is missing; the corpus holds only compose files and Dockerfiles). Missing build contexts and secret files
 *   need nothing: `config` does not open them.
 * - A group that Compose refuses with interpolation (most Coolify templates: their volumes are declared by Coolify,
 *   not in the file) is checked with `--no-interpolate`, where Compose 2.26 still validates against its schema but
 *   skips the cross-reference checks; such a group must stay accepted in that mode. `--no-path-resolution` is not
 *   needed: relative paths resolve inside the copy.
 * - The Coolify templates (one standalone file each, named like `n8n.yaml`, all in one folder) are each moved into a
 *   folder of their own in the copy, so `harden` runs on them in parallel without sharing `secrets/` or `.gitignore`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { corpusRoot } from '../lib/corpus';
import { CONCURRENCY, compose, copyTree, pool, requireDocker, run, snapshot, tempDir, type Run } from './lib';

const repoRoot = path.resolve(__dirname, '..', '..');
const bin = path.join(repoRoot, 'bin', 'docker-harden.js');
const exampleDir = path.join(repoRoot, 'examples', 'vrecommendation');
const TEMPLATES = 'coollabsio__coolify/templates/compose/';
const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const COMPOSE_NAME = /^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/i;

type Mode = 'interpolate' | 'no-interpolate';
interface Verdict {
  ok: boolean;
  services: string[];
  error: string;
}
interface Group {
  files: string[]; // relative to the tree, in -f order
}
const key = (g: Group) => g.files.join(' + ');

/** The copy's layout: corpus/<manifest path> (templates moved to corpus/<dir>/<name>/<name>.yaml), example/... */
function layout(): { compose: string[]; dockerfiles: string[]; copy: (to: string) => void } {
  const rows = fs.readFileSync(path.join(corpusRoot, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
  const place = (p: string) => (p.startsWith(TEMPLATES) ? `${TEMPLATES}${path.basename(p).replace(/\.ya?ml$/, '')}/${path.basename(p)}` : p);
  const compose = rows.filter((r) => r[2] === 'compose').map((r) => `corpus/${place(r[1])}`);
  const dockerfiles = rows.filter((r) => r[2] === 'dockerfile').map((r) => `corpus/${r[1]}`);
  const exampleFiles: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) (e.isDirectory() ? walk(path.join(dir, e.name)) : exampleFiles.push(path.relative(exampleDir, path.join(dir, e.name))));
  };
  walk(exampleDir);
  compose.push('example/docker-compose.yml');
  dockerfiles.push(...exampleFiles.filter((f) => path.basename(f) === 'Dockerfile').map((f) => `example/${f}`));
  return {
    compose,
    dockerfiles,
    copy(to) {
      copyTree(corpusRoot, path.join(to, 'corpus'));
      for (const r of rows) {
        if (!r[1].startsWith(TEMPLATES) || r[2] !== 'compose') continue;
        fs.mkdirSync(path.dirname(path.join(to, 'corpus', place(r[1]))), { recursive: true });
        fs.renameSync(path.join(to, 'corpus', r[1]), path.join(to, 'corpus', place(r[1])));
      }
      copyTree(exampleDir, path.join(to, 'example'));
    },
  };
}

function parse(file: string): any {
  try {
    return parseDocument(fs.readFileSync(file, 'utf8'), { merge: true, uniqueKeys: false }).toJS({ maxAliasCount: -1 }) ?? {};
  } catch {
    return {};
  }
}

/** Creates the missing env_file files of a compose file (empty), relative to its folder. */
function createEnvFiles(tree: string, rel: string): string[] {
  const created: string[] = [];
  const doc = parse(path.join(tree, rel));
  for (const service of Object.values<any>(doc?.services ?? {})) {
    const entries = service?.env_file === undefined ? [] : Array.isArray(service.env_file) ? service.env_file : [service.env_file];
    for (const entry of entries) {
      const file = typeof entry === 'string' ? entry : entry?.required === false ? undefined : entry?.path;
      if (typeof file !== 'string' || file.includes('$')) continue;
      const full = path.resolve(tree, path.dirname(rel), file);
      if (!full.startsWith(tree) || fs.existsSync(full)) continue;
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, '');
      created.push(path.relative(tree, full));
    }
  }
  return created;
}

/** Files a compose file reaches by `include` and `extends.file` (relative to the tree, transitively). */
function reaches(tree: string, rel: string, seen = new Set<string>()): Set<string> {
  if (seen.has(rel)) return seen;
  seen.add(rel);
  const doc = parse(path.join(tree, rel));
  const refs: string[] = [];
  for (const inc of Array.isArray(doc?.include) ? doc.include : []) {
    if (typeof inc === 'string') refs.push(inc);
    else for (const p of [inc?.path].flat()) if (typeof p === 'string') refs.push(p);
  }
  for (const service of Object.values<any>(doc?.services ?? {})) if (typeof service?.extends?.file === 'string') refs.push(service.extends.file);
  for (const ref of refs) {
    const full = path.resolve(tree, path.dirname(rel), ref);
    if (fs.existsSync(full)) reaches(tree, path.relative(tree, full), seen);
  }
  return seen;
}

function groupsOf(composeFiles: readonly string[]): Group[] {
  const byDir = new Map<string, string[]>();
  for (const f of composeFiles) byDir.set(path.dirname(f), [...(byDir.get(path.dirname(f)) ?? []), f]);
  const groups: Group[] = [];
  for (const [dir, files] of byDir) {
    const base = baseOf(dir, files);
    for (const f of files) {
      groups.push({ files: [f] });
      if (base && f !== base && COMPOSE_NAME.test(path.basename(f))) groups.push({ files: [base, f] });
    }
  }
  return groups;
}

/** The folder's base file: Compose's default name, else its only compose file. */
function baseOf(dir: string, files: readonly string[]): string | undefined {
  for (const name of BASE_NAMES) if (files.includes(path.join(dir, name))) return path.join(dir, name);
  return files.length === 1 ? files[0] : undefined;
}

const verdictCache = new Map<string, Promise<Verdict>>();

/** `docker compose -f ... config --services` on a group in a tree; cached by the content of every file it reads. */
function config(tree: string, group: Group, mode: Mode): Promise<Verdict> {
  const reached = new Set<string>();
  for (const f of group.files) for (const r of reaches(tree, f)) reached.add(r);
  const contents = [...reached].sort().map((r) => `${r}\0${fs.existsSync(path.join(tree, r)) ? fs.readFileSync(path.join(tree, r), 'latin1') : '<none>'}`);
  // The tree's own path matters only through the folder name (the project name): same files, same verdict.
  const cacheKey = `${mode}\0${key(group)}\0${contents.join('\0')}`;
  let verdict = verdictCache.get(cacheKey);
  if (!verdict) {
    const args = group.files.flatMap((f) => ['-f', f]).concat(['config', '--format', 'json'], mode === 'no-interpolate' ? ['--no-interpolate'] : []);
    verdict = compose(args, tree, 60_000).then((r: Run) => {
      const ok = r.code === 0 && !r.timedOut;
      return {
        ok,
        services: ok ? Object.keys(JSON.parse(r.stdout).services ?? {}).sort() : [],
        error: r.timedOut ? 'timed out' : r.stderr.split('\n').filter((l) => l && !/level=warning/.test(l)).join(' | '),
      };
    });
    verdictCache.set(cacheKey, verdict);
  }
  return verdict;
}

async function cli(args: readonly string[], cwd: string): Promise<Run> {
  return run(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } as Record<string, string>, timeoutMs: 300_000 });
}

const VARIANTS = ['fix', 'fix --unsafe', 'harden'] as const;
/** harden runs on one in this many of the templates Compose accepts only with --no-interpolate. */
const HARDEN_SAMPLE = 4;
let hardenSkipped = new Set<string>();
type Variant = (typeof VARIANTS)[number];

describe('docker compose config accepts every fixed and hardened compose file of the corpus and the example', { timeout: 600_000 }, () => {
  const started = Date.now();
  const root = tempDir('oracle');
  const beforeTree = path.join(root, 'before');
  const { compose: composeFiles, dockerfiles, copy } = layout();
  const groups = groupsOf(composeFiles);
  const beforeVerdicts = new Map<string, { mode: Mode; verdict: Verdict }>();
  let beforeSnapshot: Map<string, string>;
  const summary: string[] = [];

  before(async () => {
    requireDocker();
    copy(beforeTree);
    const envFiles = composeFiles.flatMap((f) => createEnvFiles(beforeTree, f));
    beforeSnapshot = snapshot(beforeTree);
    await pool(groups, CONCURRENCY, async (group) => {
      let verdict = await config(beforeTree, group, 'interpolate');
      let mode: Mode = 'interpolate';
      if (!verdict.ok) {
        const plain = await config(beforeTree, group, 'no-interpolate');
        if (plain.ok) [verdict, mode] = [plain, 'no-interpolate'];
      }
      beforeVerdicts.set(key(group), { mode, verdict });
    });
    const accepted = [...beforeVerdicts.values()].filter((v) => v.verdict.ok);
    summary.push(
      `before: ${composeFiles.length} compose files (${composeFiles.length - 1} corpus + the example), ${groups.length} groups: ` +
        `${accepted.filter((v) => v.mode === 'interpolate').length} accepted as they are, ${accepted.filter((v) => v.mode === 'no-interpolate').length} only with --no-interpolate, ` +
        `${groups.length - accepted.length} refused; ${envFiles.length} empty env files created (${((Date.now() - started) / 1000).toFixed(1)}s)`,
    );
  });

  after(() => {
    console.log(`compose oracle (${((Date.now() - started) / 1000).toFixed(1)}s):\n  ${summary.join('\n  ')}`);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('the example and the corpus give groups that Compose accepts before any fix', () => {
    assert.ok(beforeVerdicts.get('example/docker-compose.yml')?.verdict.ok, `the example: ${beforeVerdicts.get('example/docker-compose.yml')?.verdict.error}`);
    const accepted = [...beforeVerdicts.values()].filter((v) => v.verdict.ok).length;
    assert.ok(accepted > 300, `${accepted} groups accepted`);
  });

  for (const variant of VARIANTS) {
    it(`${variant}: every group accepted before is accepted after, with the same services; created compose files are accepted with their base`, async () => {
      const t0 = Date.now();
      const tree = path.join(root, variant.replace(/\W+/g, '-'));
      copy(tree);
      for (const f of composeFiles) createEnvFiles(tree, f);
      const runs: (Run & { file?: string })[] = [];
      if (variant === 'harden') {
        // One lane per folder (harden of two files of one folder may write the same secrets/ and .gitignore).
        const byDir = new Map<string, string[]>();
        // Only files Compose accepted in some group before: what it refused before, it cannot judge after.
        const judged = composeFiles.filter((f) => groups.some((g) => g.files.includes(f) && beforeVerdicts.get(key(g))!.verdict.ok));
        // Speed (the Docker part must stay under 5 minutes on two cores): the Coolify templates that Compose accepts
        // only with --no-interpolate (about 290, checked by their schema alone) are sampled, one in HARDEN_SAMPLE;
        // every other file is hardened. `fix` and `fix --unsafe` above still cover all of them.
        const plainTemplates = judged.filter((f) => f.startsWith(`corpus/${TEMPLATES}`) && !groups.some((g) => g.files.includes(f) && beforeVerdicts.get(key(g))!.verdict.ok && beforeVerdicts.get(key(g))!.mode === 'interpolate'));
        const skipped = new Set(plainTemplates.filter((_, i) => i % HARDEN_SAMPLE !== 0));
        hardenSkipped = skipped;
        for (const f of judged.filter((f) => !skipped.has(f))) byDir.set(path.dirname(f), [...(byDir.get(path.dirname(f)) ?? []), f]);
        await pool([...byDir.values()], CONCURRENCY, async (files) => {
          for (const f of files) runs.push(Object.assign(await cli(['harden', f], tree), { file: f }));
        });
      } else {
        runs.push(await cli(['fix', '--format', 'json', ...(variant === 'fix --unsafe' ? ['--unsafe'] : []), ...composeFiles, ...dockerfiles], tree));
      }
      const crashed = runs.filter((r) => r.code !== 0 && r.code !== 1).map((r) => `${(r as any).file ?? variant}: ${r.code} ${r.stderr.slice(0, 300)}`);
      assert.deepEqual(crashed, [], 'the CLI ran (exit 0 or 1)');
      const cliSeconds = (Date.now() - t0) / 1000;

      const afterSnapshot = snapshot(tree);
      const changed = new Set([...afterSnapshot.keys()].filter((f) => beforeSnapshot.has(f) && beforeSnapshot.get(f) !== afterSnapshot.get(f)));
      const created = [...afterSnapshot.keys()].filter((f) => !beforeSnapshot.has(f));
      const createdCompose = created.filter((f) => COMPOSE_NAME.test(path.basename(f)) || (/\.ya?ml$/.test(f) && parse(path.join(tree, f))?.services));
      const failures: string[] = [];
      const toCheck = groups.filter((g) => beforeVerdicts.get(key(g))!.verdict.ok && g.files.some((f) => [...reaches(tree, f)].some((r) => changed.has(r))));
      await pool(toCheck, CONCURRENCY, async (group) => {
        const { mode, verdict: was } = beforeVerdicts.get(key(group))!;
        const now = await config(tree, group, mode);
        if (!now.ok) failures.push(`${key(group)} (${mode}): refused after ${variant}: ${now.error}`);
        else if (JSON.stringify(now.services) !== JSON.stringify(was.services)) failures.push(`${key(group)}: services ${was.services.join(',')} became ${now.services.join(',')}`);
      });
      const createdChecked: string[] = [];
      await pool(createdCompose, CONCURRENCY, async (file) => {
        const dir = path.dirname(file);
        const base = baseOf(dir, composeFiles.filter((f) => path.dirname(f) === dir));
        const baseVerdict = base ? beforeVerdicts.get(base) : undefined;
        const group = { files: base ? [base, file] : [file] };
        const mode: Mode = baseVerdict?.verdict.ok ? baseVerdict.mode : 'interpolate';
        if (base && !baseVerdict?.verdict.ok) return; // a base Compose refused before: nothing to hold the new file to
        createdChecked.push(file);
        const now = await config(tree, group, mode);
        if (!now.ok) failures.push(`created ${key(group)} (${mode}): refused: ${now.error}`);
        else if (baseVerdict && JSON.stringify(now.services) !== JSON.stringify(baseVerdict.verdict.services)) failures.push(`created ${key(group)}: services ${baseVerdict.verdict.services.join(',')} became ${now.services.join(',')}`);
      });
      const changedCompose = composeFiles.filter((f) => changed.has(f));
      summary.push(
        `${variant}: ${runs.length} CLI run(s)${variant === 'harden' ? ` (${hardenSkipped.size} --no-interpolate templates not sampled)` : ''} in ${cliSeconds.toFixed(1)}s; ${changed.size} files changed (${changedCompose.length} compose), ${created.length} created (${createdCompose.length} compose); ` +
          `${toCheck.length} accepted groups re-checked, ${createdChecked.length} created compose files checked with their base; ${failures.length} refused (${((Date.now() - t0) / 1000).toFixed(1)}s)` +
          failures.map((f) => `\n    ${f}`).join(''),
      );
      assert.ok(changedCompose.length > 0, `${variant} changed no compose file`);
      assert.deepEqual(failures.sort(), []);
    });
  }

  it('config --format json refuses what config -q refuses, in both modes (so one call checks both)', async () => {
    const dir = path.join(root, 'probe');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'services:\n  a:\n    image: x\n    healthcheck:\n      test: ["CMD", "true"]\n      bogus: 1\n');
    fs.writeFileSync(path.join(dir, 'undefined.yaml'), 'services:\n  a:\n    image: x\n    volumes: [data:/data]\n');
    fs.writeFileSync(path.join(dir, 'good.yaml'), 'services:\n  b:\n    image: x\n  a:\n    image: x\n');
    for (const [file, mode, ok] of [['bad.yaml', [], false], ['bad.yaml', ['--no-interpolate'], false], ['undefined.yaml', [], false], ['undefined.yaml', ['--no-interpolate'], true], ['good.yaml', [], true], ['good.yaml', ['--no-interpolate'], true]] as const) {
      const q = await compose(['-f', file, 'config', '-q', ...mode], dir);
      const j = await compose(['-f', file, 'config', '--format', 'json', ...mode], dir);
      assert.equal(q.code === 0, ok, `${file} ${mode} config -q: ${q.stderr}`);
      assert.equal(j.code === 0, ok, `${file} ${mode} config --format json: ${j.stderr}`);
      if (file === 'good.yaml') assert.deepEqual(Object.keys(JSON.parse(j.stdout).services).sort(), ['a', 'b']);
    }
  });
});

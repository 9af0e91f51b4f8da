/**
 * Compose as the oracle of our merged project model (issue 23): for every multi-file group of the corpus (a folder's
 * base file with each other compose file of the folder) and of our own fixtures (base + override, COMPOSE_FILE in
 * `.env` with interpolation, a prod file), the engine's merged model of each service (image, published ports,
 * healthcheck present, limits, user, secrets: engine/src/compose/merged.ts) must equal what
 * `docker compose -f ... config --format json` resolves, with the same `.env` and a clean environment.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { createProject, parseCompose } from '../../engine/src/index';
import { diskWorkspace } from '../../engine/src/node';
import { mergedServices, toBytes, type MergedService } from '../../engine/src/compose/merged';
import { corpusRoot } from '../lib/corpus';
import { source } from '../lib/yaml-tag';
import { compose, copyTree, requireDocker, tempDir } from './lib';

const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const COMPOSE_NAME = /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i;

/** What `docker compose config --format json` says of a service, in the merged model's shape. */
function fromCompose(service: Record<string, any>): MergedService {
  const limits = service.deploy?.resources?.limits ?? {};
  const healthcheck = service.healthcheck;
  const summary: MergedService = {
    ports: (service.ports ?? []).map((p: any) => `${p.host_ip ?? ''}:${p.published ?? ''}:${p.target}/${p.protocol ?? 'tcp'}`).sort(),
    healthcheck: !!healthcheck && healthcheck.disable !== true && healthcheck.test !== undefined && healthcheck.test?.[0] !== 'NONE',
    limits: {},
    secrets: (service.secrets ?? []).map((s: any) => String(s.source)).sort(),
  };
  if (typeof service.image === 'string') summary.image = service.image;
  if (service.user !== undefined) summary.user = String(service.user);
  const cpus = limits.cpus ?? service.cpus;
  const memory = limits.memory ?? service.mem_limit;
  if (cpus !== undefined && cpus !== '' && Number(cpus) !== 0) summary.limits.cpus = Number(cpus);
  if (memory !== undefined && memory !== '' && Number(memory) !== 0) summary.limits.memory = toBytes(memory);
  return summary;
}

/** Creates the missing env_file files of the group's files (Compose refuses a project whose env_file is missing). */
function createEnvFiles(dir: string, files: string[]): void {
  for (const file of files) {
    const data = parseDocument(fs.readFileSync(path.join(dir, file), 'utf8'), { merge: true, logLevel: 'silent' }).toJS({ maxAliasCount: 1000 }) as any;
    for (const service of Object.values<any>(data?.services ?? {})) {
      const entries = service?.env_file === undefined ? [] : Array.isArray(service.env_file) ? service.env_file : [service.env_file];
      for (const entry of entries) {
        const name = typeof entry === 'string' ? entry : entry?.path;
        if (typeof name !== 'string' || name.includes('$')) continue;
        const full = path.resolve(dir, path.dirname(file), name);
        if (full.startsWith(dir) && !fs.existsSync(full)) {
          fs.mkdirSync(path.dirname(full), { recursive: true });
          fs.writeFileSync(full, '');
        }
      }
    }
  }
}

async function check(dir: string, files: string[]): Promise<{ compared: number; skipped?: string }> {
  createEnvFiles(dir, files);
  const run = await compose([...files.flatMap((file) => ['-f', file]), 'config', '--format', 'json'], dir, 120_000);
  if (run.code !== 0) return { compared: 0, skipped: run.stderr.trim().split('\n').pop() };
  const theirs = JSON.parse(run.stdout).services as Record<string, Record<string, unknown>>;
  const absolute = files.map((file) => path.join(dir, file));
  const project = createProject(diskWorkspace(dir), { projects: [absolute] });
  const first = parseCompose(absolute[0], fs.readFileSync(absolute[0], 'utf8'));
  const ours = mergedServices(first, project);
  let compared = 0;
  for (const [name, service] of Object.entries(theirs)) {
    assert.deepEqual(ours.get(name), fromCompose(service), `${files.join(' + ')}: service "${name}"`);
    compared++;
  }
  return { compared };
}

const fixtures: { name: string; files: Record<string, string>; group: string[] }[] = [
  {
    name: 'base + override: image replaced, ports appended (a repeated one once), healthcheck merged, limits, user, secrets',
    group: ['compose.yaml', 'compose.override.yaml'],
    files: {
      'compose.yaml': source`
        services:
          api:
            image: example/api:1.4
            user: "1000:1000"
            ports:
              - "127.0.0.1:8080:8080"
            deploy:
              resources:
                limits:
                  cpus: "0.5"
                  memory: 512M
            secrets:
              - db_password
          db:
            image: postgres:16.4
            healthcheck:
              test: ["CMD-SHELL", "pg_isready -U postgres"]
        secrets:
          db_password:
            file: ./secrets/db_password.txt
      `,
      'compose.override.yaml': source`
        services:
          api:
            image: example/api:dev
            ports:
              - "127.0.0.1:8080:8080"
              - "9229:9229"
            healthcheck:
              test: ["CMD", "curl", "-f", "http://127.0.0.1:8080/health"]
            deploy:
              resources:
                limits:
                  memory: 1g
          db:
            ports:
              - "5432:5432"
            healthcheck:
              disable: true
      `,
    },
  },
  {
    name: 'COMPOSE_FILE files with .env interpolation (defaults, set values, unset values)',
    group: ['compose.yaml', 'compose.prod.yaml'],
    files: {
      '.env': 'COMPOSE_FILE=compose.yaml:compose.prod.yaml\nTAG=2.1\nWEB_PORT=8081\n',
      'compose.yaml': source`
        services:
          web:
            image: example/web:\${TAG:-latest}
            ports:
              - "\${WEB_PORT:-8080}:80"
              - "\${ADMIN_PORT:-9000}:9000"
          worker:
            image: example/worker:\${WORKER_TAG:-1.0}
            user: \${WORKER_USER:-app}
      `,
      'compose.prod.yaml': source`
        services:
          web:
            mem_limit: \${WEB_MEMORY:-256m}
            cpus: 1.5
          worker:
            deploy:
              resources:
                limits:
                  memory: 2G
      `,
    },
  },
];

describe('our merged project model equals docker compose config', () => {
  it('on our own multi-file fixtures', async () => {
    requireDocker();
    for (const fixture of fixtures) {
      const dir = tempDir('merged');
      for (const [name, text] of Object.entries(fixture.files)) fs.writeFileSync(path.join(dir, name), text);
      const result = await check(dir, fixture.group);
      assert.equal(result.skipped, undefined, `${fixture.name}: Compose refused the fixture`);
      assert.ok(result.compared >= 2, fixture.name);
    }
  });

  it('on every multi-file group of the corpus (a base file with each other compose file of its folder)', async () => {
    requireDocker();
    const rows = fs.readFileSync(path.join(corpusRoot, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
    const byFolder = new Map<string, string[]>();
    for (const [, file, kind] of rows) {
      if (kind !== 'compose' || !COMPOSE_NAME.test(path.basename(file))) continue;
      const list = byFolder.get(path.dirname(file)) ?? [];
      list.push(path.basename(file));
      byFolder.set(path.dirname(file), list);
    }
    const groups: { folder: string; files: string[] }[] = [];
    for (const [folder, names] of byFolder) {
      const base = BASE_NAMES.find((name) => names.includes(name));
      if (!base) continue;
      for (const other of names) if (other !== base) groups.push({ folder, files: [base, other] });
    }
    assert.ok(groups.length >= 4, `${groups.length} groups`);
    let compared = 0;
    const refused: string[] = [];
    for (const group of groups) {
      const dir = tempDir('merged-corpus');
      copyTree(path.join(corpusRoot, group.folder), dir);
      const result = await check(dir, group.files);
      if (result.skipped) refused.push(`${group.folder}: ${group.files.join(' + ')}: ${result.skipped}`);
      compared += result.compared;
    }
    // Groups Compose itself refuses (a variable it requires, a file it needs) have no merged model to compare.
    assert.ok(refused.length < groups.length, refused.join('\n'));
    assert.ok(compared > 20, `${compared} services compared`);
    console.log(`merged model: ${groups.length} corpus groups, ${compared} services compared with docker compose config, ${refused.length} groups refused by Compose: ${refused.join("; ")}`);
  });
});

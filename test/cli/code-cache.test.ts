/**
 * bin/docker-harden.js keeps V8's compiled code of the CLI bundle in the user's cache folder. A run with no cache
 * writes one (0600 in a 0700 folder), a later run uses it, a damaged or foreign cache is replaced, and none of this
 * changes what the CLI prints. DOCKER_HARDEN_NO_CODE_CACHE=1 turns it off.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cli, removeProject, tempProject } from './helpers';
import { source } from '../lib/yaml-tag';

const COMPOSE = source`
  services:
    web:
      image: nginx:1.27
`;

describe('the CLI code cache', () => {
  const project = tempProject({ 'compose.yaml': COMPOSE });
  const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-cache-'));
  const cacheDir = path.join(cacheHome, 'docker-harden');
  const env = { XDG_CACHE_HOME: cacheHome };
  const caches = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((name) => name.endsWith('.v8cache')) : []);
  after(() => {
    removeProject(project);
    fs.rmSync(cacheHome, { recursive: true, force: true });
  });

  const plain = cli(['check', '--format', 'json', 'compose.yaml'], project, { DOCKER_HARDEN_NO_CODE_CACHE: '1', XDG_CACHE_HOME: cacheHome });

  it('is off with DOCKER_HARDEN_NO_CODE_CACHE=1', () => {
    assert.equal(plain.status, 0, plain.stderr);
    const report = JSON.parse(plain.stdout) as { files: { path: string; problems: { ruleId: string }[] }[] };
    assert.deepEqual(
      report.files.map((file) => [file.path, file.problems.map((problem) => problem.ruleId)]),
      [['compose.yaml', ['compose/healthcheck', 'compose/log-rotation', 'compose/resource-limits', 'compose/restart-policy']]],
    );
    assert.deepEqual(caches(), []);
  });

  it('is written by the first run, private to the user, and changes no output', () => {
    const first = cli(['check', '--format', 'json', 'compose.yaml'], project, env);
    assert.deepEqual([first.status, first.stdout, first.stderr], [plain.status, plain.stdout, plain.stderr]);
    const written = caches();
    assert.equal(written.length, 1, `cache files: ${JSON.stringify(written)}`);
    assert.match(written[0], new RegExp(`^cli-[0-9a-f]{8}-${process.version.replace(/\./g, '\\.')}-${process.arch}-\\d+-\\d+\\.v8cache$`));
    assert.equal(fs.statSync(cacheDir).mode & 0o777, 0o700);
    assert.equal(fs.statSync(path.join(cacheDir, written[0])).mode & 0o777, 0o600);
    assert.ok(fs.statSync(path.join(cacheDir, written[0])).size > 10_000, 'the cache holds compiled code');
  });

  it('is used, not rewritten, by the next run', () => {
    const file = path.join(cacheDir, caches()[0]);
    const before = fs.statSync(file).mtimeMs;
    const second = cli(['check', '--format', 'json', 'compose.yaml'], project, env);
    assert.deepEqual([second.status, second.stdout, second.stderr], [plain.status, plain.stdout, plain.stderr]);
    assert.equal(fs.statSync(file).mtimeMs, before, 'an accepted cache is not written again');
  });

  it("is replaced when damaged; stale caches of this installation's earlier builds are removed, others' are kept", () => {
    const name = caches()[0];
    const file = path.join(cacheDir, name);
    fs.writeFileSync(file, Buffer.alloc(4096, 0x5a));
    const installation = name.slice(0, 'cli-12345678-'.length);
    fs.writeFileSync(path.join(cacheDir, `${installation}v0.0.0-x64-1-1.v8cache`), 'old build');
    fs.writeFileSync(path.join(cacheDir, 'cli-00000000-v0.0.0-x64-1-1.v8cache'), 'another installation');
    const run = cli(['check', '--format', 'json', 'compose.yaml'], project, env);
    assert.deepEqual([run.status, run.stdout, run.stderr], [plain.status, plain.stdout, plain.stderr]);
    assert.deepEqual(caches().sort(), ['cli-00000000-v0.0.0-x64-1-1.v8cache', name].sort());
    assert.notDeepEqual(fs.readFileSync(file), Buffer.alloc(4096, 0x5a));
  });

  it('an unwritable cache folder is no error', () => {
    const blocked = tempProject({ 'docker-harden': 'a file where the folder should be' });
    try {
      const run = cli(['check', '--format', 'json', 'compose.yaml'], project, { XDG_CACHE_HOME: blocked });
      assert.deepEqual([run.status, run.stdout, run.stderr], [plain.status, plain.stdout, plain.stderr]);
    } finally {
      removeProject(blocked);
    }
  });
});

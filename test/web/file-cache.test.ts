/**
 * The browser build's file cache (server/src/web/fileCache.ts): what a job reads that the cache does not hold is
 * wanted and answered as missing; once fetched, the next run reads it; nothing outside the job's root is read or
 * asked for; a changed file is asked again. The loop over it (web/engine.ts) is run here as the browser server runs
 * it, on the engine: the run that wants nothing new gives the same problems as a lint of the same files on disk.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint, memoryWorkspace, type Problem } from '../../engine/src/index';
import { FileCache, type CachedFile } from '../../server/src/web/fileCache';

const root = '/ws';
const compose = 'services:\n  api:\n    build: ./api\n    environment:\n      DB_PASSWORD: s3cret-value\n';
const dockerfile = 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "app.py"]\n';
const disk: Record<string, CachedFile> = {
  '/ws': { type: 'directory', entries: [{ name: 'api', directory: true }, { name: 'compose.yaml', directory: false }] },
  '/ws/api': { type: 'directory', entries: [{ name: 'Dockerfile', directory: false }] },
  '/ws/api/Dockerfile': { type: 'file', text: dockerfile },
  '/ws/compose.yaml': { type: 'file', text: compose },
};
const fetchFromDisk = async (paths: string[]) => paths.map((p) => disk[p] ?? { type: 'missing' as const });
const brief = (problems: Problem[]) => problems.map((p) => `${p.ruleId}@${p.start} ${p.fixes.map((f) => f.title).join(' | ')}`);

describe('browser file cache', () => {
  it('what it does not hold is wanted once and answered as missing; after fill it is read', async () => {
    const cache = new FileCache();
    const workspace = cache.workspace(root, () => undefined);
    assert.equal(workspace.readFile('/ws/api/Dockerfile'), undefined);
    assert.equal(workspace.exists('/ws/api'), false);
    assert.equal(workspace.listDirectory!('/ws/api'), undefined);
    assert.equal(workspace.canCreate!('/ws/secrets/x.txt'), false, 'unknown: not creatable until known missing');
    assert.deepEqual(cache.takeWanted(), ['/ws/api/Dockerfile', '/ws/api', '/ws/secrets/x.txt']);
    assert.deepEqual(cache.takeWanted(), []);
    await cache.fill(['/ws/api/Dockerfile', '/ws/api', '/ws/secrets/x.txt'], fetchFromDisk);
    assert.equal(workspace.readFile('/ws/api/Dockerfile'), dockerfile);
    assert.equal(workspace.exists('/ws/api'), true);
    assert.equal(workspace.readFile('/ws/api'), undefined, 'a folder has no text');
    assert.deepEqual(workspace.listDirectory!('/ws/api'), [{ name: 'Dockerfile', directory: false }]);
    assert.equal(workspace.canCreate!('/ws/secrets/x.txt'), true);
    assert.equal(workspace.canCreate!('/ws/api/Dockerfile'), false);
    assert.deepEqual(cache.takeWanted(), []);
  });

  it('open documents win over the cache and are never asked for', async () => {
    const cache = new FileCache();
    await cache.fill(['/ws/api/Dockerfile'], fetchFromDisk);
    const workspace = cache.workspace(root, (p) => (p === '/ws/api/Dockerfile' ? 'FROM scratch\n' : undefined));
    assert.equal(workspace.readFile('/ws/api/Dockerfile'), 'FROM scratch\n');
    assert.equal(workspace.canCreate!('/ws/api/Dockerfile'), false);
    assert.deepEqual(cache.takeWanted(), []);
  });

  it('nothing outside the root is read or asked for', () => {
    const cache = new FileCache();
    const workspace = cache.workspace(root, () => undefined);
    assert.equal(workspace.readFile('/etc/passwd'), undefined);
    assert.equal(workspace.readFile('/wsx/file'), undefined);
    assert.equal(workspace.exists('/'), false);
    assert.equal(workspace.canCreate!('/ws'), false, 'not the root itself');
    assert.deepEqual(cache.takeWanted(), []);
  });

  it('a failed request leaves the paths unreadable; forget() asks for a file and its folder again', async () => {
    const cache = new FileCache();
    await cache.fill(['/ws/api/Dockerfile'], async () => {
      throw new Error('no handler');
    });
    const workspace = cache.workspace(root, () => undefined);
    assert.equal(workspace.readFile('/ws/api/Dockerfile'), undefined);
    assert.equal(workspace.exists('/ws/api/Dockerfile'), true, 'unreadable is not missing: no fix creates a file there');
    assert.equal(workspace.canCreate!('/ws/api/Dockerfile'), false);
    await cache.fill(['/ws/api'], fetchFromDisk);
    cache.forget('/ws/api/Dockerfile');
    assert.equal(cache.has('/ws/api/Dockerfile'), false);
    assert.equal(cache.has('/ws/api'), false, 'the folder listing may have changed too');
    cache.forget();
    assert.deepEqual(cache.takeWanted(), []);
  });

  it('one fetch for a path asked twice at once', async () => {
    const cache = new FileCache();
    const asked: string[][] = [];
    const fetch = async (paths: string[]) => {
      asked.push(paths);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return fetchFromDisk(paths);
    };
    await Promise.all([cache.fill(['/ws/api/Dockerfile'], fetch), cache.fill(['/ws/api/Dockerfile', '/ws/api'], fetch)]);
    assert.deepEqual(asked, [['/ws/api/Dockerfile'], ['/ws/api']]);
  });

  it('the loop of the browser engine: runs until nothing new is wanted, and ends with the problems of a lint on disk', async () => {
    const cache = new FileCache();
    const runs: string[][] = [];
    let problems: Problem[] = [];
    for (let run = 1; run <= 8; run++) {
      problems = lint('/ws/compose.yaml', compose, { workspace: cache.workspace(root, (p) => (p === '/ws/compose.yaml' ? compose : undefined)) }).problems;
      const wanted = cache.takeWanted();
      runs.push(wanted);
      if (wanted.length === 0) break;
      await cache.fill(wanted, fetchFromDisk);
    }
    assert.deepEqual(runs.at(-1), [], 'the last run wants nothing');
    assert.ok(runs.length >= 2 && runs.length <= 4, `${runs.length} runs`);
    assert.ok(runs[0]!.includes('/ws/api/Dockerfile'), 'the first run asks for the linked Dockerfile');
    const files = Object.fromEntries(Object.entries(disk).filter(([, f]) => f.type === 'file').map(([p, f]) => [p, f.text!]));
    const onDisk = lint('/ws/compose.yaml', compose, { workspace: memoryWorkspace(files) }).problems;
    assert.deepEqual(brief(problems), brief(onDisk));
    assert.ok(problems.some((p) => p.ruleId === 'compose/secret-in-environment' && p.fixes.some((f) => f.title.includes('secrets/db_password.txt'))), brief(problems).join('\n'));
  });
});

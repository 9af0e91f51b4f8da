/**
 * How the CLI hands its report over: written whole to a file or a pipe, a reader that goes away early is not an
 * error, and the Dockerfile quick fixes that live in a bundle of their own (dist/cli-dockerfile-language-service.js)
 * are found by the real executable.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { allRules } from '../../engine/src/index';
import { bin, cli, removeProject, tempProject } from './helpers';
import { source } from '../lib/yaml-tag';

/** Enough services that the JSON report is far larger than a pipe's buffer (64 KiB). */
function manyServices(count: number): string {
  let text = 'services:\n';
  for (let i = 0; i < count; i++) text += `  svc${i}:\n    image: nginx:1.27\n`;
  return text;
}

describe('the CLI output', () => {
  const project = tempProject({
    'compose.yaml': manyServices(400),
    'api/Dockerfile': 'FROM node:22-alpine as build\nHEALTHCHECK --intervall=30s CMD wget -qO- http://localhost:3000/ || exit 1\n',
  });
  after(() => removeProject(project));

  it('is written whole to a file', () => {
    const target = path.join(project, 'report.json');
    const fd = fs.openSync(target, 'w');
    try {
      const child = spawn(process.execPath, [bin, 'check', '--format', 'json', '--fail-on', 'warning', 'compose.yaml'], { cwd: project, stdio: ['ignore', fd, 'pipe'] });
      return new Promise<void>((resolve, reject) => {
        let stderr = '';
        child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (status) => {
          try {
            assert.equal(status, 1, stderr);
            assert.equal(stderr, '');
            const report = JSON.parse(fs.readFileSync(target, 'utf8')) as { files: { problems: unknown[] }[] };
            assert.ok(fs.statSync(target).size > 256 * 1024, `report of ${fs.statSync(target).size} bytes`);
            assert.equal(report.files[0].problems.length, 4 * 400);
            resolve();
          } catch (error) {
            reject(error);
          }
        });
      });
    } finally {
      fs.closeSync(fd);
    }
  });

  it('stops quietly when the reader goes away (`docker-harden check | head -c 100`)', async () => {
    const child = spawn(process.execPath, [bin, 'check', '--format', 'json', '--fail-on', 'warning', 'compose.yaml'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let received = 0;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', (chunk: Buffer) => {
      received = chunk.length;
      child.stdout.destroy();
    });
    const status = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    assert.ok(received > 0);
    assert.equal(stderr, '', 'no EPIPE error or stack trace');
    assert.equal(status, 1, 'the exit code still says problems were found');
  });

  it('offers the Dockerfile syntax fixes of dockerfile-language-service (a bundle of its own)', () => {
    const run = cli(['fix', '--unsafe', '--dry-run', 'api/Dockerfile'], project);
    assert.equal(run.stderr, '3 fixes would change 1 file (dry run: nothing written).\n');
    assert.equal(
      run.stdout,
      [
        '--- a/api/Dockerfile',
        '+++ b/api/Dockerfile',
        '@@ -1,2 +1,3 @@',
        '-FROM node:22-alpine as build',
        '-HEALTHCHECK --intervall=30s CMD wget -qO- http://localhost:3000/ || exit 1',
        '+FROM node:22-alpine AS build',
        '+USER node',
        '+HEALTHCHECK --interval=30s CMD wget -qO- http://localhost:3000/ || exit 1',
        '',
      ].join('\n'),
    );
  });

  it('DOCKER_HARDEN_TIMING=all adds the time of every rule to stderr, and changes nothing on stdout', () => {
    const plain = cli(['check', '--format', 'json', 'compose.yaml', 'api/Dockerfile'], project);
    const timed = cli(['check', '--format', 'json', 'compose.yaml', 'api/Dockerfile'], project, { DOCKER_HARDEN_TIMING: 'all' });
    assert.deepEqual([timed.status, timed.stdout], [plain.status, plain.stdout]);
    assert.equal(plain.stderr, '');
    const lines = timed.stderr.trimEnd().split('\n');
    assert.match(lines[0], /^Rule +\| Time \(ms\) \| Relative$/);
    assert.match(lines[1], /^:-+\|-+:\|-+:$/);
    assert.equal(lines[1].length, lines[0].length, 'the separator spans the header');
    assert.match(lines[lines.length - 1], /^Total \d+\.\d ms$/);
    const rows = lines.slice(2, -1).map((line) => /^(\S+) +\| +(\d+\.\d) \| +(\d+\.\d)%$/.exec(line));
    assert.ok(rows.every((row) => row !== null), timed.stderr);
    const ids = rows.map((row) => row![1]).sort();
    const enabled = allRules.filter((rule) => !rule.meta.strict).map((rule) => rule.meta.id);
    // Every rule that ran on the two files, and the parsing of both.
    assert.deepEqual(ids, ['(parse)', ...enabled].sort());
    const times = rows.map((row) => Number(row![2]));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'slowest first');
  });

  it('DOCKER_HARDEN_TIMING=N shows the N slowest rules', () => {
    const timed = cli(['check', '--format', 'json', 'compose.yaml'], project, { DOCKER_HARDEN_TIMING: '2' });
    const lines = timed.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 2 + 2 + 2, timed.stderr);
    assert.match(lines[4], /^\(\d+ more; DOCKER_HARDEN_TIMING=all shows every rule\)$/);
  });

  it("writes nothing of yaml's own warnings (a collection as a key) to stderr", () => {
    const dir = tempProject({ 'compose.yaml': source`
      services:
        db:
          ? [complex, key]
          : value
          image: mariadb:10.6.4-focal
    ` });
    try {
      const run = cli(['check', '--format', 'json', 'compose.yaml'], dir);
      assert.equal(run.stderr, '');
      assert.equal(run.status, 1, 'the key is a schema error');
    } finally {
      removeProject(dir);
    }
  });
});

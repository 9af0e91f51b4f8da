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
import { bin, cli, removeProject, tempProject } from './helpers';

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
});

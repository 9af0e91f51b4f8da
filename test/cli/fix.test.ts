/** `docker-harden fix` and `docker-harden harden`: exact written text, dry runs that write nothing, secrets files. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../cli/src/cli';
import { source } from '../lib/yaml-tag';
import { cli, exampleDir, onlyRulesConfig, removeProject, snapshot, tempProject } from './helpers';

const made: string[] = [];
after(() => made.forEach(removeProject));
function project(files: Record<string, string>): string {
  const dir = tempProject(files);
  made.push(dir);
  return dir;
}

const COMPOSE = source`
  # My stack
  version: "3.8"

  services:
    web:  # the web tier
      build: ./app
      environment:
        DB_PASSWORD: hunter2
`;
const DOCKERFILE = source`
  FROM node:22-alpine
  # start the server
  CMD node server.js
`;
const KEEP = ['compose/obsolete-version', 'compose/secret-in-environment', 'dockerfile/json-args'];

function fixture(): string {
  return project({ 'docker-compose.yml': COMPOSE, 'app/Dockerfile': DOCKERFILE, '.docker-harden.yaml': onlyRulesConfig(KEEP) });
}

const FIXED_COMPOSE = source`
  # My stack
  services:
    web:  # the web tier
      build: ./app
      environment:
        DB_PASSWORD: hunter2
`;
const FIXED_DOCKERFILE = source`
  FROM node:22-alpine
  # start the server
  CMD ["node", "server.js"]
`;

describe('fix', () => {
  it('writes the exact fixed text of every file (comments kept), prints a summary and what is left', () => {
    const dir = fixture();
    const run = cli(['fix'], dir);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        'Applied 2 fixes, changed 2 files.',
        '  fixed app/Dockerfile',
        '  fixed docker-compose.yml',
        '',
        'docker-compose.yml',
        '  6:7  error  "DB_PASSWORD" holds a secret written in the compose file; move it to a Docker secret.  compose/secret-in-environment',
        '',
        '✖ 1 problem (1 error, 0 warnings, 0 infos)',
        '  1 problem fixable with `docker-harden fix --unsafe`',
        '',
      ].join('\n'),
    );
    assert.equal(run.status, 1, 'the literal secret (unsafe fix only) is left, an error');
    assert.equal(fs.readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8'), FIXED_COMPOSE);
    assert.equal(fs.readFileSync(path.join(dir, 'app/Dockerfile'), 'utf8'), FIXED_DOCKERFILE);

    // A second run finds nothing more to fix and changes nothing.
    const before = snapshot(dir);
    const again = cli(['fix'], dir);
    assert.match(again.stdout, /^Nothing to fix\.\n/);
    assert.deepEqual(snapshot(dir), before);
  });

  it('--dry-run prints a unified diff and writes nothing', () => {
    const dir = fixture();
    const before = snapshot(dir);
    const run = cli(['fix', '--dry-run'], dir);
    assert.deepEqual(snapshot(dir), before, 'no file changed, none created');
    assert.equal(run.status, 1, 'the secret would be left');
    assert.equal(run.stderr, '2 fixes would change 2 files (dry run: nothing written).\n');
    assert.equal(
      run.stdout,
      [
        '--- a/app/Dockerfile',
        '+++ b/app/Dockerfile',
        '@@ -1,3 +1,3 @@',
        ' FROM node:22-alpine',
        ' # start the server',
        '-CMD node server.js',
        '+CMD ["node", "server.js"]',
        '--- a/docker-compose.yml',
        '+++ b/docker-compose.yml',
        '@@ -1,6 +1,4 @@',
        ' # My stack',
        '-version: "3.8"',
        '-',
        ' services:',
        '   web:  # the web tier',
        '     build: ./app',
        '',
      ].join('\n'),
    );
    // The diff applies (jsdiff's own parser and applier): the old files become exactly what `fix` writes.
    const { parsePatch, applyPatch } = require('diff') as typeof import('diff');
    const originals: Record<string, string> = { 'docker-compose.yml': COMPOSE, 'app/Dockerfile': DOCKERFILE };
    const patches = parsePatch(run.stdout);
    assert.deepEqual(patches.map((p) => p.newFileName), ['b/app/Dockerfile', 'b/docker-compose.yml']);
    const results = patches.map((p) => applyPatch(originals[p.oldFileName!.replace(/^a\//, '')], p));
    assert.deepEqual(results, [FIXED_DOCKERFILE, FIXED_COMPOSE]);
  });

  it('--unsafe converts the secret: a 0644 secrets file in a 0700 folder, .gitignore entry, and the value never printed', () => {
    const dir = fixture();
    const dry = cli(['fix', '--unsafe', '--dry-run'], dir);
    // The removed compose line shows the value (it is in the file already); no added line does.
    assert.deepEqual(dry.stdout.split('\n').filter((line) => line.startsWith('+') && line.includes('hunter2')), [], 'the secrets file content is not shown');
    assert.match(dry.stdout, /^\+\+\+ b\/secrets\/db_password\.txt\n@@ \(7 characters, mode 0644, content not shown\) @@$/m);
    assert.ok(!fs.existsSync(path.join(dir, 'secrets')));

    const run = cli(['fix', '--unsafe'], dir);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.ok(!(run.stdout + run.stderr).includes('hunter2'), 'the value is not printed');
    assert.match(run.stdout, /^ {2}created secrets\/db_password\.txt \(mode 0644\)$/m);
    const secretFile = path.join(dir, 'secrets', 'db_password.txt');
    assert.equal(fs.readFileSync(secretFile, 'utf8'), 'hunter2');
    assert.equal(fs.statSync(secretFile).mode & 0o777, 0o644);
    assert.equal(fs.statSync(path.dirname(secretFile)).mode & 0o777, 0o700);
    const compose = fs.readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8');
    assert.ok(!compose.includes('hunter2'));
    assert.ok(compose.includes('/run/secrets/db_password'));
    assert.ok(compose.startsWith(source`
      # My stack
      services:
        web:  # the web tier
    `), 'comments kept');
    assert.ok(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8').split('\n').includes('secrets/'));
    assert.equal(fs.readFileSync(path.join(dir, 'app/Dockerfile'), 'utf8'), FIXED_DOCKERFILE);
  });

  it('--unsafe on environment values written as block scalars ends without an internal error (fuzz seed 1: "overlapping edits", exit 2)', async () => {
    const compose = source`
      services:
        app0:
          image: nginx:1.27
          environment:
            # settings
            - |4-
                DB_PASSWORD=.--H-$3-95f
            - |-
              LOG_LEVEL=- dash
        app1:
          image: nginx:1.27
          environment:
            # settings
            API_TOKEN: |-
              pa$$word
        app2:
          image: nginx:1.27
          environment:
            - 'DB_PASSWORD=s3cr3t-Value_1'
    `;
    const dir = project({ 'compose.yaml': compose, '.docker-harden.yaml': onlyRulesConfig(['compose/secret-in-environment']) });
    const err: string[] = [];
    // In process: the case is about the engine, not the bundle.
    const code = await runCli(['fix', '--unsafe', '.'], { cwd: dir, out: () => undefined, err: (text) => void err.push(text), isTTY: false, env: {} });
    assert.equal(err.join(''), '');
    // `$3` is left to the user (a `$` the conversion does not read); the other two are converted.
    assert.equal(code, 1);
    const converted =
      source`
              API_TOKEN_FILE: /run/secrets/api_token
            secrets:
              - api_token
          app2:
            image: nginx:1.27
            environment:
              - 'DB_PASSWORD_FILE=/run/secrets/db_password'
            secrets:
              - db_password

        secrets:
          api_token:
            file: ./secrets/api_token.txt
          db_password:
            file: ./secrets/db_password.txt
      `;
    assert.equal(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'), compose.slice(0, compose.indexOf('      API_TOKEN')) + converted);
    assert.equal(fs.readFileSync(path.join(dir, 'secrets', 'api_token.txt'), 'utf8'), 'pa$word');
    assert.equal(fs.readFileSync(path.join(dir, 'secrets', 'db_password.txt'), 'utf8'), 's3cr3t-Value_1');
  });

  it('with --format json the summary goes to stderr and stdout is the report of what is left', () => {
    const dir = fixture();
    const run = cli(['fix', '--format', 'json'], dir);
    assert.equal(run.stderr, source`
      Applied 2 fixes, changed 2 files.
        fixed app/Dockerfile
        fixed docker-compose.yml
    `);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(
      report.files.map((f: { path: string; problems: { ruleId: string }[] }) => [f.path, f.problems.map((p) => p.ruleId)]),
      [
        ['app/Dockerfile', []],
        ['docker-compose.yml', ['compose/secret-in-environment']],
      ],
    );
  });

  it('fixes only the files it is given', () => {
    const dir = fixture();
    const run = cli(['fix', 'app/Dockerfile'], dir);
    assert.equal(run.status, 0);
    assert.equal(fs.readFileSync(path.join(dir, 'app/Dockerfile'), 'utf8'), FIXED_DOCKERFILE);
    assert.equal(fs.readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8'), COMPOSE);
  });

  it('leaves a file that does not parse as it is', () => {
    const broken = source`
      version: "3.8"
      services:
        web:
          image: [nginx
    `;
    const dir = project({ 'docker-compose.yml': broken });
    const run = cli(['fix', '--unsafe'], dir);
    assert.equal(run.status, 1);
    assert.equal(fs.readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8'), broken);
  });
});

describe('harden', () => {
  function exampleCopy(): string {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-example-')));
    fs.cpSync(exampleDir, dir, { recursive: true });
    made.push(dir);
    return dir;
  }

  it('--dry-run prints the diff of every file it would change and writes nothing', () => {
    const dir = exampleCopy();
    const before = snapshot(dir);
    const run = cli(['harden', 'docker-compose.yml', '--service', 'ai_server', '--dry-run'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(snapshot(dir), before);
    // The summary, then what the fixes rest on without evidence: a root-owned WORKDIR, the app's memory, the app reading
    // ADMIN_PASSWORD_FILE.
    assert.match(
      run.stderr,
      /^\d+ fixes would change \d+ files \(dry run: nothing written\)\.\nUnverified: these fixes rest on facts nothing in the project shows:\n {2}docker-compose\.yml: Create a non-root user "app" and switch to it in backend\/ai_server\/Dockerfile: verify the app writes nothing under \/app \(owned by root; "app" cannot write there\)\n {2}docker-compose\.yml: Add resource limits \(1\.0 CPU, 512M\): verify "ai_server" runs within 512M of memory\n {2}docker-compose\.yml: Convert "ADMIN_PASSWORD" to a Docker secret \(file secrets\/admin_password\.txt\): verify "ai_server" reads ADMIN_PASSWORD_FILE\n$/,
    );
    const files = [...run.stdout.matchAll(/^\+\+\+ b\/(.+)$/gm)].map((m) => m[1]);
    assert.ok(files.includes('docker-compose.yml'), files.join(', '));
    assert.ok(files.includes('backend/ai_server/Dockerfile'), 'the service\'s Dockerfile too');
    assert.ok(!files.includes('backend/api_server/Dockerfile'), 'not other services\' Dockerfiles');
    assert.deepEqual(run.stdout.split('\n').filter((line) => line.startsWith('+') && line.includes('admin123')), [], 'the secrets file content is not printed');
    // Only ai_server's part of the compose file changes.
    const composeDiff = run.stdout.slice(run.stdout.indexOf('+++ b/docker-compose.yml'));
    const changed = composeDiff.split('\n').filter((line) => /^[-+]/.test(line) && !/^(\+\+\+|---)/.test(line));
    assert.ok(changed.length > 0);
    assert.ok(!changed.some((line) => line.includes('redis:7-alpine') || line.includes('prom/prometheus')));
  });

  it('writes the files, and the hardened service has no fixable problem left but the wait that needs another service\'s healthcheck', () => {
    const dir = exampleCopy();
    const run = cli(['harden', 'docker-compose.yml', '-s', 'ai_server'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Applied \d+ fixes, changed \d+ files\.\n(  (fixed|created) .+\n)+$/);
    assert.match(run.stdout, /^ {2}fixed docker-compose\.yml$/m);
    const secret = path.join(dir, 'secrets', 'admin_password.txt');
    assert.equal(fs.readFileSync(secret, 'utf8'), 'admin123');
    assert.equal(fs.statSync(secret).mode & 0o777, 0o644);
    assert.equal(fs.statSync(path.dirname(secret)).mode & 0o777, 0o700);
    const report = JSON.parse(cli(['check', '--format', 'json', 'docker-compose.yml'], dir).stdout);
    const compose = fs.readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8');
    const aiStart = compose.indexOf('  ai_server:');
    const aiEnd = compose.indexOf('\n  prometheus:');
    const lineOf = (offset: number) => compose.slice(0, offset).split('\n').length;
    const left = report.files[0].problems.filter(
      (p: { line: number; fix: unknown }) => p.line >= lineOf(aiStart) && p.line < lineOf(aiEnd) && p.fix !== null,
    );
    // Waiting for a healthy redis comes with redis's healthcheck, in one fix: hardening ai_server alone leaves it.
    assert.deepEqual(left.map((p: { ruleId: string; message: string }) => [p.ruleId, p.message]), [
      ['compose/depends-on-healthy', '"ai_server" starts as soon as "redis" is created, not when it is healthy; use `condition: service_healthy`.'],
    ]);
  });

  it('an unknown service, a Dockerfile or a folder is exit 2 with one line', () => {
    const dir = exampleCopy();
    const unknown = cli(['harden', 'docker-compose.yml', '--service', 'db'], dir);
    assert.deepEqual([unknown.status, unknown.stdout], [2, '']);
    assert.equal(unknown.stderr, 'docker-harden: unknown service "db" in docker-compose.yml (services: redis, api_server, ai_server, prometheus, frontend)\n');
    const dockerfile = cli(['harden', 'backend/ai_server/Dockerfile'], dir);
    assert.deepEqual([dockerfile.status, dockerfile.stderr], [2, 'docker-harden: backend/ai_server/Dockerfile: not a compose file (harden works on compose files)\n']);
    const missing = cli(['harden', 'compose.yaml'], dir);
    assert.deepEqual([missing.status, missing.stderr], [2, 'docker-harden: compose.yaml: no such file or folder\n']);
    assert.equal(cli(['harden', 'docker-compose.yml', '--format', 'json'], dir).status, 2);
  });
});

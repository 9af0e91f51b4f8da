/**
 * `fix --unsafe` never drops a secret's value: a `secrets/<name>.txt` already there with other content is left as it
 * is and the value goes to `<name>_2.txt`; a `secrets` folder that links out of the project, or that cannot be
 * written, gets nothing and the compose file keeps the value. Temporary folders only (the "outside" folder too).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { bin, cli, onlyRulesConfig, removeProject, tempProject } from './helpers';
import { source } from '../lib/yaml-tag';

const COMPOSE = source`
  services:
    db:
      image: postgres:16
      environment:
        DB_PASSWORD: s3cret-value
`;
const CONFIG = onlyRulesConfig(['compose/secret-in-environment']);

const made: string[] = [];
after(() => made.forEach(removeProject));

function project(files: Record<string, string> = {}): string {
  const dir = tempProject({ 'compose.yaml': COMPOSE, '.docker-harden.yaml': CONFIG, ...files });
  made.push(dir);
  return dir;
}

function outsideFolder(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-outside-')));
  made.push(dir);
  return dir;
}

describe('fix --unsafe: where a secret goes', () => {
  it('secrets/<name>.txt holds something else: kept as it is, the value goes to <name>_2.txt', () => {
    const dir = project({ 'secrets/db_password.txt': 'an older value' });
    const run = cli(['fix', '--unsafe', '.'], dir);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'secrets', 'db_password.txt'), 'utf8'), 'an older value');
    assert.equal(fs.readFileSync(path.join(dir, 'secrets', 'db_password_2.txt'), 'utf8'), 's3cret-value');
    const compose = fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8');
    assert.match(compose, /DB_PASSWORD_FILE: \/run\/secrets\/db_password_2\n/);
    assert.match(compose, /^ {2}db_password_2:\n {4}file: \.\/secrets\/db_password_2\.txt$/m);
  });

  it('secrets/<name>.txt holds exactly the value: reused, nothing else created there', () => {
    const dir = project({ 'secrets/db_password.txt': 's3cret-value' });
    const run = cli(['fix', '--unsafe', '.'], dir);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'secrets')), ['db_password.txt']);
    assert.match(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'), /file: \.\/secrets\/db_password\.txt\n/);
  });

  it('secrets/<name>.txt is a dangling link: left alone, the value goes to <name>_2.txt', () => {
    const dir = project();
    const outside = outsideFolder();
    fs.mkdirSync(path.join(dir, 'secrets'));
    fs.symlinkSync(path.join(outside, 'target.txt'), path.join(dir, 'secrets', 'db_password.txt'));
    const run = cli(['fix', '--unsafe', '.'], dir);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'secrets', 'db_password_2.txt'), 'utf8'), 's3cret-value');
    assert.deepEqual(fs.readdirSync(outside), [], 'nothing written through the link');
  });

  it('a `secrets` folder that links out of the project: no conversion, the value stays in compose.yaml', () => {
    const dir = project();
    const outside = outsideFolder();
    fs.symlinkSync(outside, path.join(dir, 'secrets'));
    const run = cli(['fix', '--unsafe', '.'], dir);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['.docker-harden.yaml', 'compose.yaml', 'secrets'], 'no .gitignore or .dockerignore either');
    assert.equal(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'), COMPOSE);
    assert.deepEqual(fs.readdirSync(outside), []);
    assert.ok(!(run.stdout + run.stderr).includes('s3cret-value'));
  });

  it('a `secrets` folder that cannot be written: no conversion, the value stays in compose.yaml', () => {
    const dir = project();
    const secrets = path.join(dir, 'secrets');
    fs.mkdirSync(secrets);
    // Root writes anywhere: the run is then made as an unprivileged user who owns the project.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      for (const entry of [dir, secrets, path.join(dir, 'compose.yaml'), path.join(dir, '.docker-harden.yaml')]) fs.chownSync(entry, 65534, 65534);
    }
    fs.chmodSync(secrets, 0o500);
    const run = spawnSync(process.execPath, [bin, 'fix', '--unsafe', '.'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', HOME: dir, DOCKER_HARDEN_NO_CODE_CACHE: '1' },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      timeout: 120_000,
    });
    fs.chmodSync(secrets, 0o700);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'), COMPOSE);
    assert.deepEqual(fs.readdirSync(secrets), []);
  });
});

/**
 * No secret value in anything the CLI prints: `fix --dry-run` and `harden --dry-run` mask a moved value in every
 * spelling YAML allows (`$$`, escapes, '' quotes, block scalars, \u, \"), and nothing else (an image name holding
 * the same characters stays as it is); `check` in every format and `fix --dry-run --format json` never show one.
 * Each value carries a marker (Q1...Q8) that must appear nowhere in the output.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cli, onlyRulesConfig, removeProject, snapshot, tempProject } from './helpers';
import { source } from '../lib/yaml-tag';

const COMPOSE = [
  'services:',
  '  web:',
  '    image: ghcr.io/acme-ngx/acme-ngx:latest',
  '    environment:',
  '      A_PASSWORD: pa$$word-Q1',
  '      B_TOKEN: "tok\\x5fsecret-Q2"',
  "      C_SECRET: 'it''s-secret-Q3'",
  '      D_PASSWORD: |',
  '        block-secret-Q4',
  '        second-line-Q4',
  '      E_API_KEY: "caf\\u00e9-Q5"',
  '      F_PASSWORD: "quote\\"Q6"',
  '      H_PASSWORD: acme-ngx',
  '      LOG_LEVEL: info',
  '  worker:',
  '    image: busybox:1.36',
  '    environment:',
  '      - "G_TOKEN=list\\x2dQ7"',
  '      - I_SECRET=plain-Q8 # rotate monthly',
  '',
].join('\n');
const MARKERS = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8'];
const DECOY = 'ghcr.io/acme-ngx/acme-ngx:latest';

const made: string[] = [];
after(() => made.forEach(removeProject));

function project(config?: string): string {
  const files: Record<string, string> = { 'compose.yaml': COMPOSE };
  if (config !== undefined) files['.docker-harden.yaml'] = config;
  const dir = tempProject(files);
  made.push(dir);
  return dir;
}

/** No marker in the output, the project's temporary folder name left out (its random letters can spell one: "cli-8ONQ10"). */
function assertNoMarker(text: string, what: string, dir: string): void {
  const shown = text.split(path.basename(dir)).join('<project>');
  for (const marker of MARKERS) assert.ok(!shown.includes(marker), `${what} shows the secret marked ${marker}:\n${text}`);
}

describe('secret values in the output', () => {
  it('fix --unsafe --dry-run masks every spelling on the lines the values leave, and nothing else', () => {
    const dir = project(onlyRulesConfig(['compose/secret-in-environment']));
    const before = snapshot(dir);
    const run = cli(['fix', '--unsafe', '--dry-run', '.'], dir);
    assertNoMarker(run.stdout + run.stderr, 'fix --dry-run', dir);
    const removed = run.stdout.split('\n').filter((line) => line.startsWith('-') && !line.startsWith('---'));
    assert.deepEqual(removed, [
      '-      A_PASSWORD: ***',
      '-      B_TOKEN: ***',
      '-      C_SECRET: ***',
      '-      D_PASSWORD: ***',
      '-        ***',
      '-        ***',
      '-      E_API_KEY: ***',
      '-      F_PASSWORD: ***',
      '-      H_PASSWORD: ***',
      '-      - "G_TOKEN=***',
      '-      - I_SECRET=*** # rotate monthly',
    ]);
    // The decoy: the same characters in the image name are not a secret.
    assert.match(run.stdout, /^ {5}image: ghcr\.io\/acme-ngx\/acme-ngx:latest$/m);
    assert.match(run.stdout, /^\+\+\+ b\/secrets\/a_password\.txt\n@@ \(10 characters, mode 0644, content not shown\) @@$/m);
    assert.deepEqual(snapshot(dir), before, 'a dry run writes nothing');
  });

  it('a value that is also part of an image name: only its own line is masked, the image line stays as it is', () => {
    const dir = tempProject({
      'compose.yaml': source`
        services:
          web:
            image: ghcr.io/acme-ngx/acme-ngx:latest
            environment:
              H_PASSWORD: acme-ngx
      `,
      '.docker-harden.yaml': onlyRulesConfig(['compose/secret-in-environment']),
    });
    made.push(dir);
    const run = cli(['fix', '--unsafe', '--dry-run', '.'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^ {5}image: ghcr\.io\/acme-ngx\/acme-ngx:latest$/m);
    assert.match(run.stdout, /^- {6}H_PASSWORD: \*\*\*$/m);
  });

  it('harden --dry-run masks the same way', () => {
    const dir = project(onlyRulesConfig(['compose/secret-in-environment']));
    const run = cli(['harden', 'compose.yaml', '--dry-run'], dir);
    assert.equal(run.status, 0, run.stderr);
    assertNoMarker(run.stdout + run.stderr, 'harden --dry-run', dir);
    assert.match(run.stdout, /^- {6}A_PASSWORD: \*\*\*$/m);
    assert.ok(run.stdout.includes(DECOY), 'the image name is shown as it is');
  });

  it('harden --dry-run with every rule: nothing of a value, the image name intact', () => {
    const dir = project();
    const run = cli(['harden', 'compose.yaml', '--dry-run'], dir);
    assertNoMarker(run.stdout + run.stderr, 'harden --dry-run (all rules)', dir);
    assert.ok(!run.stdout.includes('***-ngx'), 'the image name was masked');
  });

  for (const format of ['stylish', 'json', 'sarif', 'github']) {
    it(`check --format ${format} shows no value (every rule on)`, () => {
      const dir = project();
      const run = cli(['check', '--format', format, '.'], dir);
      assert.equal(run.status, 1, run.stderr);
      assertNoMarker(run.stdout + run.stderr, `check --format ${format}`, dir);
    });
  }

  it('fix --unsafe --dry-run --format json prints one JSON document: each file with its masked diff, secrets files without content', () => {
    const dir = project(onlyRulesConfig(['compose/secret-in-environment']));
    const before = snapshot(dir);
    const run = cli(['fix', '--unsafe', '--dry-run', '--format', 'json', '.'], dir);
    assert.equal(run.status, 0, run.stderr);
    assertNoMarker(run.stdout + run.stderr, 'fix --dry-run --format json', dir);
    const report = JSON.parse(run.stdout) as { version: number; dryRun: boolean; fixCount: number; files: { path: string; created: boolean; secret?: boolean; mode?: string; diff: string | null }[] };
    assert.equal(report.version, 1);
    assert.equal(report.dryRun, true);
    assert.equal(report.fixCount, 1);
    assert.deepEqual(
      report.files.map((file) => [file.path, file.created, file.secret ?? false, file.mode ?? null, file.diff === null]),
      [
        ['.gitignore', true, false, null, false],
        ['compose.yaml', false, false, null, false],
        ['secrets/a_password.txt', true, true, '0644', true],
        ['secrets/b_token.txt', true, true, '0644', true],
        ['secrets/c_secret.txt', true, true, '0644', true],
        ['secrets/d_password.txt', true, true, '0644', true],
        ['secrets/e_api_key.txt', true, true, '0644', true],
        ['secrets/f_password.txt', true, true, '0644', true],
        ['secrets/g_token.txt', true, true, '0644', true],
        ['secrets/h_password.txt', true, true, '0644', true],
        ['secrets/i_secret.txt', true, true, '0644', true],
      ],
    );
    const compose = report.files.find((file) => file.path === 'compose.yaml')!;
    assert.match(compose.diff!, /^-      A_PASSWORD: \*\*\*$/m);
    assert.ok(compose.diff!.includes(DECOY));
    assert.match(run.stderr, /would change 11 files \(dry run: nothing written\)/);
    assert.deepEqual(snapshot(dir), before, 'a dry run writes nothing');
  });

  it('fix --unsafe (written): the report and the summary show no value; every value is in its own file', () => {
    const dir = project(onlyRulesConfig(['compose/secret-in-environment']));
    const run = cli(['fix', '--unsafe', '--format', 'json', '.'], dir);
    assertNoMarker(run.stdout + run.stderr, 'fix --unsafe --format json', dir);
    const compose = fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8');
    assertNoMarker(compose, 'compose.yaml after the fix', dir);
    assert.ok(compose.includes(DECOY));
    const read = (name: string) => fs.readFileSync(path.join(dir, 'secrets', `${name}.txt`), 'utf8');
    assert.deepEqual(
      ['a_password', 'b_token', 'c_secret', 'd_password', 'e_api_key', 'f_password', 'g_token', 'h_password', 'i_secret'].map(read),
      ['pa$word-Q1', 'tok_secret-Q2', "it's-secret-Q3", 'block-secret-Q4\nsecond-line-Q4\n', 'café-Q5', 'quote"Q6', 'list-Q7', 'acme-ngx', 'plain-Q8'],
    );
  });
});

/**
 * Secret values stay secret: `docker-harden fix --unsafe` moves a literal to `secrets/<name>.txt` created 0644 in a
 * 0700 folder (Compose bind-mounts a file secret with the host file's mode: a non-root container user must read it),
 * git-ignores `secrets/`, and never prints the value; the language server at its most verbose trace never logs it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { serverPath, uriOf } from '../lsp/lsp-client';
import { forbidden, newGuardLog, readGuardLog, runCli, startGuardedServer } from './lib';

const SECRET = 'Xq7-example-s3cret';
const COMPOSE = ['services:', '  db:', '    image: postgres:16', '    environment:', `      POSTGRES_PASSWORD: ${SECRET}`, '      POSTGRES_USER: app', ''].join('\n');

function workspace(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-secrets-')));
  fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
  return dir;
}

describe('secret values', () => {
  it('fix --unsafe writes the value to secrets/*.txt with mode 0644 in a 0700 folder, git-ignores secrets/, prints nothing of it', () => {
    const dir = workspace();
    const log = newGuardLog();
    const outputs: string[] = [];
    // The dry run's diff shows the user's own removed line; what it must not show is the new secrets file's content.
    const dryRun = runCli(['fix', '--unsafe', '--dry-run', '.'], dir, log);
    assert.ok(dryRun.status === 0 || dryRun.status === 1, `fix --unsafe --dry-run: exit ${dryRun.status}\n${dryRun.stderr}`);
    const added = dryRun.stdout.split('\n').filter((line) => line.startsWith('+') && line.includes(SECRET));
    assert.deepEqual(added, [], 'the dry run shows the secret in an added line');
    assert.ok(!fs.existsSync(path.join(dir, 'secrets')), 'the dry run wrote secrets/');
    for (const args of [['check', '.'], ['check', '--format', 'json', '.'], ['check', '--format', 'sarif', '.'], ['fix', '--unsafe', '.']]) {
      const result = runCli(args, dir, log);
      assert.ok(result.status === 0 || result.status === 1, `${args.join(' ')}: exit ${result.status}\n${result.stderr}`);
      outputs.push(result.stdout, result.stderr);
    }
    for (const output of outputs) assert.ok(!output.includes(SECRET), `the secret value was printed:\n${output}`);
    const compose = fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8');
    assert.ok(!compose.includes(SECRET), `the value is still in compose.yaml:\n${compose}`);
    const secretFiles = fs.readdirSync(path.join(dir, 'secrets')).filter((f) => f.endsWith('.txt'));
    assert.equal(secretFiles.length, 1, `secrets/: ${secretFiles.join(', ')}`);
    const secretFile = path.join(dir, 'secrets', secretFiles[0]);
    assert.equal(fs.statSync(secretFile).mode & 0o777, 0o644, `mode ${(fs.statSync(secretFile).mode & 0o777).toString(8)}`);
    assert.equal(fs.statSync(path.dirname(secretFile)).mode & 0o777, 0o700, `folder mode ${(fs.statSync(path.dirname(secretFile)).mode & 0o777).toString(8)}`);
    assert.equal(fs.readFileSync(secretFile, 'utf8').trim(), SECRET);
    const gitignore = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
    assert.ok(gitignore.split(/\r?\n/).some((line) => line.trim() === 'secrets/' || line.trim() === 'secrets'), `.gitignore:\n${gitignore}`);
    assert.deepEqual(forbidden(readGuardLog(log)), []);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the language server never logs the value, even at verbose trace', { skip: !fs.existsSync(serverPath) && 'dist/server.js not built' }, async () => {
    const dir = workspace();
    const log = newGuardLog();
    const client = await startGuardedServer(log, { workspaceFolder: dir, settings: { trace: { server: 'verbose' }, 'trace.server': 'verbose' } });
    const traces: string[] = [];
    client.connection.onNotification('$/logTrace', (params: { message: string; verbose?: string }) => {
      traces.push(`${params.message}\n${params.verbose ?? ''}`);
    });
    try {
      await client.connection.sendNotification('$/setTrace', { value: 'verbose' });
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { dockerHarden: { trace: { server: 'verbose' } } } });
      const uri = uriOf(path.join(dir, 'compose.yaml'));
      client.open(uri, 'dockercompose', COMPOSE);
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'compose/secret-in-environment'), 30_000);
      for (const diagnostic of diagnostics) {
        const actions = (await client.codeActions(uri, diagnostic.range, [diagnostic])) as CodeAction[];
        for (const action of actions) {
          if (action.command) await client.request('workspace/executeCommand', action.command).catch(() => undefined);
        }
      }
      await client.request('dockerHarden/hardenService', { uri, services: [] });
      client.change(uri, COMPOSE.replace('POSTGRES_USER: app', 'POSTGRES_USER: app2'));
      await client.waitForDiagnostics(uri, () => true, 30_000);
    } finally {
      await client.stop();
    }
    const lines = [...client.logs.map((l) => l.message), ...traces, client.stderr];
    // The trace was on: there is something to search.
    assert.ok(client.logs.length + traces.length > 0, 'no log line at verbose trace');
    const leaking = lines.filter((line) => line.includes(SECRET));
    assert.deepEqual(leaking, [], 'a log line contains the secret value');
    assert.deepEqual(forbidden(readGuardLog(log)), []);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

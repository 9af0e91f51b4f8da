/**
 * The CLI and the language server spawn no child process and touch no network, over the example workspace
 * (check, fix, fix --unsafe, harden; an LSP session with diagnostics, code actions, code lenses and Harden service).
 * guard.cjs is preloaded into them: it refuses and records any attempt, and records every file path they access.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { exampleRoot, serverPath, uriOf } from '../lsp/lsp-client';
import { accessesOutside, copyToTemp, forbidden, newGuardLog, readGuardLog, runCli, startGuardedServer } from './lib';

describe('offline: no child process, no network', () => {
  it('the CLI over the example workspace: check, fix, fix --unsafe, harden', () => {
    const workspace = copyToTemp(exampleRoot);
    const log = newGuardLog();
    const runs = [
      ['check', '.'],
      ['check', '--format', 'sarif', '.'],
      ['fix', '--dry-run', '.'],
      ['fix', '.'],
      ['fix', '--unsafe', '.'],
      ['harden', 'docker-compose.yml'],
    ];
    for (const args of runs) {
      const result = runCli(args, workspace, log);
      assert.ok(result.status === 0 || result.status === 1, `docker-harden ${args.join(' ')}: exit ${result.status}\n${result.stderr}`);
    }
    const records = readGuardLog(log);
    assert.deepEqual(forbidden(records), []);
    // The guard did see the CLI work (so an empty list above means something).
    assert.ok(records.some((r) => r.kind === 'fs.read' && r.detail.endsWith('docker-compose.yml')), 'the guard recorded no read of the compose file');
    assert.deepEqual(accessesOutside(records, workspace, log), []);
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('the language server through an LSP session', { skip: !fs.existsSync(serverPath) && 'dist/server.js not built' }, async () => {
    const workspace = copyToTemp(exampleRoot);
    const log = newGuardLog();
    const client = await startGuardedServer(log, { workspaceFolder: workspace });
    try {
      const composeUri = uriOf(path.join(workspace, 'docker-compose.yml'));
      const dockerfiles = fs.readdirSync(workspace, { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f) === 'Dockerfile');
      client.open(composeUri, 'dockercompose', fs.readFileSync(path.join(workspace, 'docker-compose.yml'), 'utf8'));
      for (const file of dockerfiles) client.open(uriOf(path.join(workspace, file)), 'dockerfile', fs.readFileSync(path.join(workspace, file), 'utf8'));
      const diagnostics = await client.waitForDiagnostics(composeUri, (d) => d.length > 0, 30_000);
      for (const diagnostic of diagnostics.slice(0, 20)) {
        const actions = (await client.codeActions(composeUri, diagnostic.range, [diagnostic])) as CodeAction[];
        assert.ok(Array.isArray(actions));
      }
      await client.codeActions(composeUri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [] as Diagnostic[], ['source.fixAll']);
      await client.request('textDocument/codeLens', { textDocument: { uri: composeUri } });
      await client.request('dockerHarden/hardenService', { uri: composeUri, services: [] });
      for (const file of dockerfiles) {
        await client.request('textDocument/hover', { textDocument: { uri: uriOf(path.join(workspace, file)) }, position: { line: 0, character: 2 } });
      }
      assert.equal(client.process.exitCode, null);
    } finally {
      await client.stop();
    }
    const records = readGuardLog(log);
    assert.deepEqual(forbidden(records), []);
    assert.deepEqual(accessesOutside(records, workspace, log), []);
    fs.rmSync(workspace, { recursive: true, force: true });
  });
});

/**
 * The server over both transports the clients use: `--node-ipc` (how the VS Code client starts it) and `--stdio`
 * (Neovim and every other client), each answering initialize with the capabilities it was built with, and linting.
 */
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { exampleRoot, onlyRules, serverPath, TestClient, uriOf, vscodeCapabilities, waitFor } from './lsp-client';

const composePath = path.join(exampleRoot, 'docker-compose.yml');

describe('transports', () => {
  it('--node-ipc: initialize, then diagnostics for the example', async () => {
    const child = fork(serverPath, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published = new Map<string, PublishDiagnosticsParams>();
    connection.onNotification('textDocument/publishDiagnostics', (params: unknown) => {
      const diagnostics = params as PublishDiagnosticsParams;
      published.set(diagnostics.uri, diagnostics);
    });
    connection.onRequest('workspace/configuration', (params: unknown) =>
      (params as { items: unknown[] }).items.map(() => onlyRules(['compose/healthcheck'])),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    try {
      const result = (await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: uriOf(exampleRoot),
        workspaceFolders: [{ uri: uriOf(exampleRoot), name: 'vrecommendation' }],
        capabilities: vscodeCapabilities,
      })) as InitializeResult;
      assert.deepEqual(result.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.dockerHarden'] });
      assert.deepEqual(result.capabilities.codeLensProvider, { resolveProvider: false });
      assert.equal(result.capabilities.executeCommandProvider, undefined, 'literal-capable clients get no server command');
      assert.equal(result.serverInfo?.name, 'docker-harden');
      await connection.sendNotification('initialized', {});
      const uri = uriOf(composePath);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockercompose', version: 1, text: fs.readFileSync(composePath, 'utf8') } });
      const params = await waitFor(() => published.get(uri), 10_000, 'diagnostics over IPC');
      assert.deepEqual(params.diagnostics.map((d) => [d.code, d.range.start.line]), [
        ['compose/healthcheck', 5], ['compose/healthcheck', 37], ['compose/healthcheck', 57], ['compose/healthcheck', 73],
      ]);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await waitFor(() => (child.exitCode !== null ? child.exitCode : undefined), 5000, 'server exit');
      assert.equal(child.exitCode, 0);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });

  it('--stdio, a minimal client (no workspace folders, no configuration, no code lens, no dynamic registration)', async () => {
    const client = await TestClient.start({ capabilities: { textDocument: { codeAction: {} } } });
    try {
      const uri = uriOf(composePath);
      client.open(uri, 'yaml', fs.readFileSync(composePath, 'utf8'));
      const diagnostics = await client.waitForDiagnostics(uri);
      assert.ok(diagnostics.length > 0);
      assert.ok(diagnostics.every((d) => d.codeDescription === undefined && d.tags === undefined), 'no links or tags the client did not ask for');
      assert.deepEqual(client.registrations, []);
      assert.deepEqual(client.configurationRequests, []);
      // Settings pushed with didChangeConfiguration are used.
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { dockerHarden: onlyRules(['compose/obsolete-version']) } });
      const after = await client.waitForDiagnostics(uri, (d) => d.every((x) => x.code === 'compose/obsolete-version'));
      assert.deepEqual(after.map((d) => [d.code, d.range.start.line]), [['compose/obsolete-version', 1]]);
    } finally {
      await client.stop();
    }
  });
});

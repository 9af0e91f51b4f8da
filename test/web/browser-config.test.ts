/**
 * `.docker-harden.yaml` in the browser build (issue 22): the browser server in a Worker finds the project's config
 * through the client (dockerHarden/readFiles), as the Node server finds it on disk, and applies it from the first
 * diagnostics it publishes: a lint made before the config arrived is dropped, never shown. Cases: the config beside
 * the compose file, the config in the workspace folder above a compose file in a subfolder, and no config (the
 * rule's problems stay). Each is compared with the Node server on the same folder on disk.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { createProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { repoRoot, TestClient, uriOf, vscodeCapabilities, waitFor } from '../lsp/lsp-client';
import { readFromDisk, settled } from './lib/client';
import { BOOTSTRAP, WorkerReader, WorkerWriter } from './lib/worker';

const bundlePath = path.join(repoRoot, 'dist', 'web', 'server.js');
const compose = 'services:\n  cache:\n    image: redis:7.2-alpine\n    restart: unless-stopped\n';
const config = 'rules:\n  compose/log-rotation: off\n  compose/resource-limits: off\n';
const folders: string[] = [];

/** A workspace folder on disk with these files. */
function project(files: Record<string, string>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-web-config-'));
  folders.push(folder);
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    fs.writeFileSync(path.join(folder, relative), text);
  }
  return folder;
}

const rules = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => String(d.code)).sort();

/** Every diagnostics list the browser server published for the document, in order, once its lints are over. */
async function browserPublished(folder: string, relative: string): Promise<{ published: Diagnostic[][]; asked: string[] }> {
  const folderUri = uriOf(folder);
  const uri = uriOf(path.join(folder, relative));
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { bundlePath } });
  const connection = createProtocolConnection(new WorkerReader(worker, () => undefined), new WorkerWriter(worker));
  const published: Diagnostic[][] = [];
  const statuses: { uri: string; state: string }[] = [];
  const asked: string[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    if (params.uri === uri) published.push(params.diagnostics);
  });
  connection.onNotification('dockerHarden/lintStatus', (params: { uri: string; state: string }) => {
    statuses.push(params);
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((item) => (item.section === 'dockerHarden' ? {} : null)));
  connection.onRequest('workspace/workspaceFolders', () => [{ uri: folderUri, name: 'ws' }]);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('dockerHarden/readFiles', (params: { uris: string[] }) => {
    asked.push(...params.uris);
    return params.uris.map((each) => readFromDisk(each, folderUri, folder));
  });
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: null, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'ws' }], capabilities: vscodeCapabilities });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockercompose', version: 1, text: compose } });
    await waitFor(() => (published.length > 0 ? true : undefined), 20_000, `browser diagnostics for ${uri}`);
    await settled(statuses);
    return { published, asked };
  } finally {
    connection.dispose();
    await worker.terminate();
  }
}

async function nodeDiagnostics(folder: string, relative: string): Promise<Diagnostic[]> {
  const uri = uriOf(path.join(folder, relative));
  const client = await TestClient.start({ workspaceFolder: folder });
  try {
    client.open(uri, 'dockercompose', compose);
    await client.waitForDiagnostics(uri, () => true, 20_000);
    await settled(client.statuses);
    return client.diagnostics.get(uri)!.diagnostics;
  } finally {
    await client.stop();
  }
}

describe('.docker-harden.yaml in the browser build (a Worker, files through the client)', () => {
  after(() => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  for (const [name, files, relative] of [
    ['the config beside the compose file', { 'compose.yaml': compose, '.docker-harden.yaml': config }, 'compose.yaml'],
    ['the config in the workspace folder, the compose file in a subfolder', { 'deploy/compose.yaml': compose, '.docker-harden.yaml': config }, 'deploy/compose.yaml'],
  ] as const) {
    it(`${name}: its rules apply from the first diagnostics published, as in the Node server`, async () => {
      const folder = project(files);
      const node = await nodeDiagnostics(folder, relative);
      const { published, asked } = await browserPublished(folder, relative);
      assert.ok(asked.includes(`${uriOf(folder)}/.docker-harden.yaml`), `the config was asked for: ${asked.join(', ')}`);
      assert.ok(!rules(node).includes('compose/log-rotation'), 'the Node server applies the config');
      assert.deepEqual(published.at(-1), node);
      // No list without the config's rules applied was ever shown, not even before the config arrived.
      for (const diagnostics of published) assert.deepEqual(rules(diagnostics), rules(node));
    });
  }

  it('no config: the rules it would turn off report, as in the Node server', async () => {
    const folder = project({ 'compose.yaml': compose });
    const node = await nodeDiagnostics(folder, 'compose.yaml');
    const { published } = await browserPublished(folder, 'compose.yaml');
    assert.ok(rules(node).includes('compose/log-rotation') && rules(node).includes('compose/resource-limits'), rules(node).join(', '));
    assert.deepEqual(published.at(-1), node);
  });
});

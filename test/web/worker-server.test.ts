/**
 * The browser server (dist/web/server.js) in a real Worker, driven over LSP (issue 22). Node's worker_threads stand
 * in for a web worker: a small bootstrap in the worker runs the bundle in a vm context that has what a web worker's
 * global scope has (`self`, `postMessage`, `onmessage`/`addEventListener`, timers, `crypto`, `TextEncoder`, `URL`)
 * and no `Buffer`, `process`, `require` or `module`, and carries the messages between that scope and the worker's
 * port. The test talks JSON-RPC to the worker through vscode-jsonrpc's message connection: initialize, didOpen of
 * the example's compose file (the other files of the example come from the client, as dockerHarden/readFiles answered
 * from `workspace.fs`), the published diagnostics (the Node server's on disk), a quick fix for one problem applied,
 * shutdown and exit. A worker that throws, a server that logs an error or answers wrongly fails it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { createProtocolConnection, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { applyTextEdits, editsFor, exampleRoot, repoRoot, TestClient, uriOf, vscodeCapabilities, waitFor } from '../lsp/lsp-client';
import { readFromDisk, settled } from './lib/client';
import { BOOTSTRAP, WorkerReader, WorkerWriter } from './lib/worker';

const bundlePath = path.join(repoRoot, 'dist', 'web', 'server.js');
const composePath = path.join(exampleRoot, 'docker-compose.yml');
const composeText = fs.readFileSync(composePath, 'utf8');

describe('the browser server in a Worker (worker_threads), over LSP', () => {
  const folderUri = uriOf(exampleRoot);
  const uri = uriOf(composePath);
  let onDisk: Diagnostic[];
  /** The hover of the redis image (what the image knowledge base says of it) from the Node server. */
  let nodeHover: unknown;
  /** A Dockerfile to format, and the Node server's formatting edits and symbols of it (dockerfile-language-service). */
  const formatUri = uriOf(path.join(exampleRoot, 'web-check', 'format', 'Dockerfile'));
  const formatText = 'FROM alpine:3.20\n   RUN echo hi\n  CMD ["sh"]\n';
  let nodeFormatting: unknown;
  let nodeSymbols: unknown;
  const imageLine = composeText.split('\n').findIndex((line) => line.trim() === 'image: redis:7-alpine');
  const imagePosition = { line: imageLine, character: composeText.split('\n')[imageLine].indexOf('redis') + 2 };
  let worker: Worker;
  let connection: ProtocolConnection;
  const bootstrap: Record<string, unknown>[] = [];
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  const statuses: { uri: string; state: string }[] = [];
  const loggedErrors: string[] = [];
  const workerErrors: unknown[] = [];
  const asked: string[] = [];

  before(async () => {
    if (!fs.existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run node scripts/build.mjs`);
    // What the Node server publishes for the example on disk: the browser server must publish the same.
    const client = await TestClient.start({ workspaceFolder: exampleRoot });
    try {
      client.open(uri, 'dockercompose', composeText);
      await client.waitForDiagnostics(uri, () => true, 20_000);
      await settled(client.statuses);
      onDisk = client.diagnostics.get(uri)!.diagnostics;
      nodeHover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: imagePosition });
      client.open(formatUri, 'dockerfile', formatText);
      nodeFormatting = await client.connection.sendRequest('textDocument/formatting', { textDocument: { uri: formatUri }, options: { tabSize: 4, insertSpaces: true } });
      nodeSymbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: formatUri } });
    } finally {
      await client.stop();
    }

    worker = new Worker(BOOTSTRAP, { eval: true, workerData: { bundlePath } });
    worker.on('error', (error) => workerErrors.push(error));
    connection = createProtocolConnection(new WorkerReader(worker, (report) => bootstrap.push(report)), new WorkerWriter(worker));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      diagnostics.set(params.uri, params);
    });
    connection.onNotification('dockerHarden/lintStatus', (params: { uri: string; state: string }) => {
      statuses.push(params);
    });
    connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      if (params.type === 1) loggedErrors.push(params.message);
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((item) => (item.section === 'dockerHarden' ? {} : null)));
    connection.onRequest('workspace/workspaceFolders', () => [{ uri: folderUri, name: 'vrecommendation' }]);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('dockerHarden/readFiles', (params: { uris: string[] }) => {
      asked.push(...params.uris);
      return params.uris.map((each) => readFromDisk(each, folderUri, exampleRoot));
    });
    connection.listen();
  });

  after(async () => {
    connection?.dispose();
    await worker?.terminate();
  });

  it('starts in a scope without Node globals', async () => {
    await waitFor(
      () => {
        if (workerErrors.length > 0) throw workerErrors[0];
        return bootstrap.some((report) => report.started) ? true : undefined;
      },
      10_000,
      'the bundle to run in the worker',
    );
    assert.deepEqual(bootstrap.find((report) => report.nodeGlobals)?.nodeGlobals, []);
  });

  it('initialize: the server answers with its capabilities', async () => {
    const result = (await connection.sendRequest('initialize', {
      processId: null,
      rootUri: folderUri,
      workspaceFolders: [{ uri: folderUri, name: 'vrecommendation' }],
      capabilities: vscodeCapabilities,
    })) as { capabilities: { codeActionProvider?: unknown; textDocumentSync?: unknown } };
    assert.ok(result.capabilities.codeActionProvider, 'code actions');
    assert.ok(result.capabilities.textDocumentSync, 'document sync');
    await connection.sendNotification('initialized', {});
  });

  it("didOpen of the example's compose file: the diagnostics are the Node server's on disk", async () => {
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockercompose', version: 1, text: composeText } });
    await waitFor(() => diagnostics.get(uri), 20_000, 'diagnostics of the compose file');
    await settled(statuses);
    const published = diagnostics.get(uri)!.diagnostics;
    assert.ok(onDisk.length > 10, `${onDisk.length} diagnostics on disk`);
    assert.deepEqual(published, onDisk);
    assert.ok(asked.includes(`${folderUri}/backend/ai_server/Dockerfile`), 'the linked Dockerfile was read through the client');
    assert.deepEqual(loggedErrors, []);
  });

  it('a code action request for compose/obsolete-version: its quick fix removes the version key', async () => {
    const problem = diagnostics.get(uri)!.diagnostics.find((diagnostic) => diagnostic.code === 'compose/obsolete-version');
    assert.ok(problem, 'the example has a version key');
    assert.deepEqual(problem.range.start, { line: 1, character: 0 });
    const actions = (await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: problem.range,
      context: { diagnostics: [problem], only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((action) => action.isPreferred && action.diagnostics?.some((diagnostic) => diagnostic.code === 'compose/obsolete-version'));
    assert.ok(fix?.edit, `a preferred quick fix with its edit among: ${actions.map((action) => action.title).join(' | ')}`);
    const fixed = applyTextEdits(composeText, editsFor(fix.edit, uri));
    const head = `# VRecommendation: recommendation platform (the "before" state of the design review).\nversion: '3.8'\n\nservices:\n`;
    assert.ok(composeText.startsWith(head));
    assert.equal(fixed, `# VRecommendation: recommendation platform (the "before" state of the design review).\nservices:\n${composeText.slice(head.length)}`);
    assert.deepEqual(loggedErrors, []);
  });

  it("hover of an image: what the image knowledge base says, as the Node server's", async () => {
    const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: imagePosition })) as { contents: { value: string } } | null;
    assert.match(hover?.contents.value ?? '', /- source: https:\/\/github\.com\/.*redis/);
    assert.deepEqual(hover, nodeHover);
  });

  it('a misspelled key: the compose schema (the validator\'s schema prepared from dclint\'s in the browser build) suggests the key', async () => {
    const checkUri = `${folderUri}/web-check/compose.yaml`;
    const text = 'services:\n  web:\n    image: nginx:1.27\n    restrat: always\n    ports: [80, 80]\n';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: checkUri, languageId: 'dockercompose', version: 1, text } });
    await waitFor(() => diagnostics.get(checkUri), 20_000, 'diagnostics of the misspelled file');
    const schema = diagnostics.get(checkUri)!.diagnostics.filter((diagnostic) => diagnostic.code === 'compose/schema').map((diagnostic) => `${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
    assert.deepEqual(schema, ['4: "restrat" is not allowed in services.web; did you mean "restart"?', '5: `services.web.ports` must NOT have duplicate items (items ## 0 and 1 are identical).']);
  });

  it("a Dockerfile's syntax error: dockerfile-language-service's quick fix (the browser build's own LanguageService) renames the flag", async () => {
    const dockerfileUri = `${folderUri}/web-check/Dockerfile`;
    const text = 'FROM node:22-alpine\nCOPY --chwon=node:node package.json /app/\n';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: dockerfileUri, languageId: 'dockerfile', version: 1, text } });
    await waitFor(() => diagnostics.get(dockerfileUri), 20_000, 'diagnostics of the Dockerfile');
    const problem = diagnostics.get(dockerfileUri)!.diagnostics.find((diagnostic) => diagnostic.code === 'dockerfile/syntax');
    assert.equal(problem?.message, 'Unknown flag: chwon');
    const actions = (await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: dockerfileUri },
      range: problem.range,
      context: { diagnostics: [problem], only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((action) => action.title === 'Convert to --chown');
    assert.ok(fix?.edit, `the library's fix among: ${actions.map((action) => action.title).join(' | ')}`);
    assert.equal(applyTextEdits(text, editsFor(fix.edit, dockerfileUri)), 'FROM node:22-alpine\nCOPY --chown=node:node package.json /app/\n');
    assert.deepEqual(loggedErrors, []);
  });

  it("a Dockerfile's formatting and symbols (dockerfile-language-service in the browser build): the Node server's", async () => {
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: formatUri, languageId: 'dockerfile', version: 1, text: formatText } });
    const formatting = (await connection.sendRequest('textDocument/formatting', { textDocument: { uri: formatUri }, options: { tabSize: 4, insertSpaces: true } })) as { newText: string }[];
    assert.equal(formatting.length, 2, 'the two indented lines are edited');
    assert.deepEqual(formatting, nodeFormatting);
    const symbols = (await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: formatUri } })) as { name: string }[];
    assert.deepEqual(symbols.map((symbol) => symbol.name), ['FROM', 'RUN', 'CMD']);
    assert.deepEqual(symbols, nodeSymbols);
  });

  it('shutdown and exit', async () => {
    assert.equal(await connection.sendRequest('shutdown'), null);
    await connection.sendNotification('exit');
    assert.deepEqual(workerErrors, []);
    assert.deepEqual(bootstrap.filter((report) => report.console), []);
  });
});

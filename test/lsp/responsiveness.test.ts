/**
 * The server stays responsive, over real LSP (stdio): a big document is linted off the request thread, so cheap
 * requests are answered while its lint runs (judged by order of arrival, not by a clock); a newer version stops
 * the lint of an older one; a document over `dockerHarden.maxFileSizeMB` gets one diagnostic instead of a lint.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import type { ListServicesRequest } from '../../server/src/protocol';
import { DEFAULT_MAX_FILE_SIZE_MB } from '../../server/src/settings';
import { TestClient, uriOf, waitFor } from './lsp-client';
import { source } from '../lib/yaml-tag';

/**
 * A compose file of about `bytes` bytes: services of some thirty settings each, each service with a few problems.
 * (Its lint takes seconds, not minutes: the test is about what happens while it runs, not about its speed.)
 */
function bigCompose(bytes: number): string {
  const parts = ['services:'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const settings = Array.from({ length: 30 }, (_, key) => `      SETTING_${key}: value-${i}-${key}`);
    const service = [`  svc-${i}:`, '    image: nginx:1.27', '    environment:', ...settings, `      APP_NAME: svc-${i}`, '    ports:', `      - "${8000 + (i % 1000)}:80"`].join('\n');
    parts.push(service);
    size += service.length + 1;
  }
  return `${parts.join('\n')}\n`;
}

const SMALL_COMPOSE = source`
  services:
    web:
      image: nginx:1.27
      ports:
        - "8080:80"
`;
const SMALL_DOCKERFILE = source`
  FROM node:20-alpine
  WORKDIR /app
  COPY . .
  USER node
  CMD ["node", "server.js"]
`;

describe('a big lint does not hold up requests', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-responsive-'));
  const bigUri = uriOf(path.join(folder, 'compose.yaml'));
  const smallComposePath = path.join(folder, 'app', 'compose.yaml');
  const smallUri = uriOf(smallComposePath);
  const closedUri = uriOf(path.join(folder, 'closed', 'compose.yaml'));
  const dockerfileUri = uriOf(path.join(folder, 'app', 'Dockerfile'));
  let client: TestClient;
  before(async () => {
    fs.mkdirSync(path.join(folder, 'app'));
    fs.mkdirSync(path.join(folder, 'closed'));
    fs.writeFileSync(smallComposePath, SMALL_COMPOSE);
    fs.writeFileSync(path.join(folder, 'closed', 'compose.yaml'), SMALL_COMPOSE);
    // The big file is linted, not refused: the limit is raised above its size.
    client = await TestClient.start({ workspaceFolder: folder, settings: { maxFileSizeMB: 5, trace: { server: 'verbose' } } });
    client.open(smallUri, 'dockercompose', SMALL_COMPOSE);
    client.open(dockerfileUri, 'dockerfile', SMALL_DOCKERFILE);
    await client.waitForDiagnostics(smallUri);
    await client.waitForDiagnostics(dockerfileUri);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('answers hover, listServices (open and closed files) and code actions of a small file before a 2 MB file\'s diagnostics', async () => {
    const text = bigCompose(2 * 1024 * 1024);
    client.open(bigUri, 'dockercompose', text);
    // The big lint has started (the server says so before it lints).
    await waitFor(() => client.statuses.find((status) => status.uri === bigUri && status.state === 'linting'), 30_000, 'the big lint to start');
    const smallDiagnostics = client.diagnostics.get(smallUri)!.diagnostics;
    const answers: Record<string, number> = {};
    const timed = <T>(what: string, request: Promise<T>) => request.then((result) => ((answers[what] = performance.now()), result));
    const [hover, services, closedServices, actions] = await Promise.all([
      timed('hover', client.request<Hover | null>('textDocument/hover', { textDocument: { uri: dockerfileUri }, position: { line: 0, character: 1 } })),
      timed('listServices', client.request<ListServicesRequest.Result>('dockerHarden/listServices', { uri: smallUri })),
      timed('listServices (closed file)', client.request<ListServicesRequest.Result>('dockerHarden/listServices', { uri: closedUri })),
      timed('codeAction', client.codeActions(smallUri, smallDiagnostics[0].range, [smallDiagnostics[0]])),
    ]);
    assert.ok(hover, 'the hover has content');
    assert.deepEqual(services.map((service) => service.name), ['web']);
    assert.deepEqual(closedServices.map((service) => service.name), ['web']);
    assert.ok(actions.length > 0);
    const bigPublished = client.published.find((published) => published.uri === bigUri);
    for (const [what, at] of Object.entries(answers)) {
      assert.ok(!bigPublished || at < bigPublished.at, `${what} was answered after the big file's diagnostics: it waited for the lint`);
    }
  });

  it('a newer version of the big file stops the lint of the older one, whose diagnostics are never published', async () => {
    const lintsStarted = () => client.statuses.filter((status) => status.uri === bigUri && status.state === 'linting').length;
    const text = client.documents.get(bigUri)!.getText();
    const started = lintsStarted();
    const stopped = client.change(bigUri, text.replace('APP_NAME: svc-5\n', 'APP_NAME: svc-5x\n'));
    // Its lint is running (after the debounce) when the next version arrives.
    await waitFor(() => (lintsStarted() > started ? true : undefined), 30_000, 'the lint of the edited version to start');
    const stops = () => client.logs.filter((log) => /stopping an outdated job/.test(log.message)).length;
    const stopsBefore = stops();
    const next = client.change(bigUri, text.replace('APP_NAME: svc-5\n', 'APP_NAME: svc-5y\n'));
    const diagnostics = await client.waitForDiagnostics(bigUri, () => true, 120_000);
    assert.ok(diagnostics.length > 1000, `${diagnostics.length} diagnostics`);
    const versions = client.published.filter((published) => published.uri === bigUri).map((published) => published.version);
    assert.ok(versions.includes(next) && !versions.includes(stopped), `published versions ${versions.join(', ')}`);
    assert.ok(stops() > stopsBefore, 'the running lint of the older version was stopped');
    // Code lenses of the big file come from its lint.
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: bigUri } });
    assert.ok(lenses.length > 2000, `${lenses.length} lenses`);
  });
});

describe('dockerHarden.maxFileSizeMB', () => {
  it(`a document over the limit (${DEFAULT_MAX_FILE_SIZE_MB} MB by default) gets exactly one diagnostic that says so, and no lenses or actions`, async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-limit-'));
    const client = await TestClient.start({ workspaceFolder: folder });
    try {
      const uri = uriOf(path.join(folder, 'compose.yaml'));
      client.open(uri, 'dockercompose', bigCompose(1.1 * 1024 * 1024));
      const diagnostics = await client.waitForDiagnostics(uri, undefined, 30_000);
      assert.deepEqual(
        diagnostics.map((d: Diagnostic) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.message]),
        [['compose/schema', 2, 0, 0, 'File too large to lint (1.1 MB; the limit is 1 MB). Raise the setting dockerHarden.maxFileSizeMB to lint it.']],
      );
      assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), []);
      assert.deepEqual(await client.codeActions(uri, diagnostics[0].range, diagnostics), []);
      assert.deepEqual(await client.request('dockerHarden/listServices', { uri }), []);
      // Raised, the same document is linted.
      client.settings = { maxFileSizeMB: 2 };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      const linted = await client.waitForDiagnostics(uri, (d) => d.length > 1, 120_000);
      assert.ok(linted.every((d) => !/too large/.test(String(d.message))));
    } finally {
      await client.stop();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

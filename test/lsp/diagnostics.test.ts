/**
 * Diagnostics over real LSP: the bundled server started with `--stdio`, the example compose file and Dockerfile
 * opened by a vscode-languageserver-protocol client. Exact rule ids, ranges, severities and docs links; compose
 * files recognised by language id and by name; debounced re-lint on change; re-lint on configuration change.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { exampleRoot, onlyRules, TestClient, uriOf, waitFor } from './lsp-client';

const composePath = path.join(exampleRoot, 'docker-compose.yml');
const composeUri = uriOf(composePath);
const composeText = fs.readFileSync(composePath, 'utf8');
const RULES = ['compose/obsolete-version', 'compose/healthcheck', 'compose/depends-on-healthy', 'compose/secret-in-environment', 'dockerfile/non-root-user', 'dockerfile/json-args'];
const DOCS = 'https://github.com/docker-harden/docker-harden/blob/main/docs/rules/';

/** [code, severity, startLine, startChar, endLine, endChar] with 0-based LSP positions. */
type Row = [string, number, number, number, number, number];
const rows = (diagnostics: Diagnostic[]): Row[] =>
  diagnostics.map((d) => [String(d.code), d.severity!, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);

const EXPECTED_COMPOSE: Row[] = [
  ['compose/obsolete-version', 3, 1, 0, 1, 7], // version: '3.8'
  ['compose/healthcheck', 2, 5, 2, 5, 7], // redis:
  ['compose/secret-in-environment', 2, 27, 8, 27, 18], // JWT_SECRET=${JWT_SECRET:-change-me-in-production}
  ['compose/secret-in-environment', 2, 29, 8, 29, 28], // GOOGLE_CLIENT_SECRET=${GOOGLE_CLIENT_SECRET}
  ['compose/depends-on-healthy', 2, 31, 8, 31, 13], // api_server depends_on: - redis
  ['compose/healthcheck', 2, 37, 2, 37, 11], // ai_server:
  ['compose/secret-in-environment', 1, 47, 6, 47, 20], // ADMIN_PASSWORD: admin123
  ['compose/depends-on-healthy', 2, 52, 8, 52, 13], // ai_server depends_on: - redis
  ['compose/healthcheck', 2, 57, 2, 57, 12], // prometheus:
  ['compose/healthcheck', 2, 73, 2, 73, 10], // frontend:
  ['compose/depends-on-healthy', 2, 83, 8, 83, 18], // frontend depends_on: - api_server
  ['compose/depends-on-healthy', 2, 84, 8, 84, 17], // frontend depends_on: - ai_server
];

describe('diagnostics over LSP (stdio)', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ settings: onlyRules(RULES) });
  });
  after(async () => {
    await client.stop();
  });

  it('publishes the example compose file problems with ids, exact ranges, severities and docs links', async () => {
    client.open(composeUri, 'dockercompose', composeText);
    const diagnostics = await client.waitForDiagnostics(composeUri);
    assert.deepEqual(rows(diagnostics), EXPECTED_COMPOSE);
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.source, 'docker-harden');
      assert.equal(diagnostic.codeDescription?.href, `${DOCS}${diagnostic.code}.md`);
    }
    // The range covers exactly the text at fault.
    const lines = composeText.split('\n');
    const text = (d: Diagnostic) => lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
    assert.deepEqual(diagnostics.map(text), [
      'version', 'redis', 'JWT_SECRET', 'GOOGLE_CLIENT_SECRET', 'redis', 'ai_server', 'ADMIN_PASSWORD', 'redis', 'prometheus', 'frontend', 'api_server', 'ai_server',
    ]);
    assert.deepEqual(diagnostics[0].tags, [2], 'obsolete-version is tagged Deprecated');
    assert.equal(diagnostics[1].tags, undefined);
  });

  it('recognises a compose file by its name when the client sends the language id `yaml` (Neovim)', async () => {
    client.close(composeUri);
    await waitFor(() => (client.diagnostics.get(composeUri)?.diagnostics.length === 0 ? true : undefined), 5000, 'cleared diagnostics');
    client.diagnostics.delete(composeUri);
    client.open(composeUri, 'yaml', composeText);
    assert.deepEqual(rows(await client.waitForDiagnostics(composeUri)), EXPECTED_COMPOSE);
  });

  it('leaves other YAML files alone', async () => {
    const prometheusUri = uriOf(path.join(exampleRoot, 'monitoring', 'prometheus.yml'));
    client.open(prometheusUri, 'yaml', fs.readFileSync(path.join(exampleRoot, 'monitoring', 'prometheus.yml'), 'utf8'));
    // A later document's diagnostics prove the server handled the earlier open.
    const dockerfileUri = uriOf(path.join(exampleRoot, 'frontend', 'project', 'Dockerfile'));
    client.open(dockerfileUri, 'dockerfile', fs.readFileSync(path.join(exampleRoot, 'frontend', 'project', 'Dockerfile'), 'utf8'));
    await client.waitForDiagnostics(dockerfileUri);
    assert.equal(client.diagnostics.get(prometheusUri)?.diagnostics.length ?? 0, 0);
    assert.equal(client.statuses.filter((status) => status.uri === prometheusUri).length, 0, 'never linted');
  });

  it('publishes Dockerfile problems with exact ranges', async () => {
    const dockerfilePath = path.join(exampleRoot, 'backend', 'ai_server', 'Dockerfile');
    const uri = uriOf(dockerfilePath);
    client.open(uri, 'dockerfile', fs.readFileSync(dockerfilePath, 'utf8'));
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.deepEqual(rows(diagnostics), [
      ['dockerfile/non-root-user', 2, 0, 0, 0, 23], // FROM python:3.9-slim...
      ['dockerfile/json-args', 2, 28, 0, 28, 39], // CMD python -m ... (shell form)
    ]);
  });

  it('debounces: a burst of changes is linted once, for the last version', async () => {
    const lintsBefore = client.statuses.filter((s) => s.uri === composeUri && s.state === 'done').length;
    let text = composeText;
    let version = 0;
    for (let i = 0; i < 5; i++) {
      text = text.replace("version: '3.8'\n", '') + `# edit ${i}\n`;
      version = client.change(composeUri, text);
    }
    const diagnostics = await client.waitForDiagnostics(composeUri);
    assert.equal(client.diagnostics.get(composeUri)?.version, version);
    assert.deepEqual(rows(diagnostics), EXPECTED_COMPOSE.slice(1).map(([id, sev, sl, sc, el, ec]) => [id, sev, sl - 1, sc, el - 1, ec] as Row));
    const lintsAfter = client.statuses.filter((s) => s.uri === composeUri && s.state === 'done').length;
    assert.equal(lintsAfter - lintsBefore, 1, 'five changes within the debounce window give one lint');
    client.change(composeUri, composeText);
    await client.waitForDiagnostics(composeUri, (d) => d.length === EXPECTED_COMPOSE.length);
  });

  it('re-lints with new settings after didChangeConfiguration (rule off, severity override)', async () => {
    const requestsBefore = client.configurationRequests.length;
    client.settings = onlyRules(RULES, { 'compose/healthcheck': 'off', 'compose/obsolete-version': 'error' });
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const diagnostics = await client.waitForDiagnostics(composeUri, (d) => !d.some((x) => x.code === 'compose/healthcheck'));
    assert.deepEqual(rows(diagnostics), [
      ['compose/obsolete-version', 1, 1, 0, 1, 7],
      ...EXPECTED_COMPOSE.filter(([id]) => id !== 'compose/healthcheck' && id !== 'compose/obsolete-version'),
    ]);
    assert.ok(client.configurationRequests.length > requestsBefore, 'settings were fetched again');
    client.settings = onlyRules(RULES);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(composeUri, (d) => d.length === EXPECTED_COMPOSE.length);
  });

  it('asks for settings per resource (scopeUri) and caches them until the configuration changes', async () => {
    const scoped = client.configurationRequests.flatMap((request) => (request as { items: { scopeUri?: string; section?: string }[] }).items);
    assert.ok(scoped.some((item) => item.scopeUri === composeUri && item.section === 'dockerHarden'));
    const count = client.configurationRequests.length;
    client.change(composeUri, composeText + '\n');
    await client.waitForDiagnostics(composeUri);
    assert.equal(client.configurationRequests.length, count, 'no new configuration request for a cached resource');
  });

  it('registers for configuration and watched-file changes, and reports lint status', () => {
    assert.deepEqual(client.registrations.map((r) => r.method).sort(), ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
    const done = client.statuses.filter((s) => s.uri === composeUri && s.state === 'done');
    assert.ok(done.length > 0);
    assert.equal(typeof done[0].durationMs, 'number');
    assert.equal(done[0].problems, EXPECTED_COMPOSE.length);
  });
});

/**
 * `.docker-harden.yaml` through the server, on a copy of the example: its rules and `ignore:` apply to the compose
 * file, an edit of its open buffer re-lints the open documents, its own problems are diagnostics on it (never a
 * crash), and the editor settings go on top of it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exampleRoot, TestClient, uriOf } from './lsp-client';

const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-config-')), 'vrecommendation');
fs.cpSync(exampleRoot, folder, { recursive: true });
const composePath = path.join(folder, 'docker-compose.yml');
const composeUri = uriOf(composePath);
const configPath = path.join(folder, '.docker-harden.yaml');
const configUri = uriOf(configPath);
const codes = (client: TestClient, uri: string) => [...new Set((client.diagnostics.get(uri)?.diagnostics ?? []).map((d) => String(d.code)))].sort();

describe('.docker-harden.yaml in the server', () => {
  let client: TestClient;
  before(async () => {
    // Only the rules below are on; everything else is off by the config file itself.
    const { allRules } = await import('../../engine/src/index');
    const keep = ['compose/healthcheck', 'compose/obsolete-version', 'compose/depends-on-healthy'];
    const off = allRules.filter((rule) => !keep.includes(rule.meta.id)).map((rule) => `  ${rule.meta.id}: off`);
    fs.writeFileSync(configPath, ['rules:', ...off, '  compose/obsolete-version: off', ''].join('\n'));
    client = await TestClient.start({ workspaceFolder: folder, settings: {} });
    client.open(composeUri, 'dockercompose', fs.readFileSync(composePath, 'utf8'));
    await client.waitForDiagnostics(composeUri);
  });
  after(async () => {
    await client.stop();
  });

  it('applies the rules of the config file', () => {
    assert.deepEqual(codes(client, composeUri), ['compose/depends-on-healthy', 'compose/healthcheck']);
  });

  it('re-lints open documents when the open config buffer changes, and reports its own problems on it', async () => {
    const text = fs.readFileSync(configPath, 'utf8');
    client.open(configUri, 'yaml', text);
    assert.deepEqual(await client.waitForDiagnostics(configUri), []);
    const broken = text.replace('  compose/obsolete-version: off\n', '  compose/obsolete-version: error\n  compose/healthcheck: of\n  compose/nope: error\n');
    client.change(configUri, broken);
    const problems = await client.waitForDiagnostics(configUri);
    const lines = broken.split('\n');
    assert.deepEqual(
      problems.map((d) => [d.code, d.severity, lines[d.range.start.line].slice(d.range.start.character, d.range.end.character), d.message]),
      [
        ['config/schema', 1, 'of', 'rules.compose/healthcheck: must be one of "off", "info", "warning", "error".'],
        ['config/unknown-rule', 1, 'compose/nope', 'Unknown rule "compose/nope".'],
      ],
    );
    assert.equal(problems[0].codeDescription, undefined, 'no rule page for config problems');
    // What is valid still applies: obsolete-version is now an error; the bad healthcheck value is ignored.
    await client.waitForDiagnostics(composeUri, (d) => d.some((x) => x.code === 'compose/obsolete-version'));
    const obsolete = client.diagnostics.get(composeUri)!.diagnostics.find((d) => d.code === 'compose/obsolete-version')!;
    assert.equal(obsolete.severity, 1);
    assert.deepEqual(codes(client, composeUri), ['compose/depends-on-healthy', 'compose/healthcheck', 'compose/obsolete-version']);
  });

  it('the editor settings go on top of the config file', async () => {
    client.settings = { rules: { 'compose/obsolete-version': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(composeUri, (d) => !d.some((x) => x.code === 'compose/obsolete-version'));
    assert.deepEqual(codes(client, composeUri), ['compose/depends-on-healthy', 'compose/healthcheck']);
  });

  it('`ignore:` in the config excludes the compose file', async () => {
    const text = fs.readFileSync(configPath, 'utf8') + 'ignore:\n  - docker-compose.yml\n';
    client.change(configUri, text);
    await client.waitForDiagnostics(composeUri, (d) => d.length === 0);
    assert.deepEqual(await client.waitForDiagnostics(configUri), []);
  });
});

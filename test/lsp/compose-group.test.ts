/**
 * A base and its override are one project in the editor (issue 23): the base's lint depends on the override (and the
 * other way round), so creating the override on disk, or editing it in an unsaved buffer, re-lints the base; a
 * setting the override gives a service is not missing in the base, and the override is not asked for it either.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { onlyRules, TestClient, uriOf } from './lsp-client';
import { source } from '../lib/yaml-tag';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-group-'));
const basePath = path.join(folder, 'compose.yaml');
const overridePath = path.join(folder, 'compose.override.yaml');
const baseUri = uriOf(basePath);
const overrideUri = uriOf(overridePath);
const base = source`
  services:
    api:
      image: example/api:1.4
    worker:
      image: example/worker:1.4
`;
const override = source`
  services:
    api:
      restart: unless-stopped
`;
fs.writeFileSync(basePath, base);

describe('base and override in the editor', () => {
  let client: TestClient;
  const missing = (uri: string) => (client.diagnostics.get(uri)?.diagnostics ?? []).filter((d) => d.code === 'compose/restart-policy').map((d) => d.range.start.line);

  before(async () => {
    client = await TestClient.start({ workspaceFolder: folder, settings: onlyRules(['compose/restart-policy']) });
    client.open(baseUri, 'dockercompose', base);
    await client.waitForDiagnostics(baseUri);
  });
  after(async () => {
    await client.stop();
  });

  it('alone, the base is missing a restart policy on both services', () => {
    assert.deepEqual(missing(baseUri), [1, 3]);
  });

  it('an override created on disk that gives api a restart policy re-lints the base: only worker is left', async () => {
    fs.writeFileSync(overridePath, override);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: overrideUri, type: 1 }] });
    await client.waitForDiagnostics(baseUri, () => missing(baseUri).length === 1);
    assert.deepEqual(missing(baseUri), [3]);
  });

  it('the override itself is not asked for what belongs to the base', async () => {
    client.open(overrideUri, 'dockercompose', override);
    await client.waitForDiagnostics(overrideUri);
    assert.deepEqual(missing(overrideUri), []);
  });

  it('an unsaved edit of the override that drops the restart policy re-lints the base', async () => {
    client.change(overrideUri, 'services:\n  api:\n    environment:\n      LOG_LEVEL: debug\n');
    await client.waitForDiagnostics(baseUri, () => missing(baseUri).length === 2);
    assert.deepEqual(missing(baseUri), [1, 3]);
  });
});

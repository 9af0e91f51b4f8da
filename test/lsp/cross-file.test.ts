/**
 * Cross-file re-lint over real LSP, on a copy of the example in a temporary folder: a compose file is linted again
 * when a Dockerfile its last lint read changes, whether in an open buffer (didChange, didClose) or on disk
 * (workspace/didChangeWatchedFiles); unrelated files do not trigger it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exampleRoot, onlyRules, TestClient, uriOf } from './lsp-client';

const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-cross-')), 'vrecommendation');
fs.cpSync(exampleRoot, folder, { recursive: true });
const composePath = path.join(folder, 'docker-compose.yml');
const composeUri = uriOf(composePath);
const dockerfilePath = path.join(folder, 'backend', 'ai_server', 'Dockerfile');
const dockerfileUri = uriOf(dockerfilePath);
const dockerfileText = fs.readFileSync(dockerfilePath, 'utf8');
const withHealthcheck = dockerfileText.replace('CMD poetry', 'HEALTHCHECK CMD curl -f http://localhost:9999/ || exit 1\nCMD poetry');

/** The services whose key carries a compose/healthcheck diagnostic. */
const unhealthy = (client: TestClient) =>
  (client.diagnostics.get(composeUri)?.diagnostics ?? [])
    .filter((d) => d.code === 'compose/healthcheck')
    .map((d) => d.range.start.line);

describe('cross-file re-lint', () => {
  let client: TestClient;
  const composeLints = () => client.statuses.filter((s) => s.uri === composeUri && s.state === 'done').length;

  before(async () => {
    client = await TestClient.start({ workspaceFolder: folder, settings: onlyRules(['compose/healthcheck']) });
    client.open(composeUri, 'dockercompose', fs.readFileSync(composePath, 'utf8'));
    await client.waitForDiagnostics(composeUri);
  });
  after(async () => {
    await client.stop();
  });

  it('starts with the four services without healthcheck (redis, ai_server, prometheus, frontend)', () => {
    assert.deepEqual(unhealthy(client), [5, 37, 57, 73]);
  });

  it('an unsaved HEALTHCHECK in the open Dockerfile clears the ai_server problem in the compose file', async () => {
    client.open(dockerfileUri, 'dockerfile', dockerfileText);
    await client.waitForDiagnostics(dockerfileUri);
    client.change(dockerfileUri, withHealthcheck);
    await client.waitForDiagnostics(composeUri, () => unhealthy(client).length === 3);
    assert.deepEqual(unhealthy(client), [5, 57, 73]);
  });

  it('closing the Dockerfile without saving brings the problem back (the disk has no HEALTHCHECK)', async () => {
    client.close(dockerfileUri);
    await client.waitForDiagnostics(composeUri, () => unhealthy(client).length === 4);
    assert.deepEqual(unhealthy(client), [5, 37, 57, 73]);
  });

  it('a change on disk reported by didChangeWatchedFiles re-lints the compose file', async () => {
    fs.writeFileSync(dockerfilePath, withHealthcheck);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: dockerfileUri, type: 2 }] });
    await client.waitForDiagnostics(composeUri, () => unhealthy(client).length === 3);
    assert.deepEqual(unhealthy(client), [5, 57, 73]);
  });

  it('a change to a file the compose lint never read does not re-lint it', async () => {
    const before = composeLints();
    const unrelated = path.join(folder, 'monitoring', 'Dockerfile');
    fs.writeFileSync(unrelated, 'FROM alpine:3.20\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(unrelated), type: 1 }] });
    // A later, related change is processed after the unrelated one: when it lands, the unrelated one had its chance.
    fs.writeFileSync(dockerfilePath, dockerfileText);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: dockerfileUri, type: 2 }] });
    await client.waitForDiagnostics(composeUri, () => unhealthy(client).length === 4);
    assert.equal(composeLints() - before, 1);
  });
});

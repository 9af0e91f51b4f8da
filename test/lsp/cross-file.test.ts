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
import type { CodeAction, CreateFile } from 'vscode-languageserver-protocol';
import { applyTextEdits, comments, editsFor, exampleRoot, onlyRules, TestClient, uriOf, waitFor } from './lsp-client';
import { source } from '../lib/yaml-tag';

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

describe('a cross-file quick fix (convert a literal secret to a Docker secret)', () => {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-secret-')), 'vrecommendation');
  fs.cpSync(exampleRoot, root, { recursive: true });
  const compose = path.join(root, 'docker-compose.yml');
  const uri = uriOf(compose);
  const text = fs.readFileSync(compose, 'utf8');
  const secretFile = path.join(root, 'secrets', 'admin_password.txt');
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ workspaceFolder: root, settings: onlyRules(['compose/secret-in-environment']) });
    client.open(uri, 'dockercompose', text);
    await client.waitForDiagnostics(uri);
  });
  after(async () => {
    await client.stop();
  });

  it('is one WorkspaceEdit: CreateFile for the secret and .gitignore, then the text of every file, all needing confirmation, with what to verify', async () => {
    const diagnostic = client.diagnostics.get(uri)!.diagnostics.find((d) => d.range.start.line === 47)!;
    assert.equal(diagnostic.code, 'compose/secret-in-environment');
    const [fix] = (await client.codeActions(uri, diagnostic.range, [diagnostic])) as CodeAction[];
    assert.equal(fix.title, 'Convert "ADMIN_PASSWORD" to a Docker secret (file secrets/admin_password.txt) (verify: "ai_server" reads ADMIN_PASSWORD_FILE)');
    const changes = fix.edit!.documentChanges!;
    const shape = changes.map((change) =>
      'kind' in change
        ? [change.kind, path.relative(root, new URL((change as CreateFile).uri).pathname), change.annotationId]
        : ['edit', path.relative(root, new URL(change.textDocument.uri).pathname), change.textDocument.version, ...change.edits.map((e) => ('annotationId' in e ? e.annotationId : undefined))],
    );
    // Creations first, then one run of text edits: VS Code makes that one undo element (see buildWorkspaceEdit).
    assert.deepEqual(shape, [
      ['create', 'secrets/admin_password.txt', 'dockerHarden.unsafe'],
      ['create', '.gitignore', 'dockerHarden.unsafe'],
      ['edit', 'docker-compose.yml', 1, 'dockerHarden.unsafe', 'dockerHarden.unsafe', 'dockerHarden.unsafe'],
      ['edit', 'secrets/admin_password.txt', null, 'dockerHarden.unsafe'],
      ['edit', '.gitignore', null, 'dockerHarden.unsafe'],
    ]);
    // No .dockerignore beside the compose file: no build context of the project holds secrets/.
    assert.equal(fix.edit!.changeAnnotations!['dockerHarden.unsafe'].description, 'Verify before applying: "ai_server" reads ADMIN_PASSWORD_FILE.');
    assert.deepEqual(fix.edit!.changeAnnotations!['dockerHarden.unsafe'].needsConfirmation, true);
    // A file that is there by the time the edit is applied fails it: never overwritten, never written into.
    for (const change of changes) if ('kind' in change) assert.deepEqual((change as CreateFile).options, { overwrite: false, ignoreIfExists: false });
    assert.deepEqual(editsFor(fix.edit, uriOf(secretFile)).map((e) => e.newText), ['admin123']);
    assert.deepEqual(editsFor(fix.edit, uriOf(path.join(root, '.gitignore'))).map((e) => e.newText), ['secrets/\n']);
    const fixed = applyTextEdits(text, editsFor(fix.edit, uri));
    const lines = text.split('\n');
    assert.equal(
      fixed,
      [
        ...lines.slice(0, 47),
        '      ADMIN_PASSWORD_FILE: /run/secrets/admin_password',
        ...lines.slice(48, 56),
        '    secrets:',
        '      - admin_password',
        ...lines.slice(56, 96),
        '',
        'secrets:',
        '  admin_password:',
        '    file: ./secrets/admin_password.txt',
        ...lines.slice(96),
      ].join('\n'),
    );
    assert.deepEqual(comments(fixed), comments(text));

    // The client applies it: the secrets file and its folder appear with other modes; the server makes them 0644
    // (Compose mounts the file with its host mode) and 0700.
    fs.mkdirSync(path.dirname(secretFile), { recursive: true, mode: 0o755 });
    fs.chmodSync(path.dirname(secretFile), 0o755);
    fs.writeFileSync(secretFile, 'admin123', { mode: 0o600 });
    fs.chmodSync(secretFile, 0o600);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(secretFile), type: 1 }] });
    await waitFor(() => ((fs.statSync(secretFile).mode & 0o777) === 0o644 ? true : undefined), 5000, 'mode 0644');
    assert.equal(fs.statSync(path.dirname(secretFile)).mode & 0o777, 0o700);
  });
});

describe('.dockerignore: created by a quick fix, and its change re-lints the Dockerfile', () => {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-ignore-')), 'vrecommendation');
  fs.cpSync(exampleRoot, root, { recursive: true });
  const dockerfile = path.join(root, 'frontend', 'project', 'Dockerfile');
  const uri = uriOf(dockerfile);
  const ignoreFile = path.join(root, 'frontend', 'project', '.dockerignore');
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ workspaceFolder: root, settings: onlyRules(['dockerfile/dockerignore']) });
    client.open(uri, 'dockerfile', fs.readFileSync(dockerfile, 'utf8'));
  });
  after(async () => {
    await client.stop();
  });

  it('flags COPY . . without a .dockerignore; the fix is a CreateFile with the template and no edit of the Dockerfile', async () => {
    const [diagnostic] = await client.waitForDiagnostics(uri);
    assert.deepEqual([diagnostic.code, diagnostic.range.start.line], ['dockerfile/dockerignore', 8]);
    const [fix] = (await client.codeActions(uri, diagnostic.range, [diagnostic])) as CodeAction[];
    assert.equal(fix.title, 'Create .dockerignore');
    assert.equal(fix.isPreferred, true);
    const changes = fix.edit!.documentChanges!;
    assert.deepEqual(changes.map((change) => ('kind' in change ? change.kind : 'edit')), ['create', 'edit']);
    assert.equal((changes[0] as CreateFile).uri, uriOf(ignoreFile));
    assert.equal(fix.edit!.changeAnnotations, undefined, 'a safe fix needs no confirmation');
    const [content] = editsFor(fix.edit, uriOf(ignoreFile)).map((edit) => edit.newText);
    for (const line of ['.git', '.env', 'node_modules']) assert.ok(content.split('\n').includes(line), `${line} in\n${content}`);
    // Applied (as the client would), the file's creation re-lints the Dockerfile: the problem is gone.
    fs.writeFileSync(ignoreFile, content);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(ignoreFile), type: 1 }] });
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
  });

  it('a .dockerignore that stops excluding .git brings a problem back', async () => {
    fs.writeFileSync(ignoreFile, source`
      node_modules
      .env
      secrets/
    `);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(ignoreFile), type: 2 }] });
    const [diagnostic] = await client.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.equal(diagnostic.message, 'This copies the whole build context, and `.dockerignore` does not exclude `.git`.');
  });
});

describe('extends: the base file is a dependency of the compose file', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-extends-'));
  const composeFile = path.join(root, 'compose.yaml');
  const baseFile = path.join(root, 'common.yml');
  const uri = uriOf(composeFile);
  let client: TestClient;

  before(async () => {
    fs.writeFileSync(baseFile, source`
      services:
        base:
          image: busybox:1.36
    `);
    fs.writeFileSync(composeFile, source`
      services:
        api:
          extends:
            file: common.yml
            service: base
          image: redis:7.4-alpine
    `);
    client = await TestClient.start({ workspaceFolder: root, settings: onlyRules(['compose/healthcheck']) });
    client.open(uri, 'dockercompose', fs.readFileSync(composeFile, 'utf8'));
  });
  after(async () => {
    await client.stop();
  });

  it('the server watches every YAML file, so a base file of any name is seen', async () => {
    const registration = await waitFor(() => client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'), 10_000, 'the watched files registration');
    const globs = (registration.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.ok(globs.includes('**/*.{yml,yaml}'), globs.join(', '));
    // The one list the client watches too (server/src/protocol.ts), not a copy of its own.
    const { WATCHED_GLOBS } = await import('../../server/src/protocol');
    assert.deepEqual(globs, [...WATCHED_GLOBS]);
  });

  it('a healthcheck added to the base on disk clears the problem; removing it brings it back', async () => {
    const [diagnostic] = await client.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.deepEqual([diagnostic.code, diagnostic.range.start.line], ['compose/healthcheck', 1]);
    fs.writeFileSync(baseFile, source`
      services:
        base:
          image: busybox:1.36
          healthcheck:
            test: ["CMD", "true"]
    `);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(baseFile), type: 2 }] });
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
    fs.writeFileSync(baseFile, source`
      services:
        base:
          image: busybox:1.36
    `);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(baseFile), type: 2 }] });
    await client.waitForDiagnostics(uri, (d) => d.length === 1);
  });
});

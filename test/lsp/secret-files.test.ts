/**
 * The language server never offers a secret conversion that would drop the value or reuse a file silently: with
 * `secrets/<name>.txt` already holding something else, the quick fix and "Harden service" create `<name>_2.txt`;
 * with a `secrets` folder that links out of the workspace, neither converts anything. Temporary folders only.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CodeAction, CreateFile } from 'vscode-languageserver-protocol';
import { applyTextEdits, editsFor, onlyRules, TestClient, uriOf } from './lsp-client';
import { source } from '../lib/yaml-tag';

const COMPOSE = source`
  services:
    db:
      image: postgres:16
      environment:
        DB_PASSWORD: s3cret-value
`;

const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-lsp-secrets-')));
  made.push(dir);
  fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
  return dir;
}

async function withServer<T>(root: string, run: (client: TestClient, uri: string) => Promise<T>): Promise<T> {
  const client = await TestClient.start({ workspaceFolder: root, settings: onlyRules(['compose/secret-in-environment']) });
  try {
    const uri = uriOf(path.join(root, 'compose.yaml'));
    client.open(uri, 'dockercompose', COMPOSE);
    await client.waitForDiagnostics(uri, (d) => d.length > 0);
    return await run(client, uri);
  } finally {
    await client.stop();
  }
}

const created = (edit: CodeAction['edit']) =>
  (edit?.documentChanges ?? []).filter((change): change is CreateFile => 'kind' in change && change.kind === 'create').map((change) => change.uri);

describe('secret conversion in the editor, with a secrets file or folder already there', () => {
  it('secrets/db_password.txt holds something else: the quick fix creates db_password_2.txt and leaves the old file alone', async () => {
    const root = folder();
    fs.mkdirSync(path.join(root, 'secrets'));
    fs.writeFileSync(path.join(root, 'secrets', 'db_password.txt'), 'an older value');
    await withServer(root, async (client, uri) => {
      const [diagnostic] = client.diagnostics.get(uri)!.diagnostics;
      const [fix] = (await client.codeActions(uri, diagnostic.range, [diagnostic])) as CodeAction[];
      assert.equal(fix.title, 'Convert "DB_PASSWORD" to a Docker secret (file secrets/db_password_2.txt) (verify: "db" reads DB_PASSWORD_FILE)');
      const newFile = uriOf(path.join(root, 'secrets', 'db_password_2.txt'));
      assert.ok(created(fix.edit).includes(newFile), created(fix.edit).join(', '));
      assert.deepEqual(editsFor(fix.edit, uriOf(path.join(root, 'secrets', 'db_password.txt'))), []);
      assert.deepEqual(editsFor(fix.edit, newFile).map((edit) => edit.newText), ['s3cret-value']);
      assert.match(applyTextEdits(COMPOSE, editsFor(fix.edit, uri)), /DB_PASSWORD_FILE: \/run\/secrets\/db_password_2\n/);

      const harden = (await client.request('dockerHarden/hardenService', { uri, services: [] })) as { changes: { uri: string; newText: string; create: boolean; mode?: number; folderMode?: number }[] };
      const secret = harden.changes.find((change) => change.uri === newFile)!;
      assert.deepEqual({ create: secret.create, mode: secret.mode, newText: secret.newText }, { create: true, mode: 0o644, newText: 's3cret-value' });
      assert.ok(!harden.changes.some((change) => change.uri === uriOf(path.join(root, 'secrets', 'db_password.txt'))));
    });
    assert.equal(fs.readFileSync(path.join(root, 'secrets', 'db_password.txt'), 'utf8'), 'an older value');
  });

  it('a `secrets` folder that links out of the workspace: no conversion is offered, Harden service leaves the value', async () => {
    const root = folder();
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-lsp-outside-')));
    made.push(outside);
    fs.symlinkSync(outside, path.join(root, 'secrets'));
    await withServer(root, async (client, uri) => {
      const [diagnostic] = client.diagnostics.get(uri)!.diagnostics;
      assert.equal(diagnostic.code, 'compose/secret-in-environment');
      const actions = (await client.codeActions(uri, diagnostic.range, [diagnostic])) as CodeAction[];
      assert.deepEqual(actions.filter((action) => action.title.startsWith('Convert')), []);
      const harden = (await client.request('dockerHarden/hardenService', { uri, services: [] })) as { changes: { uri: string; newText: string }[]; fixCount: number };
      assert.deepEqual(harden.changes, []);
    });
    assert.deepEqual(fs.readdirSync(outside), []);
  });
});

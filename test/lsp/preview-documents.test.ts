/**
 * Documents an editor opens of its own are not linted (issue 19): VS Code's refactor preview shows each changed file
 * as a `vscode-bulkeditpreview-editor:` document with the file's language, and linting those listed every problem a
 * second time in the Problems panel (25 -> 70) while "Harden service" waited for Apply. Files on disk and unsaved
 * (`untitled:`) documents are linted as before.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exampleRoot, onlyRules, TestClient, uriOf } from './lsp-client';

const composePath = path.join(exampleRoot, 'docker-compose.yml');
const composeText = fs.readFileSync(composePath, 'utf8');
const dockerfileText = fs.readFileSync(path.join(exampleRoot, 'backend', 'ai_server', 'Dockerfile'), 'utf8');

describe('documents of other schemes (LSP)', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ settings: onlyRules(['compose/healthcheck', 'dockerfile/non-root-user']) });
  });
  after(async () => {
    await client.stop();
  });

  it('a refactor-preview copy of the compose file and of a Dockerfile get no diagnostics, code lenses or code actions', async () => {
    const preview = `vscode-bulkeditpreview-editor:${composePath}?${encodeURIComponent(JSON.stringify({ uri: uriOf(composePath) }))}`;
    const previewDockerfile = `vscode-bulkeditpreview-editor:${path.join(exampleRoot, 'backend', 'ai_server', 'Dockerfile')}`;
    const previewConfig = `vscode-bulkeditpreview-editor:${path.join(exampleRoot, '.docker-harden.yaml')}`;
    client.open(preview, 'dockercompose', composeText);
    client.open(previewDockerfile, 'dockerfile', dockerfileText);
    client.open(previewConfig, 'yaml', 'rules: [not a map\n');
    // Opened after them: its lint is scheduled after theirs would have been, so once its diagnostics are here, any
    // of theirs would be too.
    const untitled = 'untitled:Untitled-1';
    client.open(untitled, 'dockercompose', composeText);
    const diagnostics = await client.waitForDiagnostics(untitled);
    assert.equal(diagnostics.filter((d) => d.code === 'compose/healthcheck').length, 4, 'an unsaved compose file is linted');
    assert.deepEqual(
      [...client.diagnostics.keys()].filter((uri) => !uri.startsWith('untitled:')),
      [],
      'diagnostics were published for a preview document',
    );
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri: preview } }), []);
    const redis = { start: { line: 5, character: 2 }, end: { line: 5, character: 7 } };
    assert.deepEqual(await client.codeActions(preview, redis), []);
    assert.ok(!client.statuses.some((status) => status.uri.startsWith('vscode-bulkeditpreview-editor:')), 'lint status sent for a preview document');
  });

  it('the file itself, opened then, is linted', async () => {
    const uri = uriOf(composePath);
    client.open(uri, 'dockercompose', composeText);
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.equal(diagnostics.filter((d) => d.code === 'compose/healthcheck').length, 4);
  });
});

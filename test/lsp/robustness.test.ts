/**
 * Bad input never kills the server, over real LSP: binary junk, a 20 MB file, invalid YAML, tabs, an empty file
 * and a YAML alias bomb each get a diagnostic (or none) and the server keeps answering for the other documents.
 * Logging at `verbose` never contains document text or secret values.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, Diagnostic } from 'vscode-languageserver-protocol';
import { exampleRoot, onlyRules, TestClient, uriOf } from './lsp-client';
import { source } from '../lib/yaml-tag';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-bad-input-'));
const composePath = path.join(exampleRoot, 'docker-compose.yml');
const composeUri = uriOf(composePath);
const composeText = fs.readFileSync(composePath, 'utf8');

type Row = [string, number, number, number, number, string];
const rows = (diagnostics: Diagnostic[]): Row[] =>
  diagnostics.map((d) => [String(d.code), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, String(d.message)]);

const BOMB = ['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`), 'services:', '  web:', '    image: *i', ''].join('\n');

describe('bad input over LSP', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({
      workspaceFolder: folder,
      settings: { ...onlyRules(['compose/schema', 'compose/healthcheck', 'compose/secret-in-environment', 'dockerfile/syntax']), trace: { server: 'verbose' } },
    });
  });
  after(async () => {
    await client.stop();
  });

  const cases: [string, string, string, Row[]][] = [
    ['invalid YAML', 'compose.invalid.yaml', source`
      services:
        web:
          image: [unclosed
    `, [
      ['compose/schema', 3, 0, 3, 0, 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ]],
    ['tab indentation', 'compose.tabs.yaml', 'services:\n\tweb: {}\n', [['compose/schema', 1, 0, 1, 1, 'YAML syntax error: Tabs are not allowed as indentation']]],
    ['binary junk (compose)', 'compose.binary.yaml', 'services:\u0000\u0001\u0002\n', [['compose/schema', 0, 0, 0, 0, 'This is a binary file, not a text file: nothing to lint.']]],
    ['binary junk (Dockerfile)', 'Dockerfile.binary', 'FROM \u0000\u0001', [['dockerfile/syntax', 0, 0, 0, 0, 'This is a binary file, not a text file: nothing to lint.']]],
    ['an empty compose file', 'compose.empty.yaml', '', []],
    ['an empty Dockerfile', 'Dockerfile.empty', '', [['dockerfile/syntax', 0, 0, 0, 0, 'No source image provided with `FROM`']]],
  ];
  for (const [what, name, text, expected] of cases) {
    it(`${what}: ${expected.length ? 'a diagnostic' : 'no diagnostic'}, no crash`, async () => {
      const uri = uriOf(path.join(folder, name));
      client.open(uri, name.startsWith('Dockerfile') ? 'dockerfile' : 'yaml', text);
      assert.deepEqual(rows(await client.waitForDiagnostics(uri)), expected);
    });
  }

  it('a YAML alias bomb is linted in bounded time', async () => {
    const uri = uriOf(path.join(folder, 'compose.bomb.yaml'));
    const started = Date.now();
    client.open(uri, 'dockercompose', BOMB);
    await client.waitForDiagnostics(uri);
    assert.ok(Date.now() - started < 5000);
  });

  it('a 20 MB document gets one "too large" diagnostic (the editor\'s limit, dockerHarden.maxFileSizeMB)', async () => {
    const uri = uriOf(path.join(folder, 'compose.huge.yaml'));
    client.open(uri, 'dockercompose', 'services:\n' + '  # padding\n'.repeat((20 * 1024 * 1024) / 12));
    assert.deepEqual(rows(await client.waitForDiagnostics(uri, undefined, 60_000)), [
      ['compose/schema', 0, 0, 0, 0, 'File too large to lint (20.0 MB; the limit is 1 MB).'],
    ]);
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), []);
  });

  it('keeps serving the good documents afterwards: diagnostics, code lenses, code actions, edits', async () => {
    client.open(composeUri, 'dockercompose', composeText);
    const diagnostics = await client.waitForDiagnostics(composeUri);
    assert.equal(diagnostics.filter((d) => d.code === 'compose/healthcheck').length, 4);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: composeUri } });
    assert.equal(lenses.length, 5);
    const actions = await client.codeActions(composeUri, diagnostics[0].range, [diagnostics[0]]);
    assert.ok(actions.length > 0);
    // Half-typed edits keep working.
    client.change(composeUri, composeText.replace('    image: redis:7-alpine\n', '    image: redis:7-alpine\n    heal\n'));
    await client.waitForDiagnostics(composeUri);
    client.change(composeUri, composeText.replace('services:\n', 'services:\n  [\n'));
    const broken = await client.waitForDiagnostics(composeUri);
    assert.ok(broken.every((d) => d.code === 'compose/schema') && broken.length > 0);
    client.change(composeUri, composeText);
    assert.deepEqual(await client.waitForDiagnostics(composeUri), diagnostics);
    assert.equal(client.process.exitCode, null, 'the server is still running');
  });

  it('never logs document text or secret values, even at verbose', () => {
    assert.ok(client.logs.length > 0, 'verbose logging is on');
    const all = client.logs.map((log) => log.message).join('\n') + client.stderr;
    for (const secret of ['admin123', 'change-me-in-production', 'unclosed', 'padding']) assert.ok(!all.includes(secret), secret);
  });
});

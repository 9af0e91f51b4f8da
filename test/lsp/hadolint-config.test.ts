/**
 * `.hadolint.yaml` in the editor: the server lints a Dockerfile with its `ignored:`, `override:` (severities),
 * `disable-ignore-pragma`, `trustedRegistries` and `label-schema`, as the CLI does (both through the engine's
 * lintOptionsFromConfig), and re-lints when the file changes on disk (workspace/didChangeWatchedFiles).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TestClient, uriOf } from './lsp-client';

const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-hadolint-')));
fs.mkdirSync(path.join(folder, '.git'));
const dockerfilePath = path.join(folder, 'Dockerfile');
const dockerfileUri = uriOf(dockerfilePath);
const hadolintPath = path.join(folder, '.hadolint.yaml');
const DOCKERFILE = 'FROM quay.io/team/app:1\nLABEL version=latest\n# hadolint ignore=DL3025\nCMD app\n';
const lines = DOCKERFILE.split('\n');
/** `[code, severity (1 error … 3 info), line, the text the range covers]` per diagnostic. */
const rows = (diagnostics: { code?: unknown; severity?: number; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[]) =>
  diagnostics.map((d) => [String(d.code), d.severity, d.range.start.line + 1, lines[d.range.start.line].slice(d.range.start.character, d.range.end.line === d.range.start.line ? d.range.end.character : undefined)]);

describe('.hadolint.yaml in the server', () => {
  let client: TestClient;
  before(async () => {
    fs.writeFileSync(dockerfilePath, DOCKERFILE);
    fs.writeFileSync(hadolintPath, 'ignored: [DL3057]\noverride:\n  error: [DL3002]\n  info: [DL3056]\ntrustedRegistries: docker.io\nlabel-schema:\n  version: semver\n');
    client = await TestClient.start({ workspaceFolder: folder, settings: {} });
    client.open(dockerfileUri, 'dockerfile', DOCKERFILE);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('applies ignored, override, trustedRegistries and label-schema; the inline pragma holds', async () => {
    const diagnostics = await client.waitForDiagnostics(dockerfileUri, (d) => d.length > 0);
    assert.deepEqual(rows(diagnostics), [
      ['dockerfile/non-root-user', 1, 1, 'FROM quay.io/team/app:1'],
      ['dockerfile/trusted-registry', 1, 1, 'quay.io/team/app:1'],
      ['dockerfile/label-schema', 3, 2, 'version=latest'],
    ]);
  });

  it('re-lints when .hadolint.yaml changes on disk: disable-ignore-pragma brings the pragma\'s problem back', async () => {
    fs.writeFileSync(hadolintPath, 'ignored: [DL3057, DL3002, DL3026, DL3049]\ndisable-ignore-pragma: true\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(hadolintPath), type: 2 }] });
    const diagnostics = await client.waitForDiagnostics(dockerfileUri, (d) => d.some((x) => x.code === 'dockerfile/json-args') && !d.some((x) => x.code === 'dockerfile/trusted-registry'));
    // The new file has no label schema and no trusted registries: those rules say nothing now.
    assert.deepEqual(rows(diagnostics), [['dockerfile/json-args', 2, 4, 'CMD app']]);
  });

  it('an open .hadolint.yaml gets diagnostics for what is not hadolint\'s config', async () => {
    const text = 'ignored: [DL3057]\noverride:\n  errors: [DL3025]\nlabel-schema:\n  version: number\n';
    const uri = uriOf(hadolintPath);
    client.open(uri, 'yaml', text);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    const textLines = text.split('\n');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, textLines[d.range.start.line].slice(d.range.start.character, d.range.end.character), d.message]),
      [
        ['config/hadolint', 2, 'errors', 'override: unknown level "errors"; the levels are error, warning, info, style.'],
        ['config/hadolint', 2, 'number', 'label-schema.version: unknown type; the types are text, url, semver, hash, rfc3339, spdx, email.'],
      ],
    );
  });
});

/**
 * One config, one behaviour: the CLI and the language server lint and fix the same project the same way under a
 * `.docker-harden.yaml` that sets every `defaults` key, a profile, rule severities and `ignore` globs, next to a
 * `.hadolint.yaml`. Both build their lint setup with the engine's lintOptionsFromConfig; the server once dropped
 * `defaults` (it offered "Add resource limits (0.50 CPU, 256M)" where the CLI inserted `memory: 3G`).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { cli, removeProject, tempProject } from '../cli/helpers';
import { source } from '../lib/yaml-tag';
import { applyTextEdits, editsFor, TestClient, uriOf } from './lsp-client';

const files = {
  '.docker-harden.yaml': source`
    profile: strict
    rules:
      compose/image-tag: error
      compose/read-only: off
    ignore:
      - legacy/**
    defaults:
      resources:
        cpus: "2"
        memory: 3G
      logging:
        maxSize: 50m
        maxFile: "5"
      restart: always
      healthcheck:
        path: /ready
  `,
  '.hadolint.yaml': source`
    ignored:
      - DL3025
  `,
  'compose.yaml': source`
    # the app
    services:
      api:
        build: ./api
        ports:
          - "127.0.0.1:3000:3000"
      cache:
        image: redis:latest  # pinned later
  `,
  'api/Dockerfile': source`
    FROM node:20-slim
    WORKDIR /app
    COPY . .
    EXPOSE 3000
    CMD node server.js
  `,
  'api/server.js': 'require("http").createServer((req, res) => res.end("ok")).listen(3000);\n',
  'legacy/compose.yaml': source`
    services:
      old:
        image: postgres
  `,
};

const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };
type Row = [file: string, rule: string, line: number, column: number, severity: string];

describe('the CLI and the language server under one config', () => {
  let dir: string;
  let client: TestClient;
  const lspRows: Row[] = [];
  const diagnosticsOf = new Map<string, Diagnostic[]>();

  before(async () => {
    dir = tempProject(files);
    client = await TestClient.start({ workspaceFolder: dir, settings: {} });
    for (const [name, language] of [['compose.yaml', 'dockercompose'], ['api/Dockerfile', 'dockerfile'], ['legacy/compose.yaml', 'dockercompose']] as const) {
      const uri = uriOf(path.join(dir, name));
      client.open(uri, language, files[name]);
      const diagnostics = await client.waitForDiagnostics(uri);
      diagnosticsOf.set(name, diagnostics);
      for (const d of diagnostics) lspRows.push([name, String(d.code), d.range.start.line + 1, d.range.start.character + 1, SEVERITY[d.severity ?? 1]]);
    }
  });
  after(async () => {
    await client?.stop();
    if (dir) removeProject(dir);
  });

  it('report the same problems (profile, severities, ignore globs and .hadolint.yaml applied)', () => {
    const run = cli(['check', '--format', 'json', '.'], dir);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const report = JSON.parse(run.stdout) as { files: { path: string; problems: { ruleId: string; line: number; column: number; severity: string }[] }[] };
    const cliRows: Row[] = report.files.flatMap((file) => file.problems.map((p): Row => [file.path, p.ruleId, p.line, p.column, p.severity]));
    const sort = (rows: Row[]) => rows.map((row) => row.join(' ')).sort();
    assert.deepEqual(sort(lspRows), sort(cliRows));
    // The setup is in force: strict rules on, image-tag raised, read-only off, legacy/ and DL3025 ignored.
    assert.ok(cliRows.some(([file, rule]) => file === 'compose.yaml' && rule === 'compose/no-new-privileges'));
    assert.ok(cliRows.some(([file, rule, , , severity]) => file === 'compose.yaml' && rule === 'compose/image-tag' && severity === 'error'));
    assert.ok(!cliRows.some(([file, rule]) => file.startsWith('legacy/') || rule === 'compose/read-only' || rule === 'dockerfile/json-args'));
  });

  it('insert the config defaults in the quick fix the editor offers and in the CLI fix', async () => {
    const uri = uriOf(path.join(dir, 'compose.yaml'));
    const limits = diagnosticsOf.get('compose.yaml')!.find((d) => d.code === 'compose/resource-limits' && d.range.start.line === 2)!;
    assert.ok(limits, 'api has no limits');
    const actions = (await client.codeActions(uri, limits.range, [limits])) as CodeAction[];
    const fix = actions.find((action) => action.title.startsWith('Add resource limits'))!;
    assert.equal(fix.title, 'Add resource limits (2 CPUs, 3G)');
    const withLimits = applyTextEdits(files['compose.yaml'], editsFor(fix.edit, uri));
    assert.match(withLimits, /cpus: "2"\n\s+memory: 3G/);

    const copy = tempProject(files);
    try {
      // The compose file alone, as the editor's fix-all of one document (`fix .` would also fix the Dockerfile, whose
      // HEALTHCHECK then makes the compose healthcheck unneeded).
      const run = cli(['fix', 'compose.yaml'], copy);
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
      const fixedByCli = fs.readFileSync(path.join(copy, 'compose.yaml'), 'utf8');
      assert.match(fixedByCli, /cpus: "2"\n\s+memory: 3G/);
      assert.match(fixedByCli, /max-size: "50m"\n\s+max-file: "5"/);
      assert.match(fixedByCli, /restart: always/);
      // source.fixAll in the editor gives the compose file the CLI's text.
      const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const [fixAll] = (await client.codeActions(uri, zero, [], ['source.fixAll'])) as CodeAction[];
      assert.equal(applyTextEdits(files['compose.yaml'], editsFor(fixAll.edit, uri)), fixedByCli);
    } finally {
      removeProject(copy);
    }
  });

  it('harden the same way: "Harden service" in the editor and `docker-harden harden` write the same files (.hadolint.yaml ignores kept)', async () => {
    const uri = uriOf(path.join(dir, 'compose.yaml'));
    const editor = await client.request<{ changes: { uri: string; newText: string; create: boolean }[]; fixCount: number }>('dockerHarden/hardenService', { uri, services: [] });
    const copy = tempProject(files);
    try {
      const run = cli(['harden', 'compose.yaml'], copy);
      assert.equal(run.status, 0, run.stderr);
      // The same set of files changed or created, with the same text.
      const changedByCli = listFiles(copy).filter((relative) => fs.readFileSync(path.join(copy, relative), 'utf8') !== (files as Record<string, string>)[relative]);
      const changedByEditor = editor.changes.map((change) => path.relative(dir, new URL(change.uri).pathname));
      assert.deepEqual(changedByEditor.sort(), changedByCli.sort());
      assert.ok(changedByCli.includes('api/Dockerfile') && changedByCli.includes('compose.yaml'), changedByCli.join(', '));
      for (const change of editor.changes) {
        const relative = path.relative(dir, new URL(change.uri).pathname);
        assert.equal(change.newText, fs.readFileSync(path.join(copy, relative), 'utf8'), `${relative}: the editor's harden differs from the CLI's`);
      }
      const dockerfile = fs.readFileSync(path.join(copy, 'api/Dockerfile'), 'utf8');
      // DL3025 (dockerfile/json-args) is ignored by .hadolint.yaml: the shell-form CMD stays; other fixes happened.
      assert.match(dockerfile, /^CMD node server\.js$/m);
      assert.notEqual(dockerfile, files['api/Dockerfile']);
      assert.match(fs.readFileSync(path.join(copy, 'compose.yaml'), 'utf8'), /memory: 3G/);
    } finally {
      removeProject(copy);
    }
  });
});

function listFiles(root: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(root, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(root, relative) : [relative];
  });
}

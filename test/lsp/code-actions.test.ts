/**
 * Code actions over real LSP: each quick fix carries its edit, and applying that edit to the document gives the
 * exact expected text, changing only the lines it must (comments intact). Fix-all per rule, source.fixAll, the two
 * ignore actions (round-tripped: the diagnostic goes away), show documentation, unsafe fixes with a change
 * annotation that needs confirmation, and clients without CodeAction literals or documentChanges.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Command, Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, comments, editsFor, exampleRoot, onlyRules, TestClient, uriOf, vscodeCapabilities } from './lsp-client';

const composePath = path.join(exampleRoot, 'docker-compose.yml');
const composeUri = uriOf(composePath);
const composeText = fs.readFileSync(composePath, 'utf8');
const dockerfilePath = path.join(exampleRoot, 'backend', 'ai_server', 'Dockerfile');
const dockerfileUri = uriOf(dockerfilePath);
const dockerfileText = fs.readFileSync(dockerfilePath, 'utf8');
const RULES = ['compose/obsolete-version', 'compose/healthcheck', 'compose/depends-on-healthy', 'dockerfile/non-root-user'];

/** [startLine, startChar, endLine, endChar, newText]: an LSP text edit as data. */
type EditRow = [number, number, number, number, string];
const editRows = (edits: TextEdit[]): EditRow[] =>
  edits.map((e) => [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.newText]);
const isAction = (item: CodeAction | Command): item is CodeAction => !('command' in item && typeof item.command === 'string');
const titles = (items: (CodeAction | Command)[]) => items.map((item) => item.title);

const HEALTHCHECK = (test: string) => `    healthcheck:\n      test: ${test}\n      interval: 30s\n      timeout: 10s\n      retries: 3\n      start_period: 30s`;
const HEALTHY = (name: string) => `${name}:\n        condition: service_healthy`;

describe('code actions over LSP', () => {
  let client: TestClient;
  let diagnostics: Diagnostic[];
  const byCode = (code: string, index = 0) => diagnostics.filter((d) => d.code === code)[index];

  before(async () => {
    client = await TestClient.start({ settings: onlyRules(RULES) });
    client.open(composeUri, 'dockercompose', composeText);
    diagnostics = await client.waitForDiagnostics(composeUri);
  });
  after(async () => {
    await client.stop();
  });

  it('offers, for the redis healthcheck problem, the fix first (preferred), fix-all for the rule, the ignore actions and the docs', async () => {
    const diagnostic = byCode('compose/healthcheck');
    const actions = await client.codeActions(composeUri, diagnostic.range, [diagnostic]);
    assert.deepEqual(titles(actions), [
      'Add a healthcheck (redis-cli ping)',
      'Fix all compose/healthcheck problems',
      'Ignore compose/healthcheck for this line',
      'Ignore compose/healthcheck for this file',
      'Show documentation for compose/healthcheck',
    ]);
    const [fix, fixAll, , , docs] = actions as CodeAction[];
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.kind, 'quickfix');
    assert.deepEqual(fix.diagnostics, [diagnostic]);
    assert.equal(fixAll.isPreferred, undefined);
    assert.deepEqual(docs.command, {
      title: 'Show documentation for compose/healthcheck',
      command: 'dockerHarden.showDocumentation',
      arguments: ['https://github.com/docker-harden/docker-harden/blob/main/docs/rules/compose/healthcheck.md'],
    });
  });

  it('the healthcheck quick fix inserts exactly the healthcheck lines (whole lines) after the redis service, versioned, comments intact', async () => {
    const diagnostic = byCode('compose/healthcheck');
    const [fix] = (await client.codeActions(composeUri, diagnostic.range, [diagnostic])) as CodeAction[];
    const change = fix.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri: composeUri, version: 1 });
    assert.deepEqual(editRows(editsFor(fix.edit, composeUri)), [[15, 0, 15, 0, `${HEALTHCHECK('["CMD", "redis-cli", "ping"]')}\n`]]);
    const fixed = applyTextEdits(composeText, editsFor(fix.edit, composeUri));
    const lines = composeText.split('\n');
    assert.equal(fixed, [...lines.slice(0, 15), ...HEALTHCHECK('["CMD", "redis-cli", "ping"]').split('\n'), ...lines.slice(15)].join('\n'));
    assert.deepEqual(comments(fixed), comments(composeText));
  });

  it('the obsolete-version quick fix removes the key and its blank line only', async () => {
    const diagnostic = byCode('compose/obsolete-version');
    const [fix] = (await client.codeActions(composeUri, diagnostic.range, [diagnostic])) as CodeAction[];
    assert.equal(fix.title, 'Remove the obsolete `version` key');
    assert.deepEqual(editRows(editsFor(fix.edit, composeUri)), [[1, 0, 3, 0, '']]);
    const fixed = applyTextEdits(composeText, editsFor(fix.edit, composeUri));
    assert.equal(fixed, composeText.replace("version: '3.8'\n\n", ''));
    assert.deepEqual(comments(fixed), comments(composeText));
  });

  it('the depends_on quick fix rewrites one entry with the healthcheck it needs; "Fix all" rewrites all four, with theirs', async () => {
    const diagnostic = byCode('compose/depends-on-healthy');
    const actions = (await client.codeActions(composeUri, diagnostic.range, [diagnostic])) as CodeAction[];
    // redis has no healthcheck yet: the fix gives it one in the same edit (a service_healthy dependency without one
    // would not start).
    assert.equal(actions[0].title, 'Wait for healthy dependencies (`condition: service_healthy`), with their healthchecks');
    assert.deepEqual(editRows(editsFor(actions[0].edit, composeUri)), [
      [15, 0, 15, 0, `${HEALTHCHECK('["CMD", "redis-cli", "ping"]')}\n`],
      [31, 6, 31, 13, HEALTHY('redis')],
    ]);
    const fixAll = actions.find((action) => action.title === 'Fix all compose/depends-on-healthy problems')!;
    // With the healthchecks the waits need: redis's and ai_server's (api_server's Dockerfile has a HEALTHCHECK).
    assert.deepEqual(editRows(editsFor(fixAll.edit, composeUri)), [
      [15, 0, 15, 0, `${HEALTHCHECK('["CMD", "redis-cli", "ping"]')}\n`],
      [31, 6, 31, 13, HEALTHY('redis')],
      [52, 6, 52, 13, HEALTHY('redis')],
      [56, 0, 56, 0, `${HEALTHCHECK('["CMD", "curl", "-f", "http://127.0.0.1:9999/api/v1/health"]')}\n`],
      [83, 6, 84, 17, `${HEALTHY('api_server')}\n      ${HEALTHY('ai_server')}`],
    ]);
  });

  it('source.fixAll.dockerHarden returns the minimal edits of every safe fix, and nothing once applied', async () => {
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = (await client.codeActions(composeUri, zero, [], ['source.fixAll'])) as CodeAction[];
    assert.deepEqual(titles(actions), ['Fix all safe problems']);
    assert.equal(actions[0].kind, 'source.fixAll.dockerHarden');
    const change = actions[0].edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri: composeUri, version: 1 }, 'the edit is refused by the client if the document moved');
    const edits = editsFor(actions[0].edit, composeUri);
    assert.deepEqual(editRows(edits), [
      [1, 0, 3, 0, ''],
      [15, 0, 15, 0, `${HEALTHCHECK('["CMD", "redis-cli", "ping"]')}\n`],
      [31, 6, 31, 13, HEALTHY('redis')],
      [52, 6, 52, 13, HEALTHY('redis')],
      [56, 0, 56, 0, `${HEALTHCHECK('["CMD", "curl", "-f", "http://127.0.0.1:9999/api/v1/health"]')}\n`],
      [71, 0, 71, 0, `${HEALTHCHECK('["CMD", "wget", "-q", "--spider", "http://127.0.0.1:9090/-/healthy"]')}\n`],
      [83, 6, 84, 17, `${HEALTHY('api_server')}\n      ${HEALTHY('ai_server')}`],
    ]);
    const fixed = applyTextEdits(composeText, edits);
    assert.deepEqual(comments(fixed), comments(composeText));
    // Only the explicit kinds get it: a plain quick-fix request does not run the fixer.
    const quick = await client.codeActions(composeUri, zero, [], ['quickfix']);
    assert.ok(!titles(quick).includes('Fix all safe problems'));
    // Applied, the document has no safely fixable problem left: no action. The frontend's probe stays a problem: its
    // fix is unsafe (nothing shows that `/` answers 2xx).
    client.change(composeUri, fixed);
    const remaining = await client.waitForDiagnostics(composeUri);
    assert.deepEqual(remaining.map((d) => d.code), ['compose/healthcheck']);
    assert.deepEqual(await client.codeActions(composeUri, zero, [], ['source.fixAll.dockerHarden']), []);
    client.change(composeUri, composeText);
    diagnostics = await client.waitForDiagnostics(composeUri);
  });

  it('"Ignore for this line" inserts an indented comment above the entry, and the problem goes away', async () => {
    const diagnostic = byCode('compose/depends-on-healthy', 1); // ai_server → redis, line 52
    const actions = (await client.codeActions(composeUri, diagnostic.range, [diagnostic])) as CodeAction[];
    const ignore = actions.find((action) => action.title === 'Ignore compose/depends-on-healthy for this line')!;
    assert.deepEqual(editRows(editsFor(ignore.edit, composeUri)), [[52, 0, 52, 0, '      # docker-harden-ignore compose/depends-on-healthy\n']]);
    const ignored = applyTextEdits(composeText, editsFor(ignore.edit, composeUri));
    client.change(composeUri, ignored);
    const after = await client.waitForDiagnostics(composeUri);
    assert.deepEqual(
      after.filter((d) => d.code === 'compose/depends-on-healthy').map((d) => d.range.start.line),
      [31, 84, 85],
      'only the ignored entry is gone (later lines moved down by one)',
    );
    // A second id goes into the same comment.
    const healthcheck = after.find((d) => d.code === 'compose/healthcheck' && d.range.start.line === 37)!;
    const again = (await client.codeActions(composeUri, healthcheck.range, [healthcheck])) as CodeAction[];
    const line = again.find((action) => action.title === 'Ignore compose/healthcheck for this line')!;
    assert.deepEqual(editRows(editsFor(line.edit, composeUri)), [[37, 0, 37, 0, '  # docker-harden-ignore compose/healthcheck\n']]);
    client.change(composeUri, composeText);
    diagnostics = await client.waitForDiagnostics(composeUri);
  });

  it('"Ignore for this file" inserts one comment at the top, and every problem of the rule goes away', async () => {
    const diagnostic = byCode('compose/healthcheck');
    const actions = (await client.codeActions(composeUri, diagnostic.range, [diagnostic])) as CodeAction[];
    const ignore = actions.find((action) => action.title === 'Ignore compose/healthcheck for this file')!;
    assert.deepEqual(editRows(editsFor(ignore.edit, composeUri)), [[0, 0, 0, 0, '# docker-harden-ignore-file compose/healthcheck\n']]);
    client.change(composeUri, applyTextEdits(composeText, editsFor(ignore.edit, composeUri)));
    const after = await client.waitForDiagnostics(composeUri);
    assert.equal(after.filter((d) => d.code === 'compose/healthcheck').length, 0);
    assert.equal(after.length, diagnostics.length - 4);
    client.change(composeUri, composeText);
    diagnostics = await client.waitForDiagnostics(composeUri);
  });

  it('an automatic request between a change and its debounced lint gets nothing; an invoked one lints at once', async () => {
    const diagnostic = byCode('compose/obsolete-version');
    const edited = composeText.replace('# Cache and job queue', '# Cache and job queue (edited)');
    const version = client.change(composeUri, edited);
    const request = (triggerKind: number) =>
      client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: composeUri }, range: diagnostic.range, context: { diagnostics: [diagnostic], triggerKind } });
    assert.deepEqual(await request(2), []);
    const invoked = await request(1);
    assert.equal(invoked[0].title, 'Remove the obsolete `version` key');
    assert.deepEqual((invoked[0].edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, version);
    client.change(composeUri, composeText);
    diagnostics = await client.waitForDiagnostics(composeUri);
  });

  it('an unsafe fix carries a change annotation that needs confirmation, and is not preferred', async () => {
    client.open(dockerfileUri, 'dockerfile', dockerfileText);
    const [diagnostic] = await client.waitForDiagnostics(dockerfileUri);
    assert.equal(diagnostic.code, 'dockerfile/non-root-user');
    const actions = (await client.codeActions(dockerfileUri, diagnostic.range, [diagnostic])) as CodeAction[];
    assert.deepEqual(titles(actions), [
      'Create a non-root user "app" and switch to it (verify: the app writes nothing under /app (owned by root; "app" cannot write there))',
      'Ignore dockerfile/non-root-user for this line',
      'Ignore dockerfile/non-root-user for this file',
      'Show documentation for dockerfile/non-root-user',
    ]);
    const fix = actions[0];
    assert.equal(fix.isPreferred, undefined);
    const change = fix.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.edits, [
      { range: { start: { line: 28, character: 0 }, end: { line: 28, character: 0 } }, newText: 'RUN groupadd -r app && useradd -r -g app app\nUSER app\n', annotationId: 'dockerHarden.unsafe' },
    ]);
    assert.equal(fix.edit!.changeAnnotations!['dockerHarden.unsafe'].needsConfirmation, true);
    // The ignore comment goes above the whole instruction.
    assert.deepEqual(editRows(editsFor(actions[1].edit, dockerfileUri)), [[0, 0, 0, 0, '# docker-harden-ignore dockerfile/non-root-user\n']]);
  });
});

describe('code actions for clients with fewer capabilities', () => {
  it('without CodeAction literals: Commands carrying the edit, which the server applies through workspace/applyEdit', async () => {
    const capabilities = structuredClone(vscodeCapabilities);
    delete capabilities.textDocument!.codeAction!.codeActionLiteralSupport;
    const client = await TestClient.start({ capabilities, settings: onlyRules(RULES) });
    try {
      client.open(composeUri, 'dockercompose', composeText);
      const diagnostics = await client.waitForDiagnostics(composeUri);
      const diagnostic = diagnostics.find((d) => d.code === 'compose/obsolete-version')!;
      const commands = (await client.codeActions(composeUri, diagnostic.range, [diagnostic])) as Command[];
      assert.deepEqual(commands.map((c) => c.command), [
        'dockerHarden.applyEdit', 'dockerHarden.applyEdit', 'dockerHarden.applyEdit', 'dockerHarden.showDocumentation',
      ]);
      assert.ok(commands.every((c) => !isAction(c) || c.command));
      await client.request('workspace/executeCommand', { command: commands[0].command, arguments: commands[0].arguments });
      assert.equal(client.appliedEdits.length, 1);
      assert.equal(applyTextEdits(composeText, editsFor(client.appliedEdits[0], composeUri)), composeText.replace("version: '3.8'\n\n", ''));
    } finally {
      await client.stop();
    }
  });

  it('without resource operations: fix-all keeps the document edits and leaves out the file it cannot create', async () => {
    const capabilities = structuredClone(vscodeCapabilities);
    capabilities.workspace!.workspaceEdit = {};
    const client = await TestClient.start({ capabilities, settings: onlyRules(['dockerfile/dockerignore', 'dockerfile/json-args']) });
    try {
      const frontendPath = path.join(exampleRoot, 'frontend', 'project', 'Dockerfile');
      const uri = uriOf(frontendPath);
      const text = fs.readFileSync(frontendPath, 'utf8');
      client.open(uri, 'dockerfile', text);
      assert.deepEqual((await client.waitForDiagnostics(uri)).map((d) => d.code), ['dockerfile/dockerignore', 'dockerfile/json-args']);
      const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const [fixAll] = (await client.codeActions(uri, zero, [], ['source.fixAll'])) as CodeAction[];
      assert.deepEqual(Object.keys(fixAll.edit!.changes!), [uri], 'no .dockerignore: this client cannot create it');
      assert.deepEqual(editRows(fixAll.edit!.changes![uri]), [[23, 4, 23, 26, '["sh", "-c", "exec serve -s dist -l $PORT"]']]);
    } finally {
      await client.stop();
    }
  });

  it('without documentChanges: a plain `changes` map, and no change annotations', async () => {
    const capabilities = structuredClone(vscodeCapabilities);
    capabilities.workspace!.workspaceEdit = {};
    const client = await TestClient.start({ capabilities, settings: onlyRules(RULES) });
    try {
      client.open(dockerfileUri, 'dockerfile', dockerfileText);
      const [diagnostic] = await client.waitForDiagnostics(dockerfileUri);
      const [fix] = (await client.codeActions(dockerfileUri, diagnostic.range, [diagnostic])) as CodeAction[];
      const edit: WorkspaceEdit = fix.edit!;
      assert.deepEqual(Object.keys(edit), ['changes']);
      assert.deepEqual(editRows(edit.changes![dockerfileUri]), [[28, 0, 28, 0, 'RUN groupadd -r app && useradd -r -g app app\nUSER app\n']]);
    } finally {
      await client.stop();
    }
  });
});

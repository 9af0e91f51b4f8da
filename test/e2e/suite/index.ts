/**
 * The extension-host integration suite: runs inside a real VS Code extension host with the full `vscode` API, as
 * `@vscode/test-electron` runs suites (`run()` resolves = pass). Started by test/e2e/code-server.test.ts (code-server,
 * payload URL) or test/e2e/run-electron.ts (downloaded VS Code). The expected results come from the engine, in
 * e2e-config.json beside the workspace folder (test/e2e/lib/fixture.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExpectedDiagnostic, Position, SuiteConfig, TestResult } from './config';

const EXTENSION_ID = 'docker-harden.docker-harden';
const DEADLINE_MS = 15_000;

type Test = { name: string; body: (config: SuiteConfig) => Promise<void> };
const tests: Test[] = [];
function test(name: string, body: Test['body']): void {
  tests.push({ name, body });
}

/** Polls `probe` until it returns something other than undefined/false; fails with `what` after the deadline. */
async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = DEADLINE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const SEVERITY: Record<ExpectedDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

interface SeenDiagnostic {
  code: string;
  target: string;
  severity: vscode.DiagnosticSeverity;
  message: string;
  start: Position;
  end: Position;
}

function pos(position: vscode.Position): Position {
  return { line: position.line, character: position.character };
}

function range(start: Position, end: Position): vscode.Range {
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

function order(a: SeenDiagnostic, b: SeenDiagnostic): number {
  return a.start.line - b.start.line || a.start.character - b.start.character || a.code.localeCompare(b.code) || a.message.localeCompare(b.message);
}

/** Our diagnostics (code = rule id) of a file, in a comparable shape. */
function ourDiagnostics(uri: vscode.Uri): SeenDiagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => typeof d.code === 'object' && /^(compose|dockerfile)\//.test(String(d.code.value)))
    .map((d) => {
      const code = d.code as { value: string | number; target: vscode.Uri };
      return {
        code: String(code.value),
        target: code.target.toString(true),
        severity: d.severity,
        message: d.message,
        start: pos(d.range.start),
        end: pos(d.range.end),
      };
    })
    .sort(order);
}

function expectedDiagnostics(expected: ExpectedDiagnostic[]): SeenDiagnostic[] {
  return expected.map((d) => ({ ...d, severity: SEVERITY[d.severity] })).sort(order);
}

/** Waits until the file's diagnostics are exactly `expected` (the server re-lints after each change). */
async function diagnosticsSettle(uri: vscode.Uri, expected: ExpectedDiagnostic[]): Promise<void> {
  const want = expectedDiagnostics(expected);
  let seen: SeenDiagnostic[] = [];
  try {
    await waitFor(`the diagnostics of ${path.basename(uri.fsPath)}`, () => {
      seen = ourDiagnostics(uri);
      return JSON.stringify(seen) === JSON.stringify(want);
    });
  } catch (error) {
    assert.deepEqual(seen, want, String(error));
  }
}

async function open(file: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document);
  return document;
}

function wholeRange(document: vscode.TextDocument): vscode.Range {
  return new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
}

/** Puts a file back to its original text (tests never save; files that a test created are deleted). */
async function restore(file: string, original: string | undefined): Promise<void> {
  const uri = vscode.Uri.file(file);
  if (original === undefined) {
    await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
    return;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.getText() !== original) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, wholeRange(document), original);
    assert.equal(await vscode.workspace.applyEdit(edit), true, `restoring ${file}`);
  }
  // Not saved: the disk still holds the original, and a save costs seconds of will-save participants.
  assert.equal(document.getText(), original);
}

/**
 * The code actions at a range, once `accept` finds them complete. A request can come back "Canceled" while the
 * workbench is busy (an edit, a re-lint); it is asked again until the deadline.
 */
async function codeActions(uri: vscode.Uri, at: vscode.Range, kind: string | undefined, accept: (actions: vscode.CodeAction[]) => boolean): Promise<vscode.CodeAction[]> {
  let last: string[] = [];
  try {
    return await waitFor(`code actions at ${at.start.line + 1}:${at.start.character + 1}`, async () => {
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, at, kind);
      const codeActions = (actions ?? []).filter((action): action is vscode.CodeAction => 'title' in action && typeof action.command !== 'string');
      last = codeActions.map((action) => action.title);
      return accept(codeActions) && codeActions;
    });
  } catch (error) {
    throw new Error(`${String(error)}; last titles: ${JSON.stringify(last)}`);
  }
}

test('activates on a compose file and reports its problems with ids, ranges and docs links', async (config) => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  const document = await open(config.compose.path);
  assert.equal(document.languageId, 'dockercompose');
  await waitFor('the extension to activate', () => extension.isActive);
  const api = extension.exports as { ready?: Promise<void> } | undefined;
  await api?.ready;
  await diagnosticsSettle(document.uri, config.compose.diagnostics);
  // A literal check too, independent of the engine: the redis service key gets compose/healthcheck.
  const redis = ourDiagnostics(document.uri).find((d) => d.code === 'compose/healthcheck' && d.start.line === config.compose.redisKey.start.line);
  assert.deepEqual(redis && { start: redis.start, end: redis.end, severity: redis.severity, target: redis.target }, {
    start: { line: 5, character: 2 },
    end: { line: 5, character: 7 },
    severity: vscode.DiagnosticSeverity.Warning,
    target: 'https://github.com/docker-harden/docker-harden/blob/main/docs/rules/compose/healthcheck.md',
  });
});

test('reports the problems of a Dockerfile', async (config) => {
  const document = await open(config.dockerfile.path);
  assert.equal(document.languageId, 'dockerfile');
  await diagnosticsSettle(document.uri, config.dockerfile.diagnostics);
  assert.ok(ourDiagnostics(document.uri).some((d) => d.code === 'dockerfile/non-root-user'));
});

test('offers the quick fixes of the redis service', async (config) => {
  const document = await open(config.compose.path);
  await diagnosticsSettle(document.uri, config.compose.diagnostics);
  const actions = await codeActions(document.uri, range(config.compose.redisKey.start, config.compose.redisKey.end), undefined, (found) =>
    found.some((action) => action.title === config.compose.redisQuickFix.title),
  );
  const quickFixes = actions.filter((action) => action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind));
  const titles = quickFixes.map((action) => action.title);
  const fix = quickFixes.find((action) => action.title === config.compose.redisQuickFix.title);
  assert.ok(fix, `no "${config.compose.redisQuickFix.title}" among ${JSON.stringify(titles)}`);
  assert.ok(fix.edit, 'the quick fix carries its edit');
  assert.ok(titles.includes('Ignore compose/healthcheck for this line'), `no ignore action among ${JSON.stringify(titles)}`);
});

test('applying the redis healthcheck quick fix gives the expected text', async (config) => {
  const document = await open(config.compose.path);
  try {
    await diagnosticsSettle(document.uri, config.compose.diagnostics);
    const actions = await codeActions(document.uri, range(config.compose.redisKey.start, config.compose.redisKey.end), vscode.CodeActionKind.QuickFix.value, (found) =>
      found.some((action) => action.title === config.compose.redisQuickFix.title),
    );
    const fix = actions.find((action) => action.title === config.compose.redisQuickFix.title);
    assert.ok(fix?.edit);
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.equal(document.getText(), config.compose.redisQuickFix.output);
    assert.match(document.getText(), /\n {4}healthcheck:\n {6}test: \["CMD", "redis-cli", "ping"\]\n/);
    await waitFor('the redis healthcheck problem to go away', () =>
      !ourDiagnostics(document.uri).some((d) => d.code === 'compose/healthcheck' && d.start.line === config.compose.redisKey.start.line),
    );
  } finally {
    await restore(config.compose.path, config.compose.original);
  }
});

test('source.fixAll.dockerHarden gives the text of the engine fix-all', async (config) => {
  const document = await open(config.compose.path);
  try {
    await diagnosticsSettle(document.uri, config.compose.diagnostics);
    const actions = await codeActions(document.uri, wholeRange(document), 'source.fixAll.dockerHarden', (found) => found.length > 0);
    assert.deepEqual(actions.map((action) => action.kind?.value), ['source.fixAll.dockerHarden']);
    assert.ok(actions[0].edit);
    assert.equal(await vscode.workspace.applyEdit(actions[0].edit), true);
    assert.equal(document.getText(), config.compose.fixAllOutput);
    assert.doesNotMatch(document.getText(), /^version:/m);
    // Every comment of the example survives.
    for (const comment of config.compose.original.match(/#.*$/gm) ?? []) assert.ok(document.getText().includes(comment), `lost comment ${comment}`);
  } finally {
    await restore(config.compose.path, config.compose.original);
  }
});

test('the "Fix all safe problems" command fixes a Dockerfile', async (config) => {
  const document = await open(config.dockerfile.path);
  try {
    await diagnosticsSettle(document.uri, config.dockerfile.diagnostics);
    const outcome = await vscode.commands.executeCommand<{ applied: boolean; edits: number }>('dockerHarden.fixAll', document.uri);
    assert.equal(outcome?.applied, true);
    assert.equal(document.getText(), config.dockerfile.fixAllOutput);
  } finally {
    await restore(config.dockerfile.path, config.dockerfile.original);
  }
});

test('"Harden service" with [uri, "redis"] edits the files as the engine does', async (config) => {
  const document = await open(config.compose.path);
  const others = config.compose.hardenRedis.otherFiles.map((file) => ({ ...file, original: fs.existsSync(file.path) ? fs.readFileSync(file.path, 'utf8') : undefined }));
  try {
    await diagnosticsSettle(document.uri, config.compose.diagnostics);
    // preview: false applies without VS Code's refactor preview (which waits for a click).
    const outcome = await vscode.commands.executeCommand<{ applied: boolean; fixCount: number; files: string[] }>(
      'dockerHarden.hardenService',
      document.uri,
      'redis',
      { preview: false },
    );
    assert.equal(outcome?.applied, true);
    assert.equal(outcome.fixCount, config.compose.hardenRedis.fixCount);
    assert.equal(document.getText(), config.compose.hardenRedis.output);
    assert.match(document.getText(), /\n {2}redis:\n(?: {4}.*\n)*? {4}healthcheck:\n/);
    for (const file of others) {
      const changed = await vscode.workspace.openTextDocument(vscode.Uri.file(file.path));
      assert.equal(changed.getText(), file.after, `${file.path} after hardening`);
    }
  } finally {
    await restore(config.compose.path, config.compose.original);
    for (const file of others) await restore(file.path, file.original);
  }
});

test('a "Harden service" code lens sits above every service', async (config) => {
  const document = await open(config.compose.path);
  await diagnosticsSettle(document.uri, config.compose.diagnostics);
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri)) ?? [];
  const ours = lenses.filter((lens) => lens.command?.command === 'dockerHarden.hardenService');
  assert.deepEqual(
    ours.map((lens) => ({ title: lens.command?.title, service: lens.command?.arguments?.[1] })),
    ['redis', 'api_server', 'ai_server', 'prometheus', 'frontend'].map((service) => ({ title: 'Harden service', service })),
  );
});

test('a document of another scheme (as the refactor preview shows a changed file) is not linted: no second copy of its problems', async (config) => {
  // VS Code's refactor preview opens each changed file as a `vscode-bulkeditpreview-editor:` document with the file's
  // language; a content provider of our own stands for it here.
  const scheme = 'docker-harden-test-preview';
  const registration = vscode.workspace.registerTextDocumentContentProvider(scheme, { provideTextDocumentContent: () => config.compose.original });
  try {
    const virtual = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme, path: config.compose.path })), 'dockercompose');
    assert.equal(virtual.languageId, 'dockercompose');
    // Opened after it, an unsaved copy is linted: once its problems are in, the virtual one's would be too.
    const untitled = await vscode.workspace.openTextDocument({ language: 'dockercompose', content: config.compose.original });
    await waitFor('the unsaved copy linted', () => ourDiagnostics(untitled.uri).filter((d) => d.code === 'compose/healthcheck').length >= 4);
    const elsewhere = vscode.languages
      .getDiagnostics()
      .filter(([uri, diagnostics]) => uri.scheme !== 'file' && uri.scheme !== 'untitled' && diagnostics.some((d) => d.source === 'docker-harden'))
      .map(([uri]) => uri.toString());
    assert.deepEqual(elsewhere, []);
  } finally {
    registration.dispose();
  }
});

async function snippetLabels(document: vscode.TextDocument, at: vscode.Position, expected: string[]): Promise<string[]> {
  let labels: string[] = [];
  try {
    return await waitFor(`snippets in ${path.basename(document.uri.fsPath)}`, async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at);
      labels = (list?.items ?? [])
        .filter((item) => item.kind === vscode.CompletionItemKind.Snippet)
        .map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      return expected.every((prefix) => labels.includes(prefix)) && labels;
    });
  } catch (error) {
    throw new Error(`${String(error)}; missing: ${JSON.stringify(expected.filter((prefix) => !labels.includes(prefix)))} among ${JSON.stringify(labels)}`);
  }
}

test('completion offers our compose and Dockerfile snippets', async (config) => {
  const compose = await open(config.compose.path);
  const dockerfile = await open(config.dockerfile.path);
  try {
    // An empty line inside the redis service, and one at the end of the Dockerfile.
    const line = config.compose.redisKey.start.line + 1;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(compose.uri, new vscode.Position(line, 0), '    \n');
    edit.insert(dockerfile.uri, dockerfile.positionAt(dockerfile.getText().length), '\n');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.ok(config.snippets.compose.length >= 10 && config.snippets.dockerfile.length >= 5);
    await snippetLabels(compose, new vscode.Position(line, 4), config.snippets.compose);
    await snippetLabels(dockerfile, dockerfile.positionAt(dockerfile.getText().length), config.snippets.dockerfile);
  } finally {
    await restore(config.compose.path, config.compose.original);
    await restore(config.dockerfile.path, config.dockerfile.original);
  }
});

function loadConfig(): SuiteConfig {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return JSON.parse(fs.readFileSync(path.join(folder.uri.fsPath, '..', 'e2e-config.json'), 'utf8')) as SuiteConfig;
}

/** The entry point the extension host calls (the @vscode/test-electron contract): rejects when a test failed. */
export async function run(): Promise<void> {
  const config = loadConfig();
  const results: TestResult[] = [];
  for (const { name, body } of tests) {
    const started = Date.now();
    try {
      await body(config);
      results.push({ name, ok: true, ms: Date.now() - started });
      console.log(`ok - ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.push({ name, ok: false, ms: Date.now() - started, error: message });
      console.log(`not ok - ${name}\n${message}`);
    }
  }
  fs.writeFileSync(config.resultsFile, JSON.stringify(results, null, 2));
  const failed = results.filter((result) => !result.ok);
  if (failed.length > 0) throw new Error(`${failed.length} of ${results.length} extension-host tests failed: ${failed.map((f) => f.name).join('; ')}`);
}

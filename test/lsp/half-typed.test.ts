/**
 * A line half typed (issue 19): while the compose file does not parse, the server publishes the syntax error AND the
 * problems of the last lint outside the changed lines (moved with the text), not the syntax error alone. Those kept
 * problems offer no fix (only ignore and docs), fix-all and "Harden service" offer nothing on the broken text (Harden
 * says why), and once the line is finished the diagnostics are again exactly the engine's lint of the new text.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Command, Diagnostic } from 'vscode-languageserver-protocol';
import { LineIndex, lint } from '../../engine/src/index';
import { diskWorkspace } from '../../engine/src/node';
import { editsFor, exampleRoot, onlyRules, TestClient, uriOf, waitFor } from './lsp-client';

const composePath = path.join(exampleRoot, 'docker-compose.yml');
const composeUri = uriOf(composePath);
const composeText = fs.readFileSync(composePath, 'utf8');
const RULES = ['compose/schema', 'compose/obsolete-version', 'compose/healthcheck', 'compose/depends-on-healthy', 'compose/secret-in-environment', 'compose/resource-limits'];
const settings = onlyRules(RULES);

/** [code, startLine, startChar, endLine, endChar, message] with 0-based LSP positions. */
type Row = [string, number, number, number, number, string];
const rows = (diagnostics: Diagnostic[]): Row[] =>
  diagnostics.map((d) => [String(d.code), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, String(d.message)]);
/** The engine's own lint of a text, as rows (what the server must publish for a text that parses). */
function engineRows(text: string): Row[] {
  const lines = new LineIndex(text);
  return lint(composePath, text, { rules: settings.rules as Record<string, 'off'>, workspace: diskWorkspace(exampleRoot) }).problems.map((problem) => {
    const start = lines.positionAt(problem.start);
    const end = lines.positionAt(problem.end);
    return [problem.ruleId, start.line, start.character, end.line, end.character, problem.message];
  });
}
const byPosition = (a: Row, b: Row) => a[1] - b[1] || a[2] - b[2] || a[3] - b[3] || a[4] - b[4] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
const titles = (items: (CodeAction | Command)[]) => items.map((item) => item.title);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line === needle);

describe('a half-typed line keeps the other problems (LSP)', () => {
  let client: TestClient;
  let good: Row[];
  before(async () => {
    client = await TestClient.start({ settings });
    client.open(composeUri, 'dockercompose', composeText);
    good = rows(await client.waitForDiagnostics(composeUri));
  });
  after(async () => {
    await client.stop();
  });

  it('publishes the engine lint of the example first (the baseline)', () => {
    assert.deepEqual(good, engineRows(composeText));
    assert.ok(good.length >= 15, `only ${good.length} problems`);
  });

  // `rest` typed on a new line under redis's `restart: unless-stopped`.
  const restartLine = lineOf(composeText, '    restart: unless-stopped');
  const lines = composeText.split('\n');
  const typing = [...lines.slice(0, restartLine + 1), '    rest', ...lines.slice(restartLine + 1)].join('\n');

  it('`rest` under a service: the syntax error and every other problem, those below moved down one line', async () => {
    client.change(composeUri, typing);
    const expected: Row[] = ([
      ['compose/schema', restartLine + 1, 4, restartLine + 1, 8, 'YAML syntax error: Implicit map keys need to be followed by map values'],
      ...good.map(([code, startLine, startChar, endLine, endChar, message]): Row =>
        startLine > restartLine ? [code, startLine + 1, startChar, endLine + 1, endChar, message] : [code, startLine, startChar, endLine, endChar, message],
      ),
    ] as Row[]).sort(byPosition);
    const published = rows(await client.waitForDiagnostics(composeUri));
    assert.deepEqual(published, expected);
    // The redis healthcheck problem (above the change) and the frontend one (below it) are both still there.
    assert.ok(published.some(([code, line]) => code === 'compose/healthcheck' && line === 5));
    assert.ok(published.some(([code, line, , , , message]) => code === 'compose/healthcheck' && line > restartLine + 1 && message.includes('frontend')));
  });

  it('on the broken text the kept problems offer no fix: ignore and documentation only (no Harden entry); fix-all offers nothing', async () => {
    const diagnostics = await client.waitForDiagnostics(composeUri);
    const redis = diagnostics.find((d) => d.code === 'compose/healthcheck' && d.range.start.line === 5)!;
    const actions = await client.codeActions(composeUri, redis.range, [redis], ['quickfix']);
    assert.deepEqual(titles(actions), [
      'Ignore compose/healthcheck for this line',
      'Ignore compose/healthcheck for this file',
      'Show documentation for compose/healthcheck',
    ]);
    // "Ignore for this line" goes above the redis key, as on the text that parsed.
    const ignoreLine = actions[0] as CodeAction;
    assert.deepEqual(editsFor(ignoreLine.edit, composeUri).map((edit) => [edit.range.start.line, edit.newText]), [[5, '  # docker-harden-ignore compose/healthcheck\n']]);
    assert.deepEqual(await client.codeActions(composeUri, { start: { line: 0, character: 0 }, end: { line: typing.split('\n').length, character: 0 } }, [], ['source.fixAll.dockerHarden']), []);
    // "Harden service" refuses the broken text (its fixes would rest on yaml's recovered tree), and says why.
    assert.deepEqual(await client.request('dockerHarden/hardenService', { uri: composeUri, services: ['redis'] }), {
      changes: [],
      fixCount: 0,
      unknownServices: [],
      refused: 'docker-compose.yml does not parse; fix its syntax errors first.',
    });
    // A kept problem below the change: ignore above its own (moved) line.
    const frontend = diagnostics.find((d) => d.code === 'compose/healthcheck' && String(d.message).includes('frontend'))!;
    const below = (await client.codeActions(composeUri, frontend.range, [frontend], ['quickfix']))[0] as CodeAction;
    assert.deepEqual(editsFor(below.edit, composeUri).map((edit) => edit.range.start.line), [frontend.range.start.line]);
  });

  it('typing on: still broken, the problems stay; a line with a problem that breaks loses that problem only', async () => {
    const secretLine = lineOf(typing, '      ADMIN_PASSWORD: admin123');
    assert.ok(secretLine > 0);
    const twoBroken = typing.replace('      ADMIN_PASSWORD: admin123', '      ADMIN_PASSWORD admin123');
    client.change(composeUri, twoBroken);
    const published = rows(await client.waitForDiagnostics(composeUri));
    assert.equal(published.filter(([, , , , , message]) => message.startsWith('YAML syntax error')).length, 2);
    assert.ok(!published.some(([code, line]) => code !== 'compose/schema' && line === secretLine), 'a problem of the broken secret line was kept');
    const expected = engineRows(composeText)
      .filter(([, line]) => line !== secretLine - 1)
      .map(([code, startLine, startChar, endLine, endChar, message]): Row =>
        startLine > restartLine ? [code, startLine + 1, startChar, endLine + 1, endChar, message] : [code, startLine, startChar, endLine, endChar, message],
      );
    assert.deepEqual(
      published.filter(([code, , , , , message]) => !(code === 'compose/schema' && message.startsWith('YAML syntax error'))),
      expected,
    );
  });

  it('linted again unchanged (a Dockerfile it reads changed on disk), the broken text keeps the same problems', async () => {
    const before = rows(await client.waitForDiagnostics(composeUri));
    const published = client.published.filter((p) => p.uri === composeUri).length;
    const dockerfile = uriOf(path.join(exampleRoot, 'backend', 'ai_server', 'Dockerfile'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: dockerfile, type: 2 }] });
    await waitFor(() => (client.published.filter((p) => p.uri === composeUri).length > published ? true : undefined), 10_000, 'the re-lint');
    assert.deepEqual(rows(await client.waitForDiagnostics(composeUri)), before);
    assert.ok(before.length > 2);
  });

  it('with other settings (a rule turned off) nothing is kept from the lint under the old ones: the syntax errors alone', async () => {
    const published = client.published.filter((p) => p.uri === composeUri).length;
    client.settings = onlyRules(RULES.filter((id) => id !== 'compose/resource-limits'));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await waitFor(() => (client.published.filter((p) => p.uri === composeUri).length > published ? true : undefined), 10_000, 'the re-lint');
    const syntaxOnly = rows(await client.waitForDiagnostics(composeUri));
    assert.deepEqual(syntaxOnly.map(([code, , , , , message]) => [code, message.slice(0, 17)]), [
      ['compose/schema', 'YAML syntax error'],
      ['compose/schema', 'YAML syntax error'],
    ]);
    client.settings = settings;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  });

  it('once the line is finished, the diagnostics are exactly the engine lint of the new text', async () => {
    const finished = typing.replace('    rest\n', '    read_only: true\n');
    client.change(composeUri, finished);
    const published = rows(await client.waitForDiagnostics(composeUri));
    assert.deepEqual(published, engineRows(finished));
    assert.ok(!published.some(([, , , , , message]) => message.startsWith('YAML syntax error')));
  });

  it('a file opened with a syntax error (no lint to keep from) shows its syntax error alone', async () => {
    const uri = uriOf(path.join(exampleRoot, 'compose.half-typed.yaml'));
    client.open(uri, 'dockercompose', typing);
    assert.deepEqual(rows(await client.waitForDiagnostics(uri)), [
      ['compose/schema', restartLine + 1, 4, restartLine + 1, 8, 'YAML syntax error: Implicit map keys need to be followed by map values'],
    ]);
    client.close(uri);
  });
});

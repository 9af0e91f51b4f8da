/**
 * The quick-fix menu on a service key (issue 19): it listed one block per problem there (16 to 22 entries, each
 * rule's "Ignore" before the next rule's "Fix all"). Now, as ESLint orders it: the fixes of the problem at the
 * cursor (the one the client asked about, else the most severe), "Fix all" for its rule, the two ignore actions, its
 * documentation, then one "Harden service" entry for the service's other problems. The expected titles come from the engine's lint of the same text.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Command, Diagnostic } from 'vscode-languageserver-protocol';
import { lint, type Problem } from '../../engine/src/index';
import { diskWorkspace } from '../../engine/src/node';
import { exampleRoot, TestClient, uriOf } from './lsp-client';

const composePath = path.join(exampleRoot, 'docker-compose.yml');
const composeUri = uriOf(composePath);
const composeText = fs.readFileSync(composePath, 'utf8');
const problems = lint(composePath, composeText, { workspace: diskWorkspace(exampleRoot) }).problems;
const isAction = (item: CodeAction | Command): item is CodeAction => !('command' in item && typeof item.command === 'string');
const titles = (items: (CodeAction | Command)[]) => items.map((item) => item.title);
const SEVERITY = { error: 0, warning: 1, info: 2 } as const;

/** The menu the service key `name` must get: the first most severe problem's block, then Harden service. */
function expectedMenu(name: string): string[] {
  const keyStart = composeText.indexOf(`\n  ${name}:\n`) + 3;
  const onKey = problems.filter((problem) => problem.start === keyStart);
  const first = onKey.reduce((best, problem) => (SEVERITY[problem.severity] < SEVERITY[best.severity] ? problem : best));
  const serviceEnd = composeText.indexOf('\n\n', keyStart);
  const fixable = problems.filter((problem) => problem.fixes.length > 0 && problem.start >= keyStart && problem.start <= (serviceEnd < 0 ? composeText.length : serviceEnd));
  const fixableOfRule = problems.filter((problem: Problem) => problem.ruleId === first.ruleId && problem.fixes.length > 0);
  return [
    ...[...first.fixes].sort((a, b) => Number(Boolean(b.preferred)) - Number(Boolean(a.preferred))).map((fix) => fix.title),
    ...(fixableOfRule.length > 1 ? [`Fix all ${first.ruleId} problems`] : []),
    `Ignore ${first.ruleId} for this line`,
    `Ignore ${first.ruleId} for this file`,
    `Show documentation for ${first.ruleId}`,
    `Harden service "${name}" (${fixable.length} fixable problems)…`,
  ];
}

describe('the quick-fix menu on a service key (LSP)', () => {
  let client: TestClient;
  let diagnostics: Diagnostic[];
  before(async () => {
    client = await TestClient.start({ settings: {} });
    client.open(composeUri, 'dockercompose', composeText);
    diagnostics = await client.waitForDiagnostics(composeUri);
  });
  after(async () => {
    await client.stop();
  });

  const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });
  const lineOf = (name: string) => composeText.split('\n').indexOf(`  ${name}:`);

  for (const name of ['redis', 'api_server', 'ai_server', 'prometheus', 'frontend']) {
    it(`${name}: the block of the problem at the cursor, then "Harden service" for the rest`, async () => {
      const line = lineOf(name);
      const onKey = diagnostics.filter((d) => d.range.start.line === line && d.range.start.character === 2);
      assert.ok(onKey.length >= 2, `${name}: ${onKey.length} problem(s) on the key, the menu would not need grouping`);
      const actions = await client.codeActions(composeUri, at(line, 4), onKey, ['quickfix']);
      assert.deepEqual(titles(actions), expectedMenu(name));
      assert.ok(actions.length <= 7, `${actions.length} entries`);
      // VS Code lists actions with diagnostics first (then by message): each of the block names the problem's
      // diagnostic, so the menu keeps this order; Harden names none and stays last.
      const block = actions.slice(0, -1) as CodeAction[];
      assert.ok(block.every((action) => action.diagnostics?.length === 1), `${name}: ${JSON.stringify(block.map((action) => [action.title, action.diagnostics?.length]))}`);
      assert.equal(new Set(block.map((action) => action.diagnostics![0].message)).size, 1);
      const harden = actions[actions.length - 1];
      assert.ok(isAction(harden));
      assert.equal(harden.diagnostics, undefined);
      assert.deepEqual(harden.command, { title: harden.title, command: 'dockerHarden.hardenService', arguments: [composeUri, name] });
      assert.equal(harden.edit, undefined);
    });
  }

  it('ai_server: compose/healthcheck first (a warning, first of four on the key), ignore after fix-all, docs last before Harden', async () => {
    const line = lineOf('ai_server');
    const actions = await client.codeActions(composeUri, at(line, 4), [], ['quickfix']);
    const list = titles(actions);
    assert.match(list[0], /^Add a healthcheck \(HTTP probe/);
    assert.deepEqual(list.slice(1), [
      'Fix all compose/healthcheck problems',
      'Ignore compose/healthcheck for this line',
      'Ignore compose/healthcheck for this file',
      'Show documentation for compose/healthcheck',
      'Harden service "ai_server" (7 fixable problems)…',
    ]);
  });

  it('asked about one of the problems on the key (its diagnostic alone in the context), the menu is that problem\'s', async () => {
    const line = lineOf('ai_server');
    const limits = diagnostics.find((d) => d.range.start.line === line && d.code === 'compose/resource-limits')!;
    const actions = await client.codeActions(composeUri, limits.range, [limits], ['quickfix']);
    const list = titles(actions);
    assert.match(list[0], /^Add resource limits /);
    assert.deepEqual(list.slice(1), [
      'Fix all compose/resource-limits problems',
      'Ignore compose/resource-limits for this line',
      'Ignore compose/resource-limits for this file',
      'Show documentation for compose/resource-limits',
      'Harden service "ai_server" (7 fixable problems)…',
    ]);
    assert.deepEqual((actions[0] as CodeAction).diagnostics, [limits]);
  });

  it('a line with one problem of one rule keeps its own block (no Harden entry when nothing else is fixable there)', async () => {
    const line = composeText.split('\n').indexOf("version: '3.8'");
    const actions = await client.codeActions(composeUri, at(line, 2), [], ['quickfix']);
    assert.deepEqual(titles(actions), [
      'Remove the obsolete `version` key',
      'Ignore compose/obsolete-version for this line',
      'Ignore compose/obsolete-version for this file',
      'Show documentation for compose/obsolete-version',
    ]);
  });
});

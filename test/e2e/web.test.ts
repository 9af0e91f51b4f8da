/**
 * The web build in a real editor (issue 22): the packaged .vsix in code-server with the browser entry forced by the
 * user setting `"remote.extensionKind": { "docker-harden.docker-harden": ["web"] }`, so the client runs in the
 * web worker extension host and the server in a Worker of it, reading the files a lint needs through the client.
 * Running Extensions lists the extension under "web worker"; the example's ai_server Dockerfile and compose file
 * get their rows in the Problems panel, which must be the Node build's row for row (the diagnostics the
 * extension-host suite checks the Node build against, cross-file ones included: the linked Dockerfiles, .env,
 * .dockerignore, the compose service that builds the Dockerfile); the language status item gives the lint time in
 * the browser; Ctrl+. on redis opens the rule's page shipped in the .vsix and applies the healthcheck fix; "Docker
 * Harden: Harden service…" from F1 on redis opens the refactor preview, and Apply then Save All writes what the
 * engine computes; "Convert environment secrets" creates the secrets files, and the output channel ("Show output")
 * names those whose mode the browser could not set (workspace.fs has no chmod); after "Restart server" a new
 * Worker lints the next change; `dockerHarden.enable: false` hides our problems. Screenshots go to test-results/web/
 * (docs/screenshot-web-*.png are copies of them), with diagnostics-diff.json.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { applyEdits, harden, lint } from '../../engine/src/index';
import { startCodeServer, type RunningCodeServer } from '../../scripts/editor/code-server.mjs';
import { editorTestsSkipped, launchChromium, type Browser } from './lib/browser';
import { createFixture, root, type Fixture } from './lib/fixture';
import { editorText, packageVsix, poll, rowWithText, runCommand, STEP_MS, tickEveryPreviewFile } from './lib/workbench';
import type { ExpectedDiagnostic } from './suite/config';

const EXTENSION_ID = 'docker-harden.docker-harden';
/** The service hardened: an image of Docker Hub, so its plan needs no other file. */
const SERVICE = 'redis';
const shots = path.join(root, 'test-results', 'web');
const skip = editorTestsSkipped();

let fixture: Fixture | undefined;
let server: RunningCodeServer | undefined;
let browser: Browser | undefined;

before(async () => {
  if (skip) return;
  fixture = await createFixture('docker-harden-web-');
  // The .vsix as a user gets it: it must ship dist/web/ for the web worker host to find the browser entry.
  const vsix = packageVsix(fixture.dir);
  server = await startCodeServer({
    folder: fixture.workspace,
    vsix,
    timeoutMs: 60_000,
    settings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } },
  });
  // The maximised Problems panel shows every row of the example at this size (the list renders only what is in
  // view; the problems step fails if a row is missing).
  browser = await launchChromium({ width: 1400, height: 900 });
  fs.mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  fixture?.cleanup();
});

/** A problem as the Problems panel shows it: message, source and code, line and column (1-based). */
function asRow(diagnostic: ExpectedDiagnostic): string {
  return `${diagnostic.message} docker-harden ${diagnostic.code} [Ln ${diagnostic.start.line + 1}, Col ${diagnostic.start.character + 1}]`;
}

/**
 * The rows of the Problems panel by file name, in the order shown (the list places its rows by their top, not by
 * their order in the page), as text: `message source code [Ln l, Col c]`.
 */
async function problemRows(page: Page): Promise<Map<string, string[]>> {
  const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((elements) =>
    elements.map((element) => {
      const shown = element as unknown as { style: { top: string }; innerText: string; getAttribute(name: string): string | null };
      return { top: parseFloat(shown.style.top) || 0, level: shown.getAttribute('aria-level'), text: shown.innerText };
    }),
  );
  const byFile = new Map<string, string[]>();
  let file: string[] = [];
  for (const row of rows.sort((a, b) => a.top - b.top)) {
    const text = row.text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
    // A file's row: its name, its folder (when another file has the same name) and its count, run together.
    if (row.level === '1') byFile.set(text.replace(/\s*\d+$/, ''), (file = []));
    else file.push(text);
  }
  return byFile;
}

test('the web build runs in the web worker extension host: problems, a quick fix and Harden service', { skip, timeout: STEP_MS * 10 }, async (t) => {
  assert.ok(fixture && server && browser);
  const started = Date.now();
  const lap = (label: string) => t.diagnostic(`${label}: ${((Date.now() - started) / 1000).toFixed(1)}s`);
  const page = await browser.context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  const compose = fixture.config.compose.path;
  const original = fixture.config.compose.original;

  try {
    await page.goto(`${server.url}?folder=${encodeURIComponent(fixture.workspace)}`, { waitUntil: 'domcontentloaded', timeout: STEP_MS });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: STEP_MS });
    lap('workbench');

    const problemsStatus = page.locator('#status\\.problems');
    const counted = (text: string) => (text.match(/\d+/g) ?? []).reduce((sum, n) => sum + Number(n), 0);
    const diffs: Record<string, { node: number; web: number; onlyInNode: string[]; onlyInWeb: string[] }> = {};
    const compared: { name: string; rows: string[]; expected: string[] }[] = [];
    /**
     * The Problems panel, maximised: the rows of one file against the Node build's problems (those the
     * extension-host suite, code-server.test.ts, checks the Node build against), once the status bar's count is
     * the number of rows (the server has published).
     */
    const compareProblems = async (name: string, expectedDiagnostics: ExpectedDiagnostic[], shot: string) => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: STEP_MS });
      await runCommand(page, 'View: Toggle Maximized Panel');
      const expected = expectedDiagnostics.map(asRow).sort();
      let rows: string[] = [];
      let byFile = new Map<string, string[]>();
      await poll(`the Problems rows of ${name}`, async () => {
        byFile = await problemRows(page);
        rows = ([...byFile].find(([file]) => file.startsWith(name))?.[1] ?? []).sort();
        const total = [...byFile.values()].reduce((sum, fileRows) => sum + fileRows.length, 0);
        return rows.length > 0 && counted(await problemsStatus.innerText()) === total;
      }).catch(async (error) => {
        throw new Error(`${String(error)}: the status bar says ${JSON.stringify(await problemsStatus.innerText())}, the panel ${JSON.stringify([...byFile])}`);
      });
      await page.screenshot({ path: path.join(shots, shot) });
      const onlyInNode = expected.filter((row) => !rows.includes(row));
      const onlyInWeb = rows.filter((row) => !expected.includes(row));
      diffs[name] = { node: expected.length, web: rows.length, onlyInNode, onlyInWeb };
      fs.writeFileSync(path.join(shots, 'diagnostics-diff.json'), JSON.stringify(diffs, null, 2));
      t.diagnostic(`${name}: ${rows.length} problems in the web build, ${expected.length} in the Node build; only in Node: ${JSON.stringify(onlyInNode)}; only in web: ${JSON.stringify(onlyInWeb)}`);
      compared.push({ name, rows, expected });
      await runCommand(page, 'View: Toggle Maximized Panel');
    };
    const openFile = async (typed: string, description: string, text: string) => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: STEP_MS });
      await page.keyboard.type(typed);
      await (await rowWithText(page.locator('.quick-input-list .monaco-list-row'), description)).click();
      await poll(`${typed} in the editor`, async () => (await editorText(page)).includes(text));
    };

    // Ctrl+P, the ai_server Dockerfile: it activates the extension.
    await openFile('ai_server/Dockerfile', 'backend/ai_server', 'FROM');

    // Running Extensions: ours, in the web worker host.
    await runCommand(page, 'Developer: Show Running Extensions');
    const ours = page.locator('.runtime-extensions-editor .monaco-list-row').filter({ hasText: 'Docker Harden' }).first();
    await ours.waitFor({ state: 'visible', timeout: STEP_MS });
    const ourRow = (await ours.innerText()).replace(/\s+/g, ' ');
    assert.match(ourRow, /^Docker Harden \S+ web worker\b/, 'Running Extensions lists Docker Harden under "web worker"');
    await page.screenshot({ path: path.join(shots, '01-running-extensions.png') });
    lap('running extensions');
    await page.keyboard.press('Escape');

    // The Dockerfile's problems (it names no file but its .dockerignore; the compose file names it), then closed:
    // the compose file's rows fill the panel.
    await compareProblems('Dockerfile', fixture.config.dockerfile.diagnostics, '02-problems-dockerfile.png');
    await runCommand(page, 'View: Close Editor');
    await poll('the Dockerfile closed', async () => !(await editorText(page)).includes('FROM'));
    await openFile('docker-compose.yml', 'docker-compose.yml', 'services:');
    await compareProblems('docker-compose.yml', fixture.config.compose.diagnostics, '02-problems.png');
    lap('problems');

    // The language status item: the lint state and the time of the last lint, in the browser.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.locator('#status\\.languageStatus').click();
    const hover = page.locator('.monaco-hover').filter({ hasText: 'Docker Harden' }).first();
    await hover.waitFor({ state: 'visible', timeout: STEP_MS });
    const statusText = (await hover.innerText()).replace(/\s+/g, ' ');
    t.diagnostic(`language status: ${statusText}`);
    await page.screenshot({ path: path.join(shots, '03-language-status.png') });
    await page.keyboard.press('Escape');

    // The cursor on the redis service key (line 6, column 3), then Ctrl+.: first "Show documentation" (the rule's
    // page shipped in the .vsix, read through the editor's file system, in the Markdown preview), then the fix.
    const redisFix = lint(compose, original, { workspace: fixture.files }).problems.find((p) => p.ruleId === 'compose/healthcheck' && original.slice(p.start, p.end) === 'redis')!.fixes[0];
    const menuRow = (title: string) => page.locator('.action-widget:not(.action-list-submenu-panel) .monaco-list-row').filter({ hasText: title }).first();
    const quickFixMenu = async (title: string) => {
      await page.locator('.tabs-container .tab').filter({ hasText: 'docker-compose.yml' }).first().click();
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+G');
      await page.keyboard.type('6:3');
      await page.keyboard.press('Enter');
      await page.locator('#status\\.editor\\.selection').filter({ hasText: 'Ln 6, Col 3' }).waitFor({ timeout: STEP_MS });
      await poll('the quick fix menu', async () => {
        await page.keyboard.press('Control+.');
        return menuRow(title).waitFor({ state: 'visible', timeout: 10_000 }).then(
          () => true,
          () => page.keyboard.press('Escape').then(() => false),
        );
      });
    };
    await quickFixMenu('Show documentation for compose/healthcheck');
    await menuRow('Show documentation for compose/healthcheck').click();
    await page.locator('.tabs-container .tab').filter({ hasText: 'healthcheck' }).first().waitFor({ timeout: STEP_MS });
    // The preview renders the page in a webview (nested frames): its heading is the rule id.
    await poll('the rule page in the Markdown preview', async () => {
      for (const frame of page.frames()) {
        const heading = await frame.locator('h1').first().innerText({ timeout: 200 }).catch(() => '');
        if (heading.includes('compose/healthcheck')) return true;
      }
      return false;
    });
    await runCommand(page, 'View: Close Editor');
    lap('documentation');
    await quickFixMenu(redisFix.title);
    const fixRow = menuRow(redisFix.title);
    await fixRow.click();
    await poll('the redis healthcheck in the editor', async () => (await editorText(page)).includes('test: ["CMD", "redis-cli", "ping"]'));
    const afterFix = applyEdits(original, redisFix.edits);
    lap('quick fix');

    // F1 → Harden service… → redis → the refactor preview: tick every file, Apply, Save All.
    const hardened = harden(compose, afterFix, { services: [SERVICE], workspace: fixture.files });
    assert.ok(hardened.fixCount > 0, `nothing to harden in ${SERVICE} after the quick fix`);
    await runCommand(page, 'Docker Harden: Harden service…');
    await (await rowWithText(page.locator('.quick-input-list .monaco-list-row'), SERVICE)).click();
    const apply = page.locator('.monaco-button', { hasText: /^Apply$/ }).first();
    await apply.waitFor({ state: 'visible', timeout: STEP_MS });
    const fileCount = new Set([compose, ...hardened.otherFiles.map((f) => f.path)]).size;
    await tickEveryPreviewFile(page, fileCount);
    await page.screenshot({ path: path.join(shots, '05-harden-preview.png') });
    await apply.click();
    await apply.waitFor({ state: 'hidden', timeout: STEP_MS });
    await runCommand(page, 'File: Save All Files');
    let onDisk = '';
    await poll('the hardened compose file on disk', async () => (onDisk = fs.readFileSync(compose, 'utf8')) === hardened.output).catch((error) => {
      throw new Error(`${String(error)}: on disk:\n${onDisk}`);
    });
    for (const file of hardened.otherFiles) {
      await poll(`${path.relative(fixture.workspace, file.path)} on disk`, async () => fs.existsSync(file.path) && fs.readFileSync(file.path, 'utf8') === file.after);
    }
    lap('hardened and saved');
    await page.screenshot({ path: path.join(shots, '06-hardened.png') });
    // "Convert environment secrets" (its edit is not safe: the refactor preview first), then Show output: the
    // browser has no chmod, and the output channel names the created files that kept the file system's mode.
    await runCommand(page, 'Docker Harden: Convert environment secrets to Docker secrets');
    await poll('the refactor preview of the secrets conversion', async () => (await apply.isVisible()) || (await page.locator('.tabs-container .tab.dirty').count()) > 0);
    await page.screenshot({ path: path.join(shots, '07-convert-secrets.png') });
    if (await apply.isVisible()) {
      await tickEveryPreviewFile(page);
      await apply.click();
      await apply.waitFor({ state: 'hidden', timeout: STEP_MS });
    }
    await runCommand(page, 'File: Save All Files');
    await runCommand(page, 'Docker Harden: Show output');
    const outputLines = page.locator('.panel .monaco-editor .view-lines');
    // The view's lines as one text, in the order shown (Monaco places them by their top, not their order in the
    // page): a long log line wraps into several, and a wrap keeps its space.
    const outputText = async () => {
      const lines = await outputLines.locator('.view-line').evaluateAll((elements) =>
        elements.map((element) => {
          const shown = element as unknown as { style: { top: string }; innerText: string };
          return { top: parseFloat(shown.style.top) || 0, text: shown.innerText };
        }),
      );
      return lines
        .sort((a, b) => a.top - b.top)
        .map((line) => line.text)
        .join('')
        .replace(/\u00a0/g, ' ');
    };
    let output = '';
    await poll('the conversion in the output channel', async () => {
      output = await outputText();
      return /Convert environment secrets in docker-compose\.yml: applied, [1-9]\d* files created/.test(output);
    }).catch((error) => {
      throw new Error(`${String(error)}: the output says ${JSON.stringify(output)}`);
    });
    // The files that kept their mode are named, and they are the secrets files the conversion created.
    const notSet = /File modes not set on (.+?): the editor's file system has no chmod here/.exec(output)?.[1].split(', ') ?? [];
    assert.ok(notSet.length > 0, `the output names no file whose mode was not set: ${output}`);
    for (const file of notSet) {
      assert.match(file, /^secrets\//, file);
      assert.ok(fs.statSync(path.join(fixture.workspace, file)).isFile(), `${file} was created`);
    }
    lap('secrets converted');
    // The mouse off the tabs (a tab's path tooltip would cover the breadcrumbs).
    await page.mouse.move(150, 700);
    await page.screenshot({ path: path.join(shots, '08-output.png') });

    // "Restart server": a new Worker, which lints the next change (a top-level key Compose does not know).
    await runCommand(page, 'Docker Harden: Restart server');
    await poll('the restart in the output channel', async () => (await outputText()).includes('Restarting the server'));
    await page.locator('.tabs-container .tab').filter({ hasText: 'docker-compose.yml' }).first().click();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type('3:1');
    await page.keyboard.press('Enter');
    await page.locator('#status\\.editor\\.selection').filter({ hasText: 'Ln 3, Col 1' }).waitFor({ timeout: STEP_MS });
    await page.keyboard.type('x: 1');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    await rowWithText(page.locator('.markers-panel .monaco-list-row'), '"x" is not allowed at the top level');
    lap('restarted');

    // The settings reach the browser entry: `dockerHarden.enable` unticked in the Settings editor hides every
    // problem of ours. (A change written to the user settings file on disk is not seen by code-server's workbench.)
    await runCommand(page, 'Preferences: Open User Settings');
    await page.locator('.settings-editor .suggest-input-container').first().click();
    await page.keyboard.type('dockerHarden.enable');
    const enable = page.locator('.settings-editor .setting-item-bool').filter({ hasText: 'Show Docker Harden problems' }).locator('.setting-value-checkbox').first();
    await enable.waitFor({ state: 'visible', timeout: STEP_MS });
    assert.equal(await enable.getAttribute('aria-checked'), 'true');
    await enable.click();
    await page.screenshot({ path: path.join(shots, '09-setting.png') });
    await poll('no Docker Harden problem with dockerHarden.enable false', async () => (await page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'docker-harden' }).count()) === 0 && counted(await problemsStatus.innerText()) === 0).catch(
      async (error) => {
        throw new Error(`${String(error)}: the status bar says ${JSON.stringify(await problemsStatus.innerText())}`);
      },
    );
    lap('disabled by the setting');

    // No error of ours on the way (a client that cannot reach its server says so in a notification and the console).
    const toasts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
    assert.deepEqual(toasts.filter((toast) => /Docker Harden/i.test(toast) && !/applied nothing/.test(toast)), [], 'no Docker Harden notification');
    assert.deepEqual(pageErrors.filter((error) => /docker-harden|Docker Harden/i.test(error)), [], 'no Docker Harden error in the page console');
    // Last, so that every step above runs and reports: the problems of both builds, row for row.
    for (const { name, rows, expected } of compared) assert.deepEqual(rows, expected, `${name}: the web build lists the problems the Node build lists (test-results/web/diagnostics-diff.json)`);
  } catch (error) {
    await page.screenshot({ path: path.join(shots, 'failure.png') }).catch(() => undefined);
    throw new Error(`${String(error)}\n(screenshot: ${path.join(shots, 'failure.png')})\n--- page errors ---\n${pageErrors.slice(-20).join('\n')}\n--- code-server output ---\n${server.output().slice(-3000)}`);
  }
});

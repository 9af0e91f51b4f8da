/**
 * The extension as a person uses it: the packaged .vsix installed into code-server, driven with the keyboard and
 * mouse in chromium. Open the example compose file (Ctrl+P), see the squiggles and the Problems rows (Ctrl+Shift+M),
 * press Ctrl+. on the redis service and choose the healthcheck fix; half type a line (`rest`): the syntax error joins
 * the other problems, which stay, and go back when the line goes. Then run "Docker Harden: Harden service…" from
 * F1 on ai_server. In the refactor preview every change starts unticked: Apply with none ticked applies nothing and
 * a notification says so, with "Review again", which opens the preview again; while it is open the Problems count
 * stays what it was (the preview's copies of the files are not linted). Tick every file, Apply, Save All: the files
 * on disk must be what the engine computes (the hot-reload mount moved to the override file with its comment).
 * Then one Ctrl+Z in the compose editor and Save All: every file is back to its text before Harden, and the files
 * Harden created are gone, with the `secrets/` folder made for them. Screenshots go to test-results/ui/.
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

/** The service hardened: it has a literal secret (a secrets file in a new folder) and a hot-reload mount. */
const SERVICE = 'ai_server';
const shots = path.join(root, 'test-results', 'ui');
const skip = editorTestsSkipped();

let fixture: Fixture | undefined;
let server: RunningCodeServer | undefined;
let browser: Browser | undefined;

before(async () => {
  if (skip) return;
  fixture = await createFixture('docker-harden-ui-');
  const vsix = packageVsix(fixture.dir);
  server = await startCodeServer({ folder: fixture.workspace, vsix, timeoutMs: 60_000 });
  browser = await launchChromium();
  fs.mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  fixture?.cleanup();
});

test('a person finds and fixes problems in the example with the keyboard and the mouse', { skip, timeout: STEP_MS * 12 }, async (t) => {
  assert.ok(fixture && server && browser);
  const started = Date.now();
  const lap = (label: string) => t.diagnostic(`${label}: ${((Date.now() - started) / 1000).toFixed(1)}s`);
  const page = await browser.context.newPage();
  const compose = fixture.config.compose.path;
  const original = fixture.config.compose.original;

  try {
    await page.goto(`${server.url}?folder=${encodeURIComponent(fixture.workspace)}`, { waitUntil: 'domcontentloaded', timeout: STEP_MS });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: STEP_MS });
    lap('workbench');

    // Ctrl+P, the file name, Enter.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: STEP_MS });
    await page.keyboard.type('docker-compose.yml');
    await rowWithText(page.locator('.quick-input-list .monaco-list-row'), 'docker-compose.yml');
    await page.keyboard.press('Enter');
    await poll('the compose file in the editor', async () => (await editorText(page)).includes('services:'));
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'attached', timeout: STEP_MS });
    assert.equal(await page.locator('#status\\.editor\\.mode').innerText(), 'Compose');
    lap('squiggles');
    await page.screenshot({ path: path.join(shots, '01-squiggles.png') });

    // The Problems panel lists our problems.
    await page.keyboard.press('Control+Shift+M');
    const problemRows = page.locator('.markers-panel .monaco-list-row');
    await rowWithText(problemRows, 'Service "redis" has no healthcheck');
    const rowTexts = await problemRows.allInnerTexts();
    assert.ok(rowTexts.some((row) => row.includes('compose/healthcheck')), `no compose/healthcheck row in ${JSON.stringify(rowTexts)}`);
    lap('problems');
    await page.screenshot({ path: path.join(shots, '02-problems.png') });

    // The cursor on the redis service key (line 6, column 3), then Ctrl+. and the healthcheck fix.
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type('6:3');
    await page.keyboard.press('Enter');
    // Ctrl+. only once the cursor is there (the go-to-line box has closed and the editor has focus).
    await page.locator('#status\\.editor\\.selection').filter({ hasText: 'Ln 6, Col 3' }).waitFor({ timeout: STEP_MS });
    const redisFix = lint(compose, original, { workspace: fixture.files }).problems.find((p) => p.ruleId === 'compose/healthcheck' && original.slice(p.start, p.end) === 'redis')!.fixes[0];
    const fixRow = page.locator('.action-widget:not(.action-list-submenu-panel) .monaco-list-row').filter({ hasText: redisFix.title }).first();
    // On a busy machine the menu can miss the first Ctrl+. (the code actions are still being computed): press again.
    await poll('the quick fix menu', async () => {
      await page.keyboard.press('Control+.');
      return fixRow.waitFor({ state: 'visible', timeout: 10_000 }).then(
        () => true,
        () => page.keyboard.press('Escape').then(() => false),
      );
    });
    // The menu in ESLint's order, as VS Code shows it: the fix, Fix all for its rule, the ignore actions, the docs,
    // then "Harden service" for the service's other problems.
    const menu = (await page.locator('.action-widget:not(.action-list-submenu-panel) .monaco-list-row').allInnerTexts()).map((row) => row.trim()).filter((row) => row && row !== 'Quick Fix');
    assert.deepEqual(menu.slice(0, 5), [
      redisFix.title,
      'Fix all compose/healthcheck problems',
      'Ignore compose/healthcheck for this line',
      'Ignore compose/healthcheck for this file',
      'Show documentation for compose/healthcheck',
    ]);
    assert.match(menu[5] ?? '', /^Harden service "redis" \(\d+ fixable problems\)…$/);
    assert.equal(menu.length, 6, JSON.stringify(menu));
    await page.screenshot({ path: path.join(shots, '03-quick-fix-menu.png') });
    await fixRow.click();
    await poll('the redis healthcheck in the editor', async () => (await editorText(page)).includes('test: ["CMD", "redis-cli", "ping"]'));
    lap('quick fix');
    await page.screenshot({ path: path.join(shots, '04-after-quick-fix.png') });

    // F1 → Harden service… → ai_server → the refactor preview → Apply, then save everything.
    const afterFix = applyEdits(original, redisFix.edits);
    const hardened = harden(compose, afterFix, { services: [SERVICE], workspace: fixture.files });
    assert.ok(hardened.fixCount > 0);
    const secretsFolder = path.join(fixture.workspace, 'secrets');
    assert.ok(hardened.otherFiles.some((file) => file.before === undefined && path.dirname(file.path) === secretsFolder), `Harden on ${SERVICE} no longer creates a secrets file`);
    assert.ok(!fs.existsSync(secretsFolder));
    const problemsStatus = page.locator('#status\\.problems');
    // The Problems count once the quick fix's re-lint has settled (the redis healthcheck problem gone).
    await poll('the Problems count after the quick fix', async () => (await page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'Service "redis" has no healthcheck' }).count()) === 0);
    const counted = (text: string) => (text.match(/\d+/g) ?? []).reduce((sum, n) => sum + Number(n), 0);
    const afterFixProblems = lint(compose, afterFix, { workspace: fixture.files }).problems.length;
    await poll(`the Problems count ${afterFixProblems}`, async () => counted(await problemsStatus.innerText()) === afterFixProblems);

    // A line half typed (`rest` under redis's restart): the syntax error joins the other problems, which stay.
    const restartLine = afterFix.split('\n').indexOf('    restart: unless-stopped') + 1;
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`${restartLine}:1`);
    await page.keyboard.press('Enter');
    await page.locator('#status\\.editor\\.selection').filter({ hasText: `Ln ${restartLine}, Col 1` }).waitFor({ timeout: STEP_MS });
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('rest');
    await page.keyboard.press('Escape');
    await rowWithText(page.locator('.markers-panel .monaco-list-row'), 'YAML syntax error');
    await poll(`${afterFixProblems} problems and the syntax error while the line is half typed`, async () => counted(await problemsStatus.innerText()) === afterFixProblems + 1).catch(async (error) => {
      throw new Error(`${String(error)}: the status bar says ${JSON.stringify(await problemsStatus.innerText())}`);
    });
    await page.screenshot({ path: path.join(shots, '05-half-typed.png') });
    // The line goes again (Ctrl+Shift+K): the text is the one after the quick fix, its problems as they were.
    await page.keyboard.press('Control+Shift+K');
    await poll('the syntax error gone', async () => (await page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'YAML syntax error' }).count()) === 0);
    await poll(`the Problems count ${afterFixProblems} again`, async () => counted(await problemsStatus.innerText()) === afterFixProblems);
    lap('half-typed line');
    const problemsBefore = await problemsStatus.innerText();
    const tabs = async () => ({ open: await page.locator('.tabs-container .tab').allInnerTexts(), dirty: await page.locator('.tabs-container .tab.dirty').count() });
    const tabsBefore = await tabs();
    const pickService = async () => {
      await runCommand(page, 'Docker Harden: Harden service…');
      await (await rowWithText(page.locator('.quick-input-list .monaco-list-row'), SERVICE)).click();
    };
    await pickService();
    const apply = page.locator('.monaco-button', { hasText: /^Apply$/ }).first();
    await apply.waitFor({ state: 'visible', timeout: STEP_MS });
    lap('refactor preview');

    // Apply with nothing ticked (as the preview opens): nothing changes, and a notification says so.
    await apply.click();
    await apply.waitFor({ state: 'hidden', timeout: STEP_MS });
    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'applied nothing' }).first();
    await toast.waitFor({ state: 'visible', timeout: STEP_MS });
    assert.match(await toast.innerText(), new RegExp(`Harden service "${SERVICE}" applied nothing\\. Tick the changes to apply in the preview, then Apply\\.`));
    await page.screenshot({ path: path.join(shots, '06-nothing-applied.png') });
    // The same editors, as dirty as they were (the compose file by the quick fix, unsaved), nothing created.
    assert.deepEqual(await tabs(), tabsBefore, 'Apply with nothing ticked changed a file');
    assert.ok(!fs.existsSync(secretsFolder), 'Apply with nothing ticked created the secrets folder');
    // "Review again" opens the preview again.
    await toast.locator('.monaco-button', { hasText: 'Review again' }).click();
    await apply.waitFor({ state: 'visible', timeout: STEP_MS });
    lap('review again');
    // VS Code shows changes that need confirmation unticked (as designed, microsoft/vscode#200991): a person ticks
    // each file of the preview (which ticks its changes), then presses Apply.
    const fileBoxes = page.locator('.monaco-list-row[aria-level="1"] .edit-checkbox');
    const fileCount = new Set([compose, ...hardened.otherFiles.map((f) => f.path)]).size;
    // Six files with their changes do not fit in the panel, and a click on a row out of view lands on another once
    // the list scrolls: each file's changes are folded (its twistie) first, so that every file's row is in view.
    const unfolded = page.locator('.monaco-list-row[aria-level="1"][aria-expanded="true"] .monaco-tl-twistie');
    await poll('the refactor preview lists the files, folded', async () => {
      if ((await unfolded.count()) > 0) {
        await unfolded.first().click();
        return false;
      }
      return (await fileBoxes.count()) === fileCount;
    });
    await tickEveryPreviewFile(page, fileCount);
    // The preview's copies of the files are not linted: the Problems count is that of the compose file and of the
    // Dockerfile Harden opened to edit it, once each (it was 70 for these 35 problems, every one listed twice).
    const dockerfile = fixture.config.dockerfile;
    const expectedProblems = lint(compose, afterFix, { workspace: fixture.files }).problems.length + lint(dockerfile.path, dockerfile.original, { workspace: fixture.files }).problems.length;
    assert.equal(counted(problemsBefore), lint(compose, afterFix, { workspace: fixture.files }).problems.length, `before Harden: ${problemsBefore}`);
    await poll(`the Problems count ${expectedProblems}`, async () => counted(await problemsStatus.innerText()) === expectedProblems).catch(async (error) => {
      throw new Error(`${String(error)}: the status bar says ${JSON.stringify(await problemsStatus.innerText())} while the preview is open`);
    });
    await page.screenshot({ path: path.join(shots, '07-harden-preview.png') });
    await apply.click();
    await apply.waitFor({ state: 'hidden', timeout: STEP_MS });
    await runCommand(page, 'File: Save All Files');
    let onDisk = '';
    await poll('the hardened compose file on disk', async () => (onDisk = fs.readFileSync(compose, 'utf8')) === hardened.output).catch((error) => {
      const hint = onDisk === afterFix ? ' (the file is saved with the quick fix only: Apply in the refactor preview applied nothing)' : '';
      throw new Error(`${String(error)}${hint}`);
    });
    for (const file of hardened.otherFiles) {
      await poll(`${path.relative(fixture.workspace, file.path)} on disk`, async () => fs.existsSync(file.path) && fs.readFileSync(file.path, 'utf8') === file.after);
    }
    lap('hardened and saved');
    assert.match(fs.readFileSync(path.join(fixture.workspace, 'docker-compose.override.yml'), 'utf8'), /- \.\/backend\/ai_server\/src:\/app\/src {2}# hot reload in development\n/);
    await page.screenshot({ path: path.join(shots, '08-hardened.png') });

    // One undo reverts all of it: Ctrl+Z once in the compose editor puts back the compose file and the Dockerfile
    // and deletes the files Harden created. VS Code may ask whether to undo across all files (then "Undo in N
    // Files") or to confirm a file operation; a person answers for all files.
    const created = hardened.otherFiles.filter((file) => file.before === undefined);
    const modified = hardened.otherFiles.filter((file) => file.before !== undefined);
    assert.ok(created.length > 0, `Harden on ${SERVICE} no longer creates a file: the undo of a file creation is not tested`);
    const composeTab = page.locator('.tabs-container .tab').filter({ hasText: path.basename(compose) }).first();
    await composeTab.click();
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await poll('the compose editor focused', async () => (await composeTab.getAttribute('class'))?.includes('active') && (await page.locator('.editor-group-container.active .monaco-editor.focused').count()) > 0);
    await page.keyboard.press('Control+Z');
    const dialog = page.locator('.monaco-dialog-box');
    const prompts: string[] = [];
    await poll('the undo in every file (compose file changed, created files deleted)', async () => {
      if (await dialog.isVisible()) {
        const text = (await dialog.innerText()).replace(/\s+/g, ' ').trim();
        if (prompts.length === 0) await page.screenshot({ path: path.join(shots, '09-undo-prompt.png') });
        prompts.push(text);
        const buttons = dialog.locator('.monaco-button');
        const labels = (await buttons.allInnerTexts()).map((label) => label.trim());
        const choice = labels.findIndex((label) => /^Undo in \d+ Files$/i.test(label));
        const confirm = labels.findIndex((label) => /^(Undo|Yes|OK|Delete|Move to Trash)$/i.test(label));
        const index = choice >= 0 ? choice : confirm;
        if (index < 0) throw new Error(`unexpected dialog after Ctrl+Z: ${text} (buttons ${JSON.stringify(labels)})`);
        await buttons.nth(index).click();
        await dialog.waitFor({ state: 'hidden', timeout: STEP_MS });
        return false;
      }
      return (await composeTab.getAttribute('class'))?.includes('dirty') && created.every((file) => !fs.existsSync(file.path));
    }).catch((error) => {
      const left = created.filter((file) => fs.existsSync(file.path)).map((file) => path.relative(fixture!.workspace, file.path));
      throw new Error(`${String(error)} (prompts answered: ${JSON.stringify(prompts)}; created files still on disk: ${JSON.stringify(left)})`);
    });
    t.diagnostic(`undo prompts: ${prompts.length === 0 ? 'none' : JSON.stringify(prompts)}`);
    // The hardened service in view (Ctrl+G) for the screenshots: its text is back to what it was before Harden.
    const serviceLine = afterFix.split('\n').findIndex((line) => line.startsWith(`  ${SERVICE}:`)) + 1;
    assert.ok(serviceLine > 0, `no ${SERVICE} service in the compose file`);
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`${serviceLine}:1`);
    await page.keyboard.press('Enter');
    await page.locator('#status\\.editor\\.selection').filter({ hasText: `Ln ${serviceLine}, Col 1` }).waitFor({ timeout: STEP_MS });
    if (prompts.length === 0) await page.screenshot({ path: path.join(shots, '09-undo-prompt.png') });
    const toasts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
    assert.ok(!toasts.some((toast) => /could not undo/i.test(toast)), `VS Code undid only part of the edit: ${JSON.stringify(toasts)}`);
    await runCommand(page, 'File: Save All Files');
    const state = () => ({
      compose: fs.readFileSync(compose, 'utf8') === afterFix ? 'before Harden' : fs.readFileSync(compose, 'utf8') === hardened.output ? 'hardened' : 'other',
      modified: modified.map((file) => `${path.relative(fixture!.workspace, file.path)}: ${fs.existsSync(file.path) && fs.readFileSync(file.path, 'utf8') === file.before ? 'before Harden' : 'changed'}`),
      created: created.map((file) => `${path.relative(fixture!.workspace, file.path)}: ${fs.existsSync(file.path) ? 'exists' : 'gone'}`),
    });
    await poll('every file back to its text before Harden, on disk, after Save All', async () => {
      if ((await page.locator('.tabs-container .tab.dirty').count()) > 0) return false;
      const now = state();
      return now.compose === 'before Harden' && now.modified.every((m) => m.endsWith('before Harden')) && now.created.every((c) => c.endsWith('gone'));
    }).catch((error) => {
      throw new Error(`${String(error)}: ${JSON.stringify(state())}`);
    });
    assert.equal(fs.readFileSync(compose, 'utf8'), afterFix);
    for (const file of modified) assert.equal(fs.readFileSync(file.path, 'utf8'), file.before, path.relative(fixture.workspace, file.path));
    for (const file of created) assert.ok(!fs.existsSync(file.path), `${path.relative(fixture.workspace, file.path)} was created by Harden and is still there after the undo`);
    // The folder Harden made for the secrets file goes with it (undo deletes files, not the folders made for them).
    await poll('the secrets folder gone after the undo', async () => !fs.existsSync(secretsFolder)).catch((error) => {
      throw new Error(`${String(error)}: ${fs.existsSync(secretsFolder) ? JSON.stringify(fs.readdirSync(secretsFolder)) : ''}`);
    });
    lap('one undo, saved');
    await page.screenshot({ path: path.join(shots, '10-undone.png') });
  } catch (error) {
    await page.screenshot({ path: path.join(shots, 'failure.png') }).catch(() => undefined);
    throw new Error(`${String(error)}\n(screenshot: ${path.join(shots, 'failure.png')})\n--- code-server output ---\n${server.output().slice(-3000)}`);
  }
});

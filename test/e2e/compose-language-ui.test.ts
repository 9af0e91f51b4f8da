/**
 * The compose language features as a person uses them (issue 19), in code-server with the packaged .vsix and no
 * other extension: on the example, type a half key under a service and pick `healthcheck` from the completion list
 * (the whole block is inserted), hover a key to read the schema's description, rename a service with F2 (every
 * depends_on follows), F12 from a depends_on entry to the service (the breadcrumbs name it), and Ctrl+click a build
 * context to open its Dockerfile, and open a problem's rule page (shipped in the .vsix) from its hover. Screenshots go to
 * test-results/compose-language/ (docs/screenshot-compose-*.png are copies of them).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startCodeServer, type RunningCodeServer } from '../../scripts/editor/code-server.mjs';
import { editorTestsSkipped, launchChromium, type Browser } from './lib/browser';
import { createFixture, root, type Fixture } from './lib/fixture';
import { editorText, packageVsix, poll, STEP_MS } from './lib/workbench';

const shots = path.join(root, 'test-results', 'compose-language');
const skip = editorTestsSkipped();

let fixture: Fixture | undefined;
let server: RunningCodeServer | undefined;
let browser: Browser | undefined;

before(async () => {
  if (skip) return;
  fixture = await createFixture('docker-harden-compose-ui-');
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

async function goToLine(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+G');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('#status\\.editor\\.selection').filter({ hasText: `Ln ${line}, Col ${column}` }).waitFor({ timeout: STEP_MS });
}

/** The screen point over the `index`-th character of `needle` on the visible line that contains `line`. */
async function pointAt(page: Page, line: string, needle: string, index = 1): Promise<{ x: number; y: number }> {
  const row: Locator = page.locator('.monaco-editor .view-lines .view-line').filter({ hasText: line }).first();
  await row.waitFor({ state: 'visible', timeout: STEP_MS });
  const text = (await row.innerText()).replace(/\u00a0/g, ' ');
  const content = row.locator(':scope > span').first();
  const box = (await content.boundingBox())!;
  const charWidth = box.width / text.length;
  const column = text.indexOf(needle) + index;
  return { x: box.x + charWidth * (column + 0.5), y: box.y + box.height / 2 };
}

test('completion, hover, rename, go to definition and a link in a compose file, in code-server', { skip, timeout: STEP_MS * 10 }, async (t) => {
  assert.ok(fixture && server && browser);
  const page = await browser.context.newPage();
  const compose = fixture.config.compose.path;
  const started = Date.now();
  const lap = (label: string) => t.diagnostic(`${label}: ${((Date.now() - started) / 1000).toFixed(1)}s`);
  try {
    await page.goto(`${server.url}?folder=${encodeURIComponent(fixture.workspace)}`, { waitUntil: 'domcontentloaded', timeout: STEP_MS });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: STEP_MS });
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: STEP_MS });
    await page.keyboard.type('docker-compose.yml');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'docker-compose.yml' }).first().waitFor({ timeout: STEP_MS });
    await page.keyboard.press('Enter');
    await poll('the compose file in the editor', async () => (await editorText(page)).includes('services:'));
    // The server is up once our squiggles are there.
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'attached', timeout: STEP_MS });
    lap('opened');

    // Completion: a new line under redis's container_name (line 8), `heal`, the schema's key with its block.
    await page.locator('.monaco-editor .view-lines').click();
    await goToLine(page, 8, 33);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('heal');
    const suggestion = page.locator('.suggest-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^healthcheck$/ }) });
    await poll('healthcheck in the completion list', async () => {
      if (await suggestion.first().isVisible()) return true;
      await page.keyboard.press('Control+Space');
      return suggestion.first().waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
    });
    const labels = await page.locator('.suggest-widget .monaco-list-row .label-name').allInnerTexts();
    assert.ok(!labels.includes('ADMIN_PASSWORD') && !labels.includes('admin123'), `words from the buffer: ${JSON.stringify(labels)}`);
    await page.screenshot({ path: path.join(shots, 'compose-completion.png') });
    await suggestion.first().click();
    await poll('the healthcheck block in the editor', async () => {
      const text = await editorText(page);
      return text.includes('    healthcheck:') && text.includes('      start_period: 20s');
    });
    await page.keyboard.press('Escape');
    lap('completion');

    // Hover: the mouse over `container_name` shows the schema's description and the reference link.
    await page.mouse.move(...Object.values(await pointAt(page, 'container_name: vrecom_redis', 'container_name', 3)) as [number, number]);
    const hover = page.locator('.monaco-hover').filter({ hasText: 'Compose reference' });
    await hover.first().waitFor({ state: 'visible', timeout: STEP_MS });
    assert.match(await hover.first().innerText(), /container_name/);
    await page.screenshot({ path: path.join(shots, 'compose-hover.png') });
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    lap('hover');

    // Rename: F2 on the redis service key (line 6), `cache`, Enter: its depends_on entries follow.
    await page.locator('.monaco-editor .view-lines').click();
    await goToLine(page, 6, 4);
    // F2 opens the rename box once prepareRename answers; the name in it starts selected. Typing goes there only
    // once it has the focus (before that it would replace the editor's selection).
    // (Expressions evaluated in the page: this project's TypeScript has no DOM types.)
    const renameHasFocus = () => page.evaluate<boolean>('Boolean(document.activeElement && document.activeElement.closest(".rename-box"))');
    await poll('the rename box with the focus', async () => {
      if (!(await renameHasFocus())) {
        await page.keyboard.press('F2');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      return renameHasFocus();
    });
    assert.equal(await page.evaluate<string>('document.activeElement.value'), 'redis');
    await page.keyboard.type('cache');
    await page.screenshot({ path: path.join(shots, 'compose-rename.png') });
    await page.keyboard.press('Enter');
    await poll('the renamed service', async () => (await editorText(page)).includes('  cache:'));
    await page.keyboard.press('Control+S');
    const saved = await poll('the renamed file on disk', async () => {
      const text = fs.readFileSync(compose, 'utf8');
      return text.includes('  cache:') ? text : false;
    });
    assert.equal((saved.match(/^ {6}- cache$/gm) ?? []).length, 2, 'both depends_on entries name the new service');
    assert.ok(!/^ {6}- redis$/m.test(saved), 'no depends_on names the old one');
    assert.ok(saved.includes('REDIS_HOST=redis'), 'a value that only looks like the name is left alone');
    lap('rename');

    // Go to definition: F12 on api_server's `- cache` (line 38) lands on the service's key (line 6), and the
    // breadcrumbs (from the outline) name where the cursor is.
    await goToLine(page, 38, 10);
    assert.equal((await editorText(page)).split('\n').some((line) => line === '      - cache'), true);
    await page.keyboard.press('F12');
    await page.locator('#status\\.editor\\.selection').filter({ hasText: 'Ln 6, Col 3' }).waitFor({ timeout: STEP_MS });
    await poll('the breadcrumbs of the service', async () => {
      const crumbs = await page.locator('.breadcrumbs-control .monaco-breadcrumb-item').allInnerTexts();
      return crumbs.some((crumb) => crumb.includes('services')) && crumbs.some((crumb) => crumb.includes('cache'));
    });
    lap('definition');

    // A link: Ctrl+click on a build context opens its Dockerfile.
    await goToLine(page, 26, 1);
    const link = await pointAt(page, 'context: ./backend/api_server', './backend/api_server', 4);
    await page.mouse.move(link.x, link.y);
    await page.keyboard.down('Control');
    await page.mouse.click(link.x, link.y);
    await page.keyboard.up('Control');
    await page.locator('.tabs-container .tab.active').filter({ hasText: 'Dockerfile' }).waitFor({ timeout: STEP_MS });
    await poll('the Dockerfile in the editor', async () => (await editorText(page)).includes('FROM'));
    await page.screenshot({ path: path.join(shots, 'compose-link.png') });
    lap('link');

    // Docs offline: the hover on a problem (`version:` raises compose/obsolete-version) has "Show documentation",
    // which opens the rule's page shipped in the .vsix in the Markdown preview.
    await page.locator('.tabs-container .tab').filter({ hasText: 'docker-compose.yml' }).first().click();
    await poll('the compose file again', async () => (await editorText(page)).includes('api_server:'));
    await page.locator('.monaco-editor .view-lines').click();
    await goToLine(page, 2, 1);
    await page.mouse.move(...Object.values(await pointAt(page, "version: '3.8'", 'version', 2)) as [number, number]);
    const problemHover = page.locator('.monaco-hover').filter({ hasText: 'compose/obsolete-version' });
    await problemHover.first().waitFor({ state: 'visible', timeout: STEP_MS });
    await page.screenshot({ path: path.join(shots, 'compose-problem-hover.png') });
    await problemHover.locator('a', { hasText: 'Show documentation' }).first().click();
    await page.locator('.tabs-container .tab').filter({ hasText: 'obsolete-version' }).first().waitFor({ timeout: STEP_MS });
    // The preview renders the page in a webview (nested frames): its heading is the rule id.
    await poll('the rule page in the Markdown preview', async () => {
      for (const frame of page.frames()) {
        const heading = await frame.locator('h1').first().innerText({ timeout: 200 }).catch(() => '');
        if (heading.includes('compose/obsolete-version')) return true;
      }
      return false;
    });
    await page.screenshot({ path: path.join(shots, 'compose-docs-preview.png') });
    lap('documentation');
  } catch (error) {
    await page.screenshot({ path: path.join(shots, 'failure.png') }).catch(() => undefined);
    throw new Error(`${String(error)}\n(screenshot: ${path.join(shots, 'failure.png')})\n--- code-server output ---\n${server.output().slice(-3000)}`);
  } finally {
    await page.close();
  }
});

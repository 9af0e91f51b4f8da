/**
 * What the UI tests in code-server do as a person would (ui.test.ts, web.test.ts, compose-language-ui.test.ts):
 * package the checkout as a user gets it, read the editor, pick rows, run palette commands, tick a refactor
 * preview's files, and wait for the workbench with a deadline (never a fixed sleep).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { root } from './fixture';

/** How long one UI step may take (a loaded 2-core machine needs this much). */
export const STEP_MS = Number(process.env.DOCKER_HARDEN_UI_STEP_MS ?? 45_000);

/** This checkout's build as a .vsix in `folder` (the same files as `npm run package`, without re-bundling). */
export function packageVsix(folder: string): string {
  const vsix = path.join(folder, 'docker-harden.vsix');
  const packaged = spawnSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(packaged.status, 0, `vsce package failed:\n${packaged.stdout}${packaged.stderr}`);
  return vsix;
}

/** The visible text of the editor, with the non-breaking spaces Monaco renders turned back into spaces. */
export async function editorText(page: Page): Promise<string> {
  const lines = await page.locator('.monaco-editor .view-lines .view-line').allInnerTexts();
  return lines.map((line) => line.replace(/\u00a0/g, ' ')).join('\n');
}

export async function rowWithText(rows: Locator, text: string): Promise<Locator> {
  const row = rows.filter({ hasText: text }).first();
  await row.waitFor({ state: 'visible', timeout: STEP_MS });
  return row;
}

/** F1, type the command's name like a person, click its row. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: STEP_MS });
  await page.keyboard.type(title);
  await (await rowWithText(page.locator('.quick-input-list .monaco-list-row'), title)).click();
}

/** Asks `probe` every 100 ms until it gives a value (not undefined or false), for at most STEP_MS. */
export async function poll<T>(what: string, probe: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${STEP_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Ticks every file of the refactor preview (VS Code shows a change that creates files unticked), one box at a time,
 * reading the boxes again after each click (a tick re-renders the list), until every box is ticked (and there are
 * `fileCount` of them, when given).
 */
export async function tickEveryPreviewFile(page: Page, fileCount?: number): Promise<void> {
  const fileBoxes = page.locator('.monaco-list-row[aria-level="1"] .edit-checkbox');
  await poll('every file of the preview ticked', async () => {
    for (const box of await fileBoxes.all()) {
      if ((await box.getAttribute('aria-checked')) === 'true') continue;
      await box.click();
      return false;
    }
    return fileCount === undefined || (await fileBoxes.count()) === fileCount;
  });
}

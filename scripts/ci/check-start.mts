/**
 * CI's check of the README's first command, `npm start`, as a new user runs it on a fresh clone: it is started
 * through npm exactly as the README says (in a process group of its own, as a terminal's foreground job), and must
 * print the editor's URL; the page must answer 200; in chromium the example's compose file, opened with Ctrl+P, must
 * show our problems in the Problems panel; then Ctrl+C (SIGINT to the group) must stop it, and no process it started
 * (npm, the start script, code-server, the extension host, the language server) may be left.
 *
 *   node --import tsx scripts/ci/check-start.mts      (after `npm ci`; the first run installs the editor)
 *
 * A screenshot of the Problems panel goes to test-results/start/problems.png.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages, TEST_PACKAGES } from '../editor/system-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const URL_TIMEOUT_MS = Number(process.env.DOCKER_HARDEN_START_TIMEOUT_MS ?? 20 * 60_000);
const STEP_MS = 60_000;
const shots = path.join(root, 'test-results', 'start');

function fail(message: string): never {
  console.error(`check-start: FAILED: ${message}`);
  process.exit(1);
}

function delay(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Every live process: pid, process group and command line (Linux /proc). */
function processes(): { pid: number; pgid: number; cmdline: string }[] {
  const found = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so read after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const cmdline = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      found.push({ pid: Number(name), pgid: Number(fields[2]), cmdline });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

ensureDebianPackages(TEST_PACKAGES, 'checking npm start in chromium');

console.log('check-start: $ npm start');
const started = Date.now();
const npmStart = spawn('npm', ['start'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
let url: string | undefined;
const urlSeen = new Promise<string>((resolve) => {
  const read = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
    stream.write(chunk);
    output += chunk.toString();
    const match = /Docker Harden in VS Code \(code-server\): (http:\/\/\S+)/.exec(output);
    if (match && !url) resolve((url = match[1]));
  };
  npmStart.stdout.on('data', read(process.stdout));
  npmStart.stderr.on('data', read(process.stderr));
});
const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => npmStart.on('exit', (code, signal) => resolve({ code, signal })));
const printed = await Promise.race([
  urlSeen,
  exited.then(({ code, signal }) => url ?? fail(`npm start exited (code ${code}, signal ${signal}) before printing the editor's URL`)),
  delay(URL_TIMEOUT_MS).then(() => url ?? fail(`npm start printed no URL within ${URL_TIMEOUT_MS / 1000}s`)),
]);
console.log(`check-start: npm start printed ${printed} after ${((Date.now() - started) / 1000).toFixed(1)}s`);

let failure: string | undefined;
const seen = new Map<number, string>();
/** What npm start runs now: its own group (npm, the start script) and code-server's (server, extension host,
 * language server), which it starts in a group of its own. */
function snapshot() {
  const cache = path.join(root, '.cache', 'editor');
  const all = processes();
  const editorGroups = new Set(all.filter((p) => p.cmdline.includes(cache)).map((p) => p.pgid));
  for (const p of all) if (p.pgid === npmStart.pid || editorGroups.has(p.pgid)) seen.set(p.pid, p.cmdline);
}
snapshot();
try {
  const response = await fetch(printed, { signal: AbortSignal.timeout(STEP_MS) });
  if (response.status !== 200) throw new Error(`GET ${printed} answered ${response.status}`);
  console.log(`check-start: GET ${printed} -> ${response.status}`);

  const { launchChromium } = await import('../../test/e2e/lib/browser');
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(printed, { waitUntil: 'domcontentloaded', timeout: STEP_MS });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: STEP_MS });
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: STEP_MS });
    await page.keyboard.type('docker-compose.yml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'docker-compose.yml' }).first().waitFor({ state: 'visible', timeout: STEP_MS });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'attached', timeout: STEP_MS });
    await page.keyboard.press('Control+Shift+M');
    const ours = page.locator('.markers-panel .monaco-list-row', { hasText: /compose\/[a-z-]+/ });
    await ours.first().waitFor({ state: 'visible', timeout: STEP_MS });
    const rows = await ours.allInnerTexts();
    console.log(`check-start: the Problems panel shows ${rows.length} rows of ours, e.g. ${JSON.stringify(rows[0].replace(/\s+/g, ' '))}`);
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'problems.png') });
  } finally {
    await browser.close();
  }
  snapshot();
  if (![...seen.values()].some((cmd) => cmd.includes('server.js'))) throw new Error(`no language server among the processes of npm start:\n${[...seen.values()].join('\n')}`);
  console.log(`check-start: npm start runs ${seen.size} processes (language server included)`);
} catch (error) {
  failure = error instanceof Error ? error.message : String(error);
}

// Ctrl+C: SIGINT to the foreground process group.
process.kill(-npmStart.pid!, 'SIGINT');
const stopped = await Promise.race([exited, delay(30_000).then(() => undefined)]);
if (!stopped) {
  process.kill(-npmStart.pid!, 'SIGKILL');
  fail(`npm start did not stop within 30s of SIGINT${failure ? ` (and before: ${failure})` : ''}`);
}
console.log(`check-start: npm start stopped after SIGINT (code ${stopped.code}, signal ${stopped.signal})`);
await delay(1000);
const left = processes().filter((p) => seen.get(p.pid) === p.cmdline);
if (left.length > 0) {
  for (const p of left) process.kill(p.pid, 'SIGKILL');
  fail(`processes left after Ctrl+C:\n${left.map((p) => `  ${p.pid} ${p.cmdline}`).join('\n')}`);
}
if (failure) fail(failure);
console.log(`check-start: ok: no process of npm start is left (${seen.size} checked); ${((Date.now() - started) / 1000).toFixed(1)}s in all`);
process.exit(0);

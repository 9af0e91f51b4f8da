// Starts code-server (see EDITOR-TESTING.md) with isolated state on loopback, in its own process group so that
// stop() ends the extension host too. Shared by `npm start` and the end-to-end tests.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanEnv } from './env.mjs';
import { installedEditor } from './paths.mjs';

/** Settings that keep the workbench quiet and deterministic. */
export const quietSettings = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'files.autoSave': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
};

export function requireEditor() {
  const editor = installedEditor();
  if (!editor) {
    throw new Error('code-server is not installed: run `node scripts/editor/install.mjs` (after `npm ci`)');
  }
  return editor;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Isolated state: user data, extensions, XDG dirs and config under `dir`; nothing written into $HOME. */
export function prepareStateDir(dir, settings = {}) {
  for (const sub of ['ud/User', 'ext', 'xdg/config', 'xdg/data', 'xdg/cache']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  fs.writeFileSync(path.join(dir, 'ud/User/settings.json'), JSON.stringify({ ...quietSettings, ...settings }, null, 2));
  fs.writeFileSync(path.join(dir, 'config.yaml'), 'auth: none\ncert: false\n');
  return {
    dir,
    userDataDir: path.join(dir, 'ud'),
    extensionsDir: path.join(dir, 'ext'),
    // code-server (and the extension host and language server it starts) must not inherit npm's or our Node's
    // settings: a clean environment, as for the install.
    env: cleanEnv({
      extra: {
        XDG_CONFIG_HOME: path.join(dir, 'xdg/config'),
        XDG_DATA_HOME: path.join(dir, 'xdg/data'),
        XDG_CACHE_HOME: path.join(dir, 'xdg/cache'),
      },
    }),
  };
}

function commonArgs(state) {
  return ['--config', path.join(state.dir, 'config.yaml'), '--user-data-dir', state.userDataDir, '--extensions-dir', state.extensionsDir];
}

/** Installs a .vsix into the isolated extensions dir; throws with code-server's output on failure. */
export function installVsix(state, vsix) {
  const editor = requireEditor();
  const result = spawnSync(editor.node, [editor.codeServerEntry, ...commonArgs(state), '--install-extension', vsix, '--force'], {
    env: state.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`installing ${vsix} failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/**
 * Starts code-server on 127.0.0.1 and resolves when /healthz answers.
 * @param {{ folder: string, stateDir?: string, port?: number, settings?: object, smokeTestDriver?: boolean,
 *           vsix?: string, timeoutMs?: number, onOutput?: (text: string) => void }} options
 */
export async function startCodeServer(options) {
  const editor = requireEditor();
  const ownStateDir = !options.stateDir;
  const state = prepareStateDir(options.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-code-server-')), options.settings);
  if (options.vsix) installVsix(state, options.vsix);
  const port = options.port ?? (await freePort());
  const args = [
    editor.codeServerEntry,
    ...commonArgs(state),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    options.folder,
  ];
  let output = '';
  // detached: setsid(), so the whole tree (server, extension host, language server) shares one process group.
  const child = spawn(editor.node, args, { env: state.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (chunk) => {
    const text = chunk.toString();
    output += text;
    options.onOutput?.(text);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup(child.pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (groupAlive(child.pid) && Date.now() < deadline) await delay(50);
    if (groupAlive(child.pid)) killGroup(child.pid, 'SIGKILL');
    await Promise.race([exitPromise, delay(2000)]);
    if (ownStateDir) fs.rmSync(state.dir, { recursive: true, force: true, maxRetries: 3 });
  };
  // Never leave an editor behind when this process ends.
  const onExit = () => killGroup(child.pid, 'SIGKILL');
  process.once('exit', onExit);

  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited (code ${exited.code}, signal ${exited.signal}) before answering:\n${output}`);
    }
    if (await healthy(url)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${url}healthz within ${options.timeoutMs ?? 30_000} ms:\n${output}`);
    }
    await delay(100);
  }
  return {
    url,
    port,
    pid: child.pid,
    state,
    output: () => output,
    exited: exitPromise,
    stop: async () => {
      process.removeListener('exit', onExit);
      await stop();
    },
  };
}

async function healthy(url) {
  try {
    const response = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

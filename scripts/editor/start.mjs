// `npm start`: build and package the extension, install the editor once (cached), install the .vsix into an
// isolated extensions dir, and open examples/vrecommendation in code-server on 127.0.0.1. Ctrl+C stops it all.
//   node scripts/editor/start.mjs [--port N] [--folder PATH] [--web]
// --web runs the extension's browser entry (dist/web/extension.js, the server in a web worker), as vscode.dev and
// github.dev do: the user setting "remote.extensionKind" puts it in code-server's web worker extension host.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, installVsix, prepareStateDir, startCodeServer } from './code-server.mjs';
import { root } from './paths.mjs';

function option(name) {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

function step(label, command, args) {
  const started = Date.now();
  console.log(`start: ${label}...`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`start: ${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
  console.log(`start: ${label} done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

const folder = path.resolve(option('--folder') ?? path.join(root, 'examples', 'vrecommendation'));
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${manifest.name}-${manifest.version}.vsix`);

step('packaging the extension (npm run package)', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'package']);
if (!fs.existsSync(vsix)) {
  console.error(`start: ${vsix} was not produced by npm run package`);
  process.exit(1);
}
step('installing the editor (once)', process.execPath, [path.join(root, 'scripts', 'editor', 'install.mjs')]);

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-start-'));
const web = process.argv.includes('--web');
const extensionId = `${manifest.publisher}.${manifest.name}`;
const state = prepareStateDir(stateDir, web ? { 'remote.extensionKind': { [extensionId]: ['web'] } } : {});
let started = Date.now();
installVsix(state, vsix);
console.log(`start: installed ${path.basename(vsix)} into ${state.extensionsDir} in ${((Date.now() - started) / 1000).toFixed(1)}s`);

const wanted = Number(option('--port') ?? process.env.PORT ?? 0);
started = Date.now();
const server = await startCodeServer({ folder, stateDir, port: wanted || (await freePort()), timeoutMs: 60_000 });
console.log(`start: code-server answered in ${((Date.now() - started) / 1000).toFixed(1)}s`);
const build = web ? ' with the web build (extension and server in a web worker, as in vscode.dev)' : '';
console.log(`\n  Docker Harden in VS Code (code-server)${build}: ${server.url}?folder=${encodeURIComponent(folder)}\n\n  Ctrl+C stops the editor.\n`);

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nstart: stopping code-server and its extension host...');
  await server.stop();
  fs.rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
server.exited.then(({ code, signal }) => {
  if (stopping) return;
  console.error(`start: code-server exited (code ${code}, signal ${signal})\n${server.output().slice(-2000)}`);
  void shutdown(1);
});

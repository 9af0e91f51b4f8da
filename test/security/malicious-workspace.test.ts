/**
 * A hostile workspace: `.dockerignore` and `.hadolint.yaml` symlinked to /etc/passwd, `.docker-harden.yaml`
 * symlinked outside, `build.context: ../../..`, a Dockerfile path climbing out, `secrets.file: /etc/shadow`,
 * `env_file` outside. The CLI, the engine and the server give a diagnostic or nothing: they never read or write a
 * path that resolves outside the workspace (checked on every file access the guard recorded, symlinks resolved).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { fixAll, lint, type Workspace } from '../../engine/src/index';
import { diskWorkspace } from '../../engine/src/node';
import { serverPath, uriOf } from '../lsp/lsp-client';
import { accessesOutside, forbidden, newGuardLog, readGuardLog, runCli, startGuardedServer } from './lib';
import { source } from '../lib/yaml-tag';

const COMPOSE = [
  'services:',
  '  climber:',
  '    build:',
  '      context: ../../..',
  '      dockerfile: ../../../../etc/passwd',
  '    env_file: ../../../etc/passwd',
  '    secrets: [shadow]',
  '    environment:',
  '      API_TOKEN: literal-token-value',
  '  app:',
  '    build: .',
  '    image: app:1',
  '  abs:',
  '    build:',
  '      context: /etc',
  '      dockerfile: /etc/passwd',
  'secrets:',
  '  shadow:',
  '    file: /etc/shadow',
  '',
].join('\n');

/** A workspace folder inside a parent that holds a file the symlinks point to. */
function hostileWorkspace(): { root: string; outside: string; decoy: string } {
  const parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-hostile-')));
  const root = path.join(parent, 'ws');
  fs.mkdirSync(root);
  const outside = path.join(parent, 'outside.yaml');
  fs.writeFileSync(outside, 'rules:\n  compose/healthcheck: off\n');
  fs.writeFileSync(path.join(root, 'compose.yaml'), COMPOSE);
  fs.writeFileSync(path.join(root, 'Dockerfile'), source`
    FROM node:20
    COPY . .
    CMD node server.js
  `);
  // The write target is a decoy outside the workspace (a fix once wrote through this link); reads go to /etc/passwd.
  const decoy = path.join(parent, 'passwd');
  fs.writeFileSync(decoy, 'root:x:0:0:root:/root:/bin/bash\n');
  fs.symlinkSync(decoy, path.join(root, '.dockerignore'));
  fs.symlinkSync(decoy, path.join(root, '.gitignore'));
  fs.symlinkSync('/etc/passwd', path.join(root, '.hadolint.yaml'));
  fs.symlinkSync(outside, path.join(root, '.docker-harden.yaml'));
  fs.symlinkSync('/etc', path.join(root, 'etc-link'));
  fs.symlinkSync(parent, path.join(root, 'parent-link'));
  fs.writeFileSync(path.join(root, 'compose.links.yaml'), source`
    services:
      linked:
        build:
          context: etc-link
          dockerfile: passwd
      up:
        build: parent-link
  `);
  return { root, outside, decoy };
}

describe('malicious workspace', () => {
  it('the engine, confined to the workspace by diskWorkspace, reads nothing outside it', () => {
    const { root } = hostileWorkspace();
    const reads: string[] = [];
    const base = diskWorkspace(root);
    const workspace: Workspace = {
      readFile: (p) => {
        const text = base.readFile(p);
        if (text !== undefined) reads.push(fs.realpathSync(p));
        return text;
      },
      exists: (p) => base.exists(p),
    };
    for (const name of ['compose.yaml', 'compose.links.yaml', 'Dockerfile']) {
      const file = path.join(root, name);
      const text = fs.readFileSync(file, 'utf8');
      const errors: string[] = [];
      lint(file, text, { workspace, onRuleError: (id, e) => errors.push(`${id}: ${String(e)}`) });
      const fixed = fixAll(file, text, { workspace, unsafe: true, onRuleError: (id, e) => errors.push(`${id}: ${String(e)}`) });
      assert.deepEqual(errors, []);
      for (const other of fixed.otherFiles) {
        const rel = path.relative(root, other.path);
        assert.ok(!rel.startsWith('..') && !path.isAbsolute(rel), `a fix of ${name} would write ${other.path}`);
      }
    }
    assert.deepEqual(reads.filter((p) => path.relative(root, p).startsWith('..')), []);
    assert.ok(!reads.includes('/etc/passwd') && !reads.includes('/etc/shadow'));
  });

  it('the CLI: check, fix --unsafe and harden read and write nothing outside the workspace', () => {
    const { root, outside, decoy } = hostileWorkspace();
    const log = newGuardLog();
    const before = fs.readFileSync(outside, 'utf8');
    const decoyBefore = fs.readFileSync(decoy, 'utf8');
    for (const args of [['check', '.'], ['check', '--format', 'json', 'compose.yaml', 'compose.links.yaml'], ['fix', '--unsafe', '.'], ['harden', 'compose.yaml']]) {
      const result = runCli(args, root, log);
      // fix and harden refuse to write through the links out (.dockerignore, .gitignore): they write nothing and say so.
      const refused = (args[0] === 'fix' || args[0] === 'harden') && result.status === 2 && /^docker-harden: nothing was written: .*\.dockerignore: /m.test(result.stderr);
      assert.ok(result.status === 0 || result.status === 1 || refused, `docker-harden ${args.join(' ')}: exit ${result.status}\n${result.stderr}`);
      assert.ok(!/^\s+at /m.test(result.stderr), `a stack trace:\n${result.stderr}`);
      assert.ok(!result.stdout.includes('root:x:0:0'), 'the output shows /etc/passwd');
    }
    const records = readGuardLog(log);
    assert.deepEqual(forbidden(records), []);
    assert.deepEqual(accessesOutside(records, root, log), []);
    assert.equal(fs.readFileSync(outside, 'utf8'), before);
    assert.equal(fs.readFileSync(decoy, 'utf8'), decoyBefore, 'a fix wrote through the .dockerignore symlink');
    assert.equal(fs.lstatSync(path.join(root, '.dockerignore')).isSymbolicLink(), true, 'the .dockerignore symlink was replaced');
  });

  it('the language server: diagnostics, code actions and Harden service read nothing outside the workspace', { skip: !fs.existsSync(serverPath) && 'dist/server.js not built' }, async () => {
    const { root } = hostileWorkspace();
    const log = newGuardLog();
    const client = await startGuardedServer(log, { workspaceFolder: root });
    try {
      for (const name of ['compose.yaml', 'compose.links.yaml']) {
        const uri = uriOf(path.join(root, name));
        client.open(uri, 'dockercompose', fs.readFileSync(path.join(root, name), 'utf8'));
        const diagnostics = await client.waitForDiagnostics(uri, () => true, 30_000);
        for (const diagnostic of diagnostics) {
          const actions = (await client.codeActions(uri, diagnostic.range, [diagnostic])) as CodeAction[];
          assert.ok(Array.isArray(actions));
        }
        await client.request('dockerHarden/hardenService', { uri, services: [] });
      }
      const dockerfileUri = uriOf(path.join(root, 'Dockerfile'));
      client.open(dockerfileUri, 'dockerfile', fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
      await client.waitForDiagnostics(dockerfileUri, () => true, 30_000);
      assert.equal(client.process.exitCode, null);
    } finally {
      await client.stop();
    }
    const records = readGuardLog(log);
    assert.deepEqual(forbidden(records), []);
    assert.deepEqual(accessesOutside(records, root, log), []);
  });
});

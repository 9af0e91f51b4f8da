/**
 * What `fix` writes, run by the real CLI on a folder beside decoys that stand for "outside": nothing is written
 * through a symlink or a hard link out of the folder named on the command line, nor into a build context outside it;
 * a write that fails (the disk full, here `ulimit -f`) changes no file, in any of the files of the run, and leaves
 * no temporary file; bytes the fixes do not touch are kept exactly, invalid UTF-8 included; modes are kept.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { bin, cli, removeProject, snapshot, tempProject } from '../cli/helpers';

const made: string[] = [];
after(() => made.forEach(removeProject));
function folder(files: Record<string, string | Buffer>): string {
  const dir = tempProject(files);
  made.push(dir);
  return dir;
}

const SECRET = 'hunter2-write-path-secret';
/** A compose file with safe fixes (log rotation, limits, restart) and an unsafe one that writes three other files. */
const COMPOSE_WITH_SECRET = ['services:', '  web:', '    image: nginx:1.25', '    environment:', `      DB_PASSWORD: ${SECRET}`, ''].join('\n');
const COMPOSE = ['services:', '  web:', '    image: nginx:1.25', ''].join('\n');
/** A Dockerfile the fixes change (a non-root USER). */
// `CMD node server.js` in shell form: dockerfile/json-args has a safe fix, so `fix` has something to write.
const DOCKERFILE = ['FROM node:20', 'COPY . .', 'CMD node server.js', ''].join('\n');
const DECOY = 'root:x:0:0:root:/root:/bin/bash\n';

/** Every file under a folder with its mode, size and a hash of its bytes; symlinks as their target. */
function state(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(current, entry.name);
      const rel = path.relative(dir, full);
      if (entry.isSymbolicLink()) out[rel] = `-> ${fs.readlinkSync(full)}`;
      else if (entry.isDirectory()) {
        out[`${rel}/`] = (fs.statSync(full).mode & 0o7777).toString(8);
        walk(full);
      } else {
        const bytes = fs.readFileSync(full);
        out[rel] = `${(fs.statSync(full).mode & 0o7777).toString(8)} ${bytes.length} ${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
      }
    }
  };
  walk(dir);
  return out;
}

function assertNoSecretShown(run: { stdout: string; stderr: string }): void {
  assert.ok(!run.stdout.includes(SECRET) && !run.stderr.includes(SECRET), 'the secret value was printed');
}

/** `fix` with a file size limit (`ulimit -f`, in KiB): writes beyond it fail with EFBIG, as on a full disk. */
function fixWithFileLimit(dir: string, kib: number, args: string[] = []) {
  const quoted = [process.execPath, bin, 'fix', ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = spawnSync('bash', ['-c', `ulimit -f ${kib}; exec ${quoted}`], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', DOCKER_HARDEN_NO_CODE_CACHE: '1' },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}

/** A compose file bigger than `bytes`, with fixes to make (the bulk is comments). */
function bigCompose(bytes: number, base = COMPOSE): string {
  const filler: string[] = [];
  for (let i = 0; filler.join('\n').length < bytes; i++) filler.push(`# filler line ${i} ${'x'.repeat(60)}`);
  return `${filler.join('\n')}\n${base}`;
}

describe('the write path: links out of the folder named', () => {
  it('a compose file named on the command line that is a symlink to a file outside is not written through', () => {
    const parent = folder({ 'outside/compose.yaml': COMPOSE, 'ws/Dockerfile.keep': 'x\n' });
    const ws = path.join(parent, 'ws');
    fs.symlinkSync(path.join(parent, 'outside', 'compose.yaml'), path.join(ws, 'compose.yaml'));
    const before = state(parent);
    const run = cli(['fix', 'compose.yaml'], ws);
    assert.deepEqual(state(parent), before, 'the file outside was written through the link');
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /compose\.yaml.*symbolic link.*outside/);
    assert.match(run.stderr, /nothing (was )?written/i);
  });

  it('a Dockerfile named on the command line that is a symlink to a file outside is not written through', () => {
    const parent = folder({ 'outside/Dockerfile': DOCKERFILE, 'ws/.keep': '' });
    const ws = path.join(parent, 'ws');
    fs.symlinkSync('../outside/Dockerfile', path.join(ws, 'Dockerfile'));
    const before = state(parent);
    const run = cli(['fix', 'Dockerfile'], ws);
    assert.deepEqual(state(parent), before);
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /Dockerfile.*symbolic link.*outside/);
  });

  it('a symlink inside the folder is written at its target, and stays a link', () => {
    const ws = folder({ 'compose.base.yaml': COMPOSE });
    fs.symlinkSync('compose.base.yaml', path.join(ws, 'compose.yaml'));
    const run = cli(['fix', 'compose.yaml'], ws);
    assert.ok(run.status === 0 || run.status === 1, run.stdout + run.stderr);
    assert.equal(fs.readlinkSync(path.join(ws, 'compose.yaml')), 'compose.base.yaml');
    assert.notEqual(fs.readFileSync(path.join(ws, 'compose.base.yaml'), 'utf8'), COMPOSE, 'the target was not fixed');
  });

  it('a secrets/ folder that is a symlink out: nothing is written through it, and the secret stays in the compose file', () => {
    const parent = folder({ 'ws/compose.yaml': COMPOSE_WITH_SECRET, 'elsewhere/.keep': '' });
    const ws = path.join(parent, 'ws');
    const elsewhere = path.join(parent, 'elsewhere');
    fs.symlinkSync(elsewhere, path.join(ws, 'secrets'));
    const before = state(ws);
    const elsewhereBefore = state(elsewhere);
    const run = cli(['fix', '--unsafe', '.'], ws);
    assert.deepEqual(state(elsewhere), elsewhereBefore, 'a file was written through the secrets/ link');
    // The conversion is not made (the engine sees no place for the file), or the run is refused whole.
    assert.ok(fs.readFileSync(path.join(ws, 'compose.yaml'), 'utf8').includes(SECRET), 'the secret value was removed from compose.yaml and written nowhere');
    if (run.status === 2) {
      assert.deepEqual(state(ws), before);
      assert.match(run.stderr, /secrets\/db_password\.txt.*outside/);
    } else assert.ok(run.status === 0 || run.status === 1, run.stdout + run.stderr);
    assertNoSecretShown(run);
  });

  it('a .gitignore hard-linked to a file elsewhere is not appended to (nor anything else written)', () => {
    const parent = folder({ 'ws/compose.yaml': COMPOSE_WITH_SECRET, 'elsewhere/passwd': DECOY });
    const ws = path.join(parent, 'ws');
    fs.linkSync(path.join(parent, 'elsewhere', 'passwd'), path.join(ws, '.gitignore'));
    const before = state(parent);
    const run = cli(['fix', '--unsafe', '.'], ws);
    assert.deepEqual(state(parent), before);
    assert.equal(fs.readFileSync(path.join(parent, 'elsewhere', 'passwd'), 'utf8'), DECOY);
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /\.gitignore.*hard link/);
    assertNoSecretShown(run);
  });

  it('fix path/to/project, run from the parent, writes nothing in a build context outside the project', () => {
    const parent = folder({
      'path/to/project/compose.yaml': ['services:', '  app:', '    build:', '      context: ../outside', ''].join('\n'),
      'path/to/outside/Dockerfile': DOCKERFILE,
    });
    const outside = path.join(parent, 'path', 'to', 'outside');
    const before = state(outside);
    const run = cli(['fix', '--unsafe', 'path/to/project'], parent);
    assert.deepEqual(state(outside), before, 'a fix wrote in the build context outside the folder named');
    assert.ok(run.status === 0 || run.status === 1, run.stdout + run.stderr);
    assert.notEqual(fs.readFileSync(path.join(parent, 'path/to/project/compose.yaml'), 'utf8'), '', 'the project itself was not fixed');
    assert.match(run.stdout, /fixed path\/to\/project\/compose\.yaml/);
  });
});

describe('the write path: atomic, all or nothing', () => {
  it('with the disk full, the compose file is unchanged and no temporary file is left', () => {
    const compose = bigCompose(24 * 1024);
    const ws = folder({ 'compose.yaml': compose });
    const before = state(ws);
    const run = fixWithFileLimit(ws, 16);
    assert.equal(run.signal, null, `killed by ${run.signal}`);
    assert.deepEqual(state(ws), before, 'compose.yaml changed, or a temporary file was left');
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /cannot write compose\.yaml/);
    assert.match(run.stderr, /nothing (was )?(changed|written)/i);
  });

  it('when the second of several files fails, the first is not changed either', () => {
    // Dockerfile (small, written first) then compose.yaml (too big for the limit).
    const ws = folder({ 'compose.yaml': bigCompose(24 * 1024, ['services:', '  web:', '    build: .', ''].join('\n')), Dockerfile: DOCKERFILE });
    const before = state(ws);
    const run = fixWithFileLimit(ws, 16, ['--unsafe']);
    assert.deepEqual(state(ws), before);
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /compose\.yaml/);
  });

  it('a file keeps its mode; new secrets files get the mode the fix asks for', () => {
    const ws = folder({ 'compose.yaml': COMPOSE_WITH_SECRET, Dockerfile: DOCKERFILE });
    fs.chmodSync(path.join(ws, 'compose.yaml'), 0o640);
    fs.chmodSync(path.join(ws, 'Dockerfile'), 0o755);
    const run = cli(['fix', '--unsafe', '.'], ws);
    assert.ok(run.status === 0 || run.status === 1, run.stdout + run.stderr);
    assert.match(fs.readFileSync(path.join(ws, 'compose.yaml'), 'utf8'), /secrets:/);
    assert.equal(fs.statSync(path.join(ws, 'compose.yaml')).mode & 0o7777, 0o640);
    assert.equal(fs.statSync(path.join(ws, 'Dockerfile')).mode & 0o7777, 0o755);
    // The mode the fix asked for, as the summary reports it.
    const asked = /created secrets\/db_password\.txt \(mode (\d+)\)/.exec(run.stdout);
    assert.ok(asked, run.stdout);
    assert.equal((fs.statSync(path.join(ws, 'secrets', 'db_password.txt')).mode & 0o7777).toString(8).padStart(4, '0'), asked[1]);
    assert.deepEqual(Object.keys(snapshot(ws)).filter((name) => /tmp|docker-harden/.test(name)), [], 'a temporary or backup file was left');
  });
});

describe('the write path: bytes outside the fixes', () => {
  /** Invalid UTF-8: a lone continuation byte, a truncated sequence, an overlong form, a surrogate, a lone lead. */
  const INVALID = [Buffer.from([0xff]), Buffer.from([0xe2, 0x82]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf0, 0x9f, 0x98])];
  /** One UTF-16 unit that stands for one invalid sequence in the twin file written with valid text only. */
  const MARK = '\u00a7';

  /** The file's bytes with the nth MARK replaced by the nth invalid sequence (cycling), and how many there were. */
  function withInvalid(text: string): Buffer {
    const parts = text.split(MARK);
    const chunks: Buffer[] = [];
    parts.forEach((part, i) => {
      chunks.push(Buffer.from(part, 'utf8'));
      if (i < parts.length - 1) chunks.push(INVALID[i % INVALID.length]);
    });
    return Buffer.concat(chunks);
  }

  it('invalid UTF-8 bytes far from and next to the fixes are kept exactly (compose file and Dockerfile)', () => {
    // Every MARK (and so every invalid byte) is outside what the fixes change: comments far away, a comment on the
    // line the fixes insert after, the Dockerfile's comment on the line USER is inserted before.
    const compose = [`# caf${MARK} stack ${MARK}${MARK}`, 'services:', '  web:', `    build: .  # near ${MARK}`, `# tail ${MARK}`, ''].join('\n');
    const dockerfile = [`# top ${MARK}`, 'FROM node:20', 'COPY . .', `CMD ["node", "server.js"] # ${MARK}${MARK}`, ''].join('\n');
    const twin = folder({ 'compose.yaml': compose, Dockerfile: dockerfile });
    const ws = folder({ 'compose.yaml': withInvalid(compose), Dockerfile: withInvalid(dockerfile) });
    const twinRun = cli(['fix', '--unsafe', '.'], twin);
    const run = cli(['fix', '--unsafe', '.'], ws);
    assert.equal(run.status, twinRun.status, run.stdout + run.stderr);
    for (const name of ['compose.yaml', 'Dockerfile']) {
      const expected = withInvalid(fs.readFileSync(path.join(twin, name), 'utf8'));
      const written = fs.readFileSync(path.join(ws, name));
      assert.notEqual(fs.readFileSync(path.join(twin, name), 'utf8'), name === 'Dockerfile' ? dockerfile : compose, `${name} was not fixed`);
      assert.equal(written.toString('hex'), expected.toString('hex'), `${name}: bytes outside the fixes changed`);
    }
  });
});

describe('the write path: what the language server puts in a WorkspaceEdit', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { TextDocuments } = require('vscode-languageserver/node') as typeof import('vscode-languageserver/node');
  const { TextDocument } = require('vscode-languageserver-textdocument') as typeof import('vscode-languageserver-textdocument');
  const { OpenDocuments } = require('../../server/src/documents') as typeof import('../../server/src/documents');
  const { TextPositions } = require('../../server/src/positions') as typeof import('../../server/src/positions');
  const { buildWorkspaceEdit, PendingModes } = require('../../server/src/workspaceEdits') as typeof import('../../server/src/workspaceEdits');
  // The Node build's checks on disk (the server core has none of its own).
  const { nodeWriteChecks } = require('../../server/src/nodeHost') as typeof import('../../server/src/nodeHost');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const capabilities = { documentChanges: true, createFile: true, changeAnnotations: true };

  function workspace() {
    const parent = folder({ 'ws/compose.yaml': COMPOSE, 'ws/Dockerfile': DOCKERFILE, 'outside/passwd': DECOY, 'outside/Dockerfile': DOCKERFILE });
    const ws = path.join(parent, 'ws');
    const open = new OpenDocuments(new TextDocuments(TextDocument), undefined, nodeWriteChecks());
    open.setWorkspaceFolders([pathToFileURL(ws).toString()]);
    const primary = { uri: pathToFileURL(path.join(ws, 'compose.yaml')).toString(), version: 1, positions: new TextPositions(COMPOSE), edits: [] };
    return { parent, ws, outside: path.join(parent, 'outside'), open, primary };
  }

  it('offers an edit of files inside the workspace folder', () => {
    const { ws, open, primary } = workspace();
    const others = [
      { path: path.join(ws, 'Dockerfile'), before: DOCKERFILE, after: `${DOCKERFILE}USER app\n` },
      { path: path.join(ws, 'secrets', 'token.txt'), before: undefined, after: 'value', mode: 0o644 },
    ];
    assert.ok(buildWorkspaceEdit(primary, others, open, capabilities, true));
  });

  it('offers no edit that touches a file outside, through a symlink or a hard link, or over a file it could not read', () => {
    const { ws, outside, open, primary } = workspace();
    fs.symlinkSync(path.join(outside, 'Dockerfile'), path.join(ws, 'Dockerfile.linked'));
    fs.linkSync(path.join(outside, 'passwd'), path.join(ws, '.gitignore'));
    fs.symlinkSync(outside, path.join(ws, 'secrets'));
    fs.symlinkSync(path.join(outside, 'passwd'), path.join(ws, '.dockerignore'));
    for (const other of [
      { path: path.join(outside, 'Dockerfile'), before: DOCKERFILE, after: `${DOCKERFILE}USER app\n` },
      { path: path.join(ws, 'Dockerfile.linked'), before: DOCKERFILE, after: `${DOCKERFILE}USER app\n` },
      { path: path.join(ws, '.gitignore'), before: DECOY, after: `${DECOY}secrets/\n` },
      { path: path.join(ws, 'secrets', 'token.txt'), before: undefined, after: 'value', mode: 0o644 },
      { path: path.join(ws, '.dockerignore'), before: undefined, after: 'secrets/\n' },
    ]) {
      assert.equal(buildWorkspaceEdit(primary, [other], open, capabilities, true), undefined, `an edit of ${other.path} was offered`);
    }
  });

  it('never changes a mode through a link put where the created file was', () => {
    const { ws, outside } = workspace();
    const modes = new PendingModes(nodeWriteChecks());
    const created = path.join(ws, 'token.txt');
    modes.remember([{ path: created, before: undefined, after: 'value', mode: 0o600 }]);
    fs.chmodSync(path.join(outside, 'passwd'), 0o644);
    fs.symlinkSync(path.join(outside, 'passwd'), created);
    assert.equal(modes.created(created), false);
    assert.equal(fs.statSync(path.join(outside, 'passwd')).mode & 0o777, 0o644);
  });
});

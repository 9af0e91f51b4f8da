/**
 * The CLI's path boundary (cli/src/native.ts): what it hands the engine (engine paths) and what it gives `node:fs` and
 * prints (native paths, shown relative with forward slashes). Windows itself is not run here: its cases are computed
 * with the win32 rules on this machine, through the functions the CLI calls with the host's platform.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayPath, engineOverlay, isInside, nativeMessage, resolveGiven, toEngine, toNative, type Platform } from '../../cli/src/native';
import { fixAll, memoryWorkspace } from '../../engine/src/index';
import rule from '../../engine/src/rules/compose/secret-in-environment';
import { source } from '../lib/yaml-tag';

const WINDOWS: Platform = { windows: true };
const POSIX: Platform = { windows: false };

describe('CLI paths at the engine boundary', () => {
  it('Windows: files named on the command line reach the engine as engine paths and are shown relative', () => {
    const cwd = 'C:\\proj';
    const cases: [given: string, native: string, enginePath: string, shown: string][] = [
      ['C:\\proj\\docker-compose.yml', 'C:\\proj\\docker-compose.yml', '/C:/proj/docker-compose.yml', 'docker-compose.yml'],
      ['C:\\proj\\sub\\Dockerfile', 'C:\\proj\\sub\\Dockerfile', '/C:/proj/sub/Dockerfile', 'sub/Dockerfile'],
      ['.\\compose.yaml', 'C:\\proj\\compose.yaml', '/C:/proj/compose.yaml', 'compose.yaml'],
      ['sub\\..\\sub\\Dockerfile', 'C:\\proj\\sub\\Dockerfile', '/C:/proj/sub/Dockerfile', 'sub/Dockerfile'],
      ['..\\other\\compose.yaml', 'C:\\other\\compose.yaml', '/C:/other/compose.yaml', '../other/compose.yaml'],
      ['D:\\elsewhere\\compose.yaml', 'D:\\elsewhere\\compose.yaml', '/D:/elsewhere/compose.yaml', 'D:/elsewhere/compose.yaml'],
      ['.', 'C:\\proj', '/C:/proj', 'proj'],
    ];
    for (const [given, native, enginePath, shown] of cases) {
      const resolved = resolveGiven(cwd, given, WINDOWS);
      assert.equal(resolved, native, given);
      assert.equal(toEngine(resolved, WINDOWS), enginePath, given);
      assert.equal(toNative(toEngine(resolved, WINDOWS), WINDOWS), native, given);
      assert.equal(displayPath(cwd, resolved, WINDOWS), shown, given);
    }
  });

  it('Windows: --config is handed to the config lookup as an engine path, and its file is shown relative', () => {
    const configFile = toEngine(resolveGiven('C:\\proj', 'C:\\proj\\.docker-harden.yaml', WINDOWS), WINDOWS);
    assert.equal(configFile, '/C:/proj/.docker-harden.yaml');
    // The LoadedConfig's file and root come back as engine paths: the report names the file, the root bounds the lint.
    assert.equal(toNative(configFile, WINDOWS), 'C:\\proj\\.docker-harden.yaml');
    assert.equal(displayPath('C:\\proj', toNative(configFile, WINDOWS), WINDOWS), '.docker-harden.yaml');
    assert.equal(displayPath('C:\\proj\\sub', toNative(configFile, WINDOWS), WINDOWS), '../.docker-harden.yaml');
    const root = toNative('/C:/proj', WINDOWS);
    assert.equal(root, 'C:\\proj');
    assert.equal(isInside(root, 'C:\\proj\\sub\\Dockerfile', WINDOWS), true);
    assert.equal(toEngine(resolveGiven('C:\\proj', '.docker-harden.yaml', WINDOWS), WINDOWS), '/C:/proj/.docker-harden.yaml');
    // The lookup's error names the engine path; the CLI prints the native one, as the user gave it.
    assert.equal(
      nativeMessage('cannot read the config file /C:/proj/.docker-harden.yaml', configFile, WINDOWS),
      'cannot read the config file C:\\proj\\.docker-harden.yaml',
    );
    assert.equal(nativeMessage('cannot read the config file /C:/proj/x.yaml', undefined, WINDOWS), 'cannot read the config file /C:/proj/x.yaml');
  });

  it('Windows: a file a fix changes comes back from the engine and is written and shown as a native path', () => {
    // PendingChanges.changeOther: the engine's ChangedFile.path (a secrets file beside the compose file).
    const written = toNative('/C:/proj/secrets/db_password.txt', WINDOWS);
    assert.equal(written, 'C:\\proj\\secrets\\db_password.txt');
    assert.equal(displayPath('C:\\proj', written, WINDOWS), 'secrets/db_password.txt');
    // The write guard's limit is the folder named (native); the file is inside it, another drive is not.
    assert.equal(isInside('C:\\proj', written, WINDOWS), true);
    assert.equal(isInside('C:\\proj', 'D:\\proj\\secrets\\db_password.txt', WINDOWS), false);
    assert.equal(isInside('C:\\proj', 'C:\\project\\x', WINDOWS), false);
    assert.equal(isInside('C:\\proj', 'C:\\proj', WINDOWS), false);
    // Windows compares without case, as its file systems do.
    assert.equal(isInside('c:\\PROJ', 'C:\\proj\\compose.yaml', WINDOWS), true);
  });

  it('Windows: the engine fixes a file named by its engine path; the file it creates comes back to a native path', () => {
    const compose = source`
      services:
        db:
          image: postgres:16
          environment:
            DB_PASSWORD: s3cret
    `;
    const enginePath = toEngine(resolveGiven('C:\\proj', 'docker-compose.yml', WINDOWS), WINDOWS);
    const workspace = memoryWorkspace({ [enginePath]: compose });
    const result = fixAll(enginePath, compose, { only: [rule.meta.id], ruleSet: [rule], workspace, unsafe: true });
    // The secrets file and the .gitignore that keeps it out of git, as PendingChanges.changeOther keeps and prints them.
    assert.deepEqual(
      result.otherFiles.map((file) => [file.path, toNative(file.path, WINDOWS), displayPath('C:\\proj', toNative(file.path, WINDOWS), WINDOWS)]),
      [
        ['/C:/proj/secrets/db_password.txt', 'C:\\proj\\secrets\\db_password.txt', 'secrets/db_password.txt'],
        ['/C:/proj/.gitignore', 'C:\\proj\\.gitignore', '.gitignore'],
      ],
    );
  });

  it('Windows: the engine reads pending fixes through the overlay with engine paths', () => {
    const pending = new Map([['C:\\proj\\sub\\Dockerfile', 'FROM alpine:3.20\n']]);
    const overlay = engineOverlay((native) => pending.get(native), WINDOWS)!;
    assert.equal(overlay('/C:/proj/sub/Dockerfile'), 'FROM alpine:3.20\n');
    assert.equal(overlay('/C:/proj/Dockerfile'), undefined);
    assert.equal(engineOverlay(undefined, WINDOWS), undefined);
  });

  it('POSIX: every conversion is the identity, and what is shown is as before', () => {
    const cwd = '/home/dev/proj';
    for (const [given, native, shown] of [
      ['docker-compose.yml', '/home/dev/proj/docker-compose.yml', 'docker-compose.yml'],
      ['./sub/Dockerfile', '/home/dev/proj/sub/Dockerfile', 'sub/Dockerfile'],
      ['/srv/app/compose.yaml', '/srv/app/compose.yaml', '../../../srv/app/compose.yaml'],
      ['/c:/odd/compose.yaml', '/c:/odd/compose.yaml', '../../../c:/odd/compose.yaml'],
    ]) {
      const resolved = resolveGiven(cwd, given, POSIX);
      assert.equal(resolved, native, given);
      assert.equal(toEngine(resolved, POSIX), native, given);
      assert.equal(toNative(native, POSIX), native, given);
      assert.equal(displayPath(cwd, resolved, POSIX), shown, given);
    }
    const pending = new Map([['/home/dev/proj/compose.yaml', 'services: {}\n']]);
    assert.equal(engineOverlay((p) => pending.get(p), POSIX)!('/home/dev/proj/compose.yaml'), 'services: {}\n');
    assert.equal(isInside(cwd, '/home/dev/proj/sub/Dockerfile', POSIX), true);
    assert.equal(isInside(cwd, '/home/dev/project/x', POSIX), false);
    assert.equal(nativeMessage('cannot read the config file /home/dev/proj/x.yaml', '/home/dev/proj/x.yaml', POSIX), 'cannot read the config file /home/dev/proj/x.yaml');
  });
});

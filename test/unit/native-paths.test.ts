/**
 * The Node host's path conversion (engine/src/node/native-paths.ts): on POSIX a native path is the engine path; on
 * Windows `C:\a\b` is the path of its file URI, `/C:/a/b`, and back. Windows itself is not run here: its cases are
 * computed with the win32 rules on this machine.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import { fromNativePath, toNativePath } from '../../engine/src/node';

describe('native paths', () => {
  it('POSIX: the same path (a relative one resolved against the working directory), as vscode-uri spells it', () => {
    for (const native of ['/', '/a/b', '/a b/ü.yml', '/x/y.z', '/c:/odd']) {
      assert.equal(fromNativePath(native, false), URI.file(native).path);
      assert.equal(toNativePath(fromNativePath(native, false), false), URI.file(native).path);
    }
    assert.equal(fromNativePath('/x/../y', false), '/y');
    assert.equal(fromNativePath('rel/x', false), `${process.cwd()}/rel/x`);
  });

  it('Windows: a drive path becomes its URI path and comes back', () => {
    const cases: [native: string, enginePath: string, back: string][] = [
      ['C:\\', '/C:/', 'C:\\'],
      ['C:\\Users\\dev\\app\\compose.yml', '/C:/Users/dev/app/compose.yml', 'C:\\Users\\dev\\app\\compose.yml'],
      ['c:\\a\\..\\b', '/c:/b', 'c:\\b'],
      ['D:/mixed\\slashes/x', '/D:/mixed/slashes/x', 'D:\\mixed\\slashes\\x'],
    ];
    for (const [native, enginePath, back] of cases) {
      assert.equal(fromNativePath(native, true), enginePath, native);
      assert.equal(toNativePath(enginePath, true), back, enginePath);
    }
    // vscode-uri parses a file URI of VS Code on Windows to the same engine path.
    assert.equal(URI.parse('file:///c%3A/Users/dev/compose.yml').path, fromNativePath('c:\\Users\\dev\\compose.yml', true));
  });
});

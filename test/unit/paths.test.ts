/**
 * engine/src/core/paths.ts against Node's `path.posix` on many spellings (`.`, `..`, repeated and trailing slashes,
 * empty parts): the same answers, except that `resolve` starts from `/` where Node starts from the working directory.
 */
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { describe, it } from 'node:test';
import * as paths from '../../engine/src/core/paths';

const samples = [
  '', '.', '..', '/', '//', '///', './', '../', '/.', '/..', '/../..', 'a', 'a/', 'a//', '/a', '/a/', '//a', '//a/b',
  'a/b', 'a/b/', 'a//b', '/a//b', '/a//b//', 'a/./b', 'a/../b', 'a/..', 'a/../', 'a/../..', '../a', '../../a/b',
  './a', '/a/./b/../c', '/a/b/../../..', '/a/b/../../../c', 'a/b/../../../c/', '...', '/...', '.../a', 'a..',
  '.a', '/.a', 'a.b', 'a.b.c', '/x/y.tar.gz', '/x/.env', '/x/.env.local', 'a.', '.a.', '/x/..data', '/x/..data/y',
  'file.js/', '/c:/Users/x', '/c:/Users/x/..', 'a\\b', '/ spaced /name', '/é/ü.yml', '/x/y/', '/x/y//',
];

describe('paths: as path.posix', () => {
  it('normalize, dirname, basename, extname, isAbsolute', () => {
    for (const p of samples) {
      assert.equal(paths.normalize(p), posix.normalize(p), `normalize(${JSON.stringify(p)})`);
      assert.equal(paths.dirname(p), posix.dirname(p), `dirname(${JSON.stringify(p)})`);
      assert.equal(paths.basename(p), posix.basename(p), `basename(${JSON.stringify(p)})`);
      assert.equal(paths.extname(p), posix.extname(p), `extname(${JSON.stringify(p)})`);
      assert.equal(paths.isAbsolute(p), posix.isAbsolute(p), `isAbsolute(${JSON.stringify(p)})`);
    }
  });

  it('basename with a suffix', () => {
    for (const p of samples) {
      for (const suffix of ['', '.yml', '.gz', 'b', '.env', 'a', '/']) {
        assert.equal(paths.basename(p, suffix), posix.basename(p, suffix), `basename(${JSON.stringify(p)}, ${JSON.stringify(suffix)})`);
      }
    }
  });

  it('join and relative of every pair, resolve against /', () => {
    for (const a of samples) {
      for (const b of samples) {
        assert.equal(paths.join(a, b), posix.join(a, b), `join(${JSON.stringify(a)}, ${JSON.stringify(b)})`);
        assert.equal(paths.resolve(a, b), posix.resolve('/', a, b), `resolve(${JSON.stringify(a)}, ${JSON.stringify(b)})`);
        assert.equal(paths.relative(a, b), posix.relative(posix.resolve('/', a), posix.resolve('/', b)), `relative(${JSON.stringify(a)}, ${JSON.stringify(b)})`);
      }
    }
    assert.equal(paths.join(), posix.join());
    assert.equal(paths.join('a', '', 'b', ''), posix.join('a', '', 'b', ''));
    assert.equal(paths.resolve('/a', 'b', '/c', 'd'), '/c/d');
    assert.equal(paths.sep, posix.sep);
  });

  it('resolve reads no working directory: a relative path resolves against /', () => {
    assert.equal(paths.resolve(), '/');
    assert.equal(paths.resolve(''), '/');
    assert.equal(paths.resolve('a/b'), '/a/b');
    assert.equal(paths.resolve('..', 'a'), '/a');
    assert.equal(paths.relative('a', 'a/b'), 'b');
  });
});

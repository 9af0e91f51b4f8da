/**
 * The CLI's write path in-process (cli/src/write.ts, cli/src/bytes.ts): refusals, all-or-nothing with a failing
 * file system call injected, modes, and the byte mapping that keeps invalid UTF-8 outside the changes.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { patchedBytes, textChanges, utf16ByteOffsets } from '../../cli/src/bytes';
import { diskFs, WriteRefused, writeFiles, type FileWrite, type WriteFs } from '../../cli/src/write';
import { source } from '../lib/yaml-tag';

const made: string[] = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A parent folder with `ws` (the folder named) and `outside` (decoys) in it. */
function folders(): { ws: string; outside: string } {
  const parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-write-')));
  made.push(parent);
  const ws = path.join(parent, 'ws');
  const outside = path.join(parent, 'outside');
  fs.mkdirSync(ws);
  fs.mkdirSync(outside);
  return { ws, outside };
}

const show = (p: string) => path.basename(p);

/** Every entry of a folder (names sorted) with its content, so a left-over temporary file shows. */
function listing(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const stat = fs.lstatSync(full);
    out[name] = stat.isDirectory() ? `dir ${JSON.stringify(listing(full))}` : stat.isSymbolicLink() ? `-> ${fs.readlinkSync(full)}` : fs.readFileSync(full, 'latin1');
  }
  return out;
}

/** A file system whose `call` fails the `nth` time (1-based) with `code`. */
function failing(call: keyof WriteFs, nth: number, code = 'ENOSPC'): WriteFs {
  let count = 0;
  const original = diskFs[call] as (...args: unknown[]) => unknown;
  return {
    ...diskFs,
    [call]: (...args: unknown[]) => {
      if (++count === nth) throw Object.assign(new Error(`${code}: injected`), { code });
      return original(...args);
    },
  };
}

function edit(ws: string, name: string, before: string, after: string): FileWrite {
  return { absolutePath: path.join(ws, name), before, after, limit: ws };
}

describe('writeFiles: all or nothing', () => {
  function someFiles() {
    const { ws } = folders();
    fs.writeFileSync(path.join(ws, 'Dockerfile'), 'FROM a\n');
    fs.writeFileSync(path.join(ws, 'compose.yaml'), 'services: {}\n');
    const writes: FileWrite[] = [
      edit(ws, 'Dockerfile', 'FROM a\n', 'FROM a\nUSER app\n'),
      edit(ws, 'compose.yaml', 'services: {}\n', 'services: {}\nsecrets: {}\n'),
      { absolutePath: path.join(ws, 'secrets', 'token.txt'), before: undefined, after: 'value', mode: 0o644, folderMode: 0o700, limit: ws },
      { absolutePath: path.join(ws, 'secrets', 'user.txt'), before: undefined, after: 'name', mode: 0o644, folderMode: 0o700, limit: ws },
    ];
    return { ws, writes };
  }

  it('writes every file, keeps modes, gives new files and folders the modes asked', () => {
    const { ws, writes } = someFiles();
    fs.chmodSync(path.join(ws, 'Dockerfile'), 0o751);
    const lines = writeFiles(writes, show);
    assert.deepEqual(lines, ['fixed Dockerfile', 'fixed compose.yaml', 'created token.txt (mode 0644)', 'created user.txt (mode 0644)']);
    assert.equal(fs.readFileSync(path.join(ws, 'secrets', 'user.txt'), 'utf8'), 'name');
    assert.equal(fs.readFileSync(path.join(ws, 'Dockerfile'), 'utf8'), 'FROM a\nUSER app\n');
    assert.equal(fs.statSync(path.join(ws, 'Dockerfile')).mode & 0o7777, 0o751);
    assert.equal(fs.statSync(path.join(ws, 'secrets')).mode & 0o7777, 0o700);
    assert.equal(fs.statSync(path.join(ws, 'secrets', 'token.txt')).mode & 0o7777, 0o644);
    assert.deepEqual(Object.keys(listing(ws)), ['Dockerfile', 'compose.yaml', 'secrets']);
  });

  for (const [io, when, file] of [
    [failing('writeSync', 2), 'the second temporary file cannot be written (disk full)', 'compose.yaml'],
    [failing('fsyncSync', 4), 'the last temporary file cannot be synced', 'user.txt'],
    [failing('mkdirSync', 1), 'the new folder cannot be made', 'token.txt'],
    [{ ...failing('linkSync', 2), copyFileSync: failing('copyFileSync', 1).copyFileSync }, 'the second backup cannot be made', 'compose.yaml'],
  ] as const) {
    it(`changes nothing when ${when}, and names the file`, () => {
      const { ws, writes } = someFiles();
      const before = listing(ws);
      assert.throws(() => writeFiles(writes, show, io), (error: Error) => {
        assert.equal(error.message, `cannot write ${file}: no space left on the disk; nothing was changed`);
        return true;
      });
      assert.deepEqual(listing(ws), before);
    });
  }

  it('puts the originals back from copies where the file system has no hard links', () => {
    const { ws, writes } = someFiles();
    const before = listing(ws);
    const noLinks: WriteFs['linkSync'] = () => {
      throw Object.assign(new Error('EPERM: injected'), { code: 'EPERM' });
    };
    assert.throws(() => writeFiles(writes, show, { ...failing('renameSync', 4), linkSync: noLinks }), /cannot write compose\.yaml: .*nothing was changed$/);
    assert.deepEqual(listing(ws), before);
  });

  it('puts back the files already renamed when a later rename fails', () => {
    const { ws, writes } = someFiles();
    const before = listing(ws);
    // Renames: token.txt and user.txt (created) first, Dockerfile, then compose.yaml last: the fourth fails.
    assert.throws(() => writeFiles(writes, show, failing('renameSync', 4)), /^Error: cannot write compose\.yaml: no space left on the disk; nothing was changed$/);
    assert.deepEqual(listing(ws), before);
  });

  it('renames the compose file last', () => {
    const { ws, writes } = someFiles();
    const renamed: string[] = [];
    writeFiles(writes, show, { ...diskFs, renameSync: (from, to) => (renamed.push(path.basename(String(to))), diskFs.renameSync(from, to)) });
    assert.deepEqual(renamed, ['token.txt', 'user.txt', 'Dockerfile', 'compose.yaml']);
  });
});

describe('writeFiles: refusals (nothing is written)', () => {
  it('refuses a file that is a symlink out, a folder linked out, a hard link, a path outside, and writes none of the rest', () => {
    const { ws, outside } = folders();
    fs.writeFileSync(path.join(outside, 'compose.yaml'), 'decoy\n');
    fs.writeFileSync(path.join(outside, 'gitignore'), 'decoy\n');
    fs.symlinkSync(path.join(outside, 'compose.yaml'), path.join(ws, 'compose.yaml'));
    fs.symlinkSync(outside, path.join(ws, 'secrets'));
    fs.linkSync(path.join(outside, 'gitignore'), path.join(ws, '.gitignore'));
    fs.writeFileSync(path.join(ws, 'Dockerfile'), 'FROM a\n');
    const outsideBefore = listing(outside);
    const wsBefore = listing(ws);
    const writes: FileWrite[] = [
      edit(ws, 'Dockerfile', 'FROM a\n', 'FROM a\nUSER app\n'),
      edit(ws, 'compose.yaml', 'decoy\n', 'fixed\n'),
      edit(ws, '.gitignore', 'decoy\n', 'decoy\nsecrets/\n'),
      { absolutePath: path.join(ws, 'secrets', 'token.txt'), before: undefined, after: 'value', mode: 0o644, limit: ws },
      { absolutePath: path.join(outside, 'Dockerfile'), before: undefined, after: 'FROM b\n', limit: ws },
      { absolutePath: path.join(outside, 'x.txt'), before: undefined, after: 'x', limit: undefined },
    ];
    assert.throws(
      () => writeFiles(writes, show),
      (error: Error) => {
        assert.ok(error instanceof WriteRefused);
        assert.deepEqual(error.refusals, [
          `compose.yaml: a symbolic link to ${path.join(outside, 'compose.yaml')}, outside the folder named (ws)`,
          '.gitignore: a hard link (2 names: the others may be outside the folder named (ws))',
          `token.txt: its folder secrets is a symbolic link to ${outside}, outside the folder named (ws)`,
          'Dockerfile: outside the folder named (ws)',
          'x.txt: outside the folders named on the command line',
        ]);
        assert.match(error.message, /^nothing was written: /);
        return true;
      },
    );
    assert.deepEqual(listing(outside), outsideBefore);
    assert.deepEqual(listing(ws), wsBefore);
  });

  it('refuses a file changed since it was read, and a file to create that is already there', () => {
    const { ws } = folders();
    fs.writeFileSync(path.join(ws, 'compose.yaml'), 'edited meanwhile\n');
    fs.symlinkSync('/nonexistent-target', path.join(ws, '.dockerignore'));
    const writes: FileWrite[] = [
      edit(ws, 'compose.yaml', 'services: {}\n', 'services: {}\nx: 1\n'),
      { absolutePath: path.join(ws, '.dockerignore'), before: undefined, after: 'secrets/\n', limit: ws },
    ];
    assert.throws(() => writeFiles(writes, show), (error: Error) => {
      assert.deepEqual((error as WriteRefused).refusals, [
        'compose.yaml: it changed while docker-harden ran',
        '.dockerignore: it exists but could not be read (a link out of the folder named, or too big)',
      ]);
      return true;
    });
    assert.equal(fs.readFileSync(path.join(ws, 'compose.yaml'), 'utf8'), 'edited meanwhile\n');
  });
});

describe('bytes: invalid UTF-8 outside the changes is kept', () => {
  /** Bytes that exercise every decoder path: valid 1-4 byte forms, overlongs, surrogates, truncations, stray bytes. */
  const PIECES = [
    [0x41], [0x0a], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbb, 0xbf],
    [0xff], [0x80], [0xc0, 0xaf], [0xc1, 0x81], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80],
    [0xf5], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xe2], [0xf0], [0xc3],
  ];

  function randomBytes(seed: number, length: number): Buffer {
    let state = seed;
    const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8);
    const out: number[] = [];
    while (out.length < length) out.push(...PIECES[next() % PIECES.length]);
    return Buffer.from(out);
  }

  it('maps every decoded unit to the bytes it came from, as Node decodes (2,000 random byte strings)', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const bytes = randomBytes(seed, 1 + (seed % 40));
      const text = bytes.toString('utf8');
      const offsets = utf16ByteOffsets(bytes);
      assert.equal(offsets.length, text.length + 1, `seed ${seed}: ${bytes.toString('hex')}`);
      for (let unit = 0; unit < text.length; ) {
        const width = text.codePointAt(unit)! > 0xffff ? 2 : 1;
        const piece = bytes.subarray(offsets[unit], offsets[unit + width]).toString('utf8');
        assert.equal(piece, text.slice(unit, unit + width), `seed ${seed}, unit ${unit}: ${bytes.toString('hex')}`);
        unit += width;
      }
    }
  });

  it('random edits of random bytes: the result decodes to the edited text, and untouched bytes stay (2,000 cases)', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const bytes = randomBytes(seed * 7919, 10 + (seed % 60));
      const before = bytes.toString('utf8');
      // Replace one code point range with ASCII text (edits happen at code point boundaries).
      const points = [...before];
      const from = seed % points.length;
      const to = Math.min(points.length, from + (seed % 3));
      const after = [...points.slice(0, from), `<${seed}>`, ...points.slice(to)].join('');
      const result = patchedBytes(bytes, before, after);
      assert.equal(result.toString('utf8'), after, `seed ${seed}`);
      const prefix = Buffer.from(points.slice(0, from).join(''), 'utf8').length;
      // The bytes before the edit are the original's own whenever that part decodes to the same text.
      const offsets = utf16ByteOffsets(bytes);
      const kept = offsets[points.slice(0, from).join('').length];
      assert.equal(result.subarray(0, kept).toString('hex'), bytes.subarray(0, kept).toString('hex'), `seed ${seed}: ${prefix}`);
    }
  });

  it('fix-like edits (lines inserted, a line replaced) keep every other byte exactly (2,000 cases)', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const bytes = randomBytes(seed * 104729, 20 + (seed % 200));
      // The file's lines as bytes (each with its line break), and the text each decodes to.
      const lines: Buffer[] = [];
      for (let at = 0; at < bytes.length; ) {
        const end = bytes.indexOf(0x0a, at);
        const next = end === -1 ? bytes.length : end + 1;
        lines.push(bytes.subarray(at, next));
        at = next;
      }
      const inserts = new Map([[seed % (lines.length + 1), `  inserted: ${seed}\n`], [(seed * 7) % (lines.length + 1), `  also: ${seed}\n`]]);
      // A line replaced whose text another line has too (other invalid bytes, decoded alike) cannot be told apart
      // from it by the text alone: no line is replaced then.
      const texts = lines.map((line) => line.toString('utf8'));
      const candidate = (seed * 13) % lines.length;
      const replaced = texts.filter((text) => text === texts[candidate]).length === 1 ? candidate : -1;
      const out: Buffer[] = [];
      lines.forEach((line, i) => {
        if (inserts.has(i)) out.push(Buffer.from(inserts.get(i)!));
        out.push(i === replaced && line.includes(0x0a) ? Buffer.from(`replaced ${seed}\n`) : line);
      });
      if (inserts.has(lines.length)) out.push(Buffer.from(inserts.get(lines.length)!));
      const expected = Buffer.concat(out);
      const result = patchedBytes(bytes, bytes.toString('utf8'), expected.toString('utf8'));
      assert.equal(result.toString('hex'), expected.toString('hex'), `seed ${seed}`);
    }
  });

  it('keeps invalid bytes between two changes, and on the changed line outside the changed characters', () => {
    const original = Buffer.concat([
      Buffer.from('a: 1 # caf'),
      Buffer.from([0xe9]),
      Buffer.from('\nb: 2\n# '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\nc: 3\n'),
    ]);
    const before = original.toString('utf8');
    const after = before.replace('a: 1', 'a: 10').replace('c: 3', 'c: 30');
    const result = patchedBytes(original, before, after);
    const expected = Buffer.concat([
      Buffer.from('a: 10 # caf'),
      Buffer.from([0xe9]),
      Buffer.from('\nb: 2\n# '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\nc: 30\n'),
    ]);
    assert.equal(result.toString('hex'), expected.toString('hex'));
  });

  it('finds changes line by line, never splitting a surrogate pair', () => {
    assert.deepEqual(textChanges(source`
      a
      b
      c
    `, source`
      a
      B
      c
      d
    `), [
      { start: 2, end: 3, text: 'B' },
      { start: 6, end: 6, text: 'd\n' },
    ]);
    // 😀 and 😁 share their high surrogate: the change starts before it.
    assert.deepEqual(textChanges('x\u{1F600}y', 'x\u{1F601}y'), [{ start: 1, end: 3, text: '\u{1F601}' }]);
  });
});

/**
 * readRegularFile, how the engine, the config loader and the server read files from disk: a regular file within
 * the size limit, nothing else, and never a blocking read (a FIFO has no end until someone writes and closes it).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../engine/src/index';
import { diskConfigFiles, diskWorkspace, readRegularFile } from '../../engine/src/node';
import { source } from '../lib/yaml-tag';

/** Config lookups on disk, as the CLI's. */
const files = diskConfigFiles();

describe('readRegularFile', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-read-'));
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('reads a regular file up to the limit, and nothing over it', () => {
    const file = path.join(folder, 'compose.yaml');
    fs.writeFileSync(file, source`
      services:
        web:
          image: nginx
    `);
    assert.equal(readRegularFile(file, 1024), source`
      services:
        web:
          image: nginx
    `);
    assert.equal(readRegularFile(file, 34), source`
      services:
        web:
          image: nginx
    `);
    assert.equal(readRegularFile(file, 33), undefined);
    fs.writeFileSync(path.join(folder, 'empty.yaml'), '');
    assert.equal(readRegularFile(path.join(folder, 'empty.yaml'), 10), '');
    assert.equal(readRegularFile(path.join(folder, 'missing.yaml'), 10), undefined);
  });

  it('follows a symbolic link to a regular file (confinement is the caller\'s), refuses a folder', () => {
    fs.writeFileSync(path.join(folder, 'target.yaml'), 'x: 1\n');
    fs.symlinkSync(path.join(folder, 'target.yaml'), path.join(folder, 'link.yaml'));
    assert.equal(readRegularFile(path.join(folder, 'link.yaml'), 100), 'x: 1\n');
    fs.mkdirSync(path.join(folder, 'folder.yaml'));
    assert.equal(readRegularFile(path.join(folder, 'folder.yaml'), 100), undefined);
  });

  it('returns at once for a FIFO, and so do the workspace and the config loader', (t) => {
    const fifoFolder = path.join(folder, 'fifo');
    fs.mkdirSync(fifoFolder);
    try {
      execFileSync('mkfifo', [path.join(fifoFolder, 'Dockerfile')]);
      execFileSync('mkfifo', [path.join(fifoFolder, '.docker-harden.yaml')]);
    } catch {
      t.skip('mkfifo is not available');
      return;
    }
    // A hang here would time the test run out; no writer ever opens these FIFOs.
    assert.equal(readRegularFile(path.join(fifoFolder, 'Dockerfile'), 1024), undefined);
    assert.equal(diskWorkspace(fifoFolder).readFile(path.join(fifoFolder, 'Dockerfile')), undefined);
    assert.equal(loadConfig(path.join(fifoFolder, 'compose.yaml'), { files }).text, undefined);
  });
});

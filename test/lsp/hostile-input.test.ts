/**
 * Input a client or a checkout should never send, over real LSP (stdio): a custom request reads nothing but a
 * regular file (a FIFO named compose.yaml hung the server for good, `shutdown` included), and a frame without a
 * readable Content-Length ends the server with an error on stderr instead of leaving it deaf, so the client can
 * restart it.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { serverPath, TestClient, uriOf } from './lsp-client';
import { source } from '../lib/yaml-tag';

function timeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer to ${what} within ${ms} ms`)), ms))]);
}

describe('custom requests read regular files only', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-fifo-'));
  let socket: net.Server | undefined;
  after(() => {
    socket?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('listServices on a FIFO, a socket or a folder named compose.yaml answers [] and the server still answers shutdown', async (t) => {
    const fifo = path.join(folder, 'fifo', 'compose.yaml');
    fs.mkdirSync(path.dirname(fifo));
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      t.skip('mkfifo is not available');
      return;
    }
    const socketPath = path.join(folder, 'socket', 'compose.yaml');
    fs.mkdirSync(path.dirname(socketPath));
    socket = net.createServer();
    await new Promise<void>((resolve) => socket!.listen(socketPath, resolve));
    fs.mkdirSync(path.join(folder, 'folder', 'compose.yaml'), { recursive: true });
    // A compose file whose Dockerfile and extends file are FIFOs: linted without reading them.
    const linked = path.join(folder, 'linked');
    fs.mkdirSync(linked);
    execFileSync('mkfifo', [path.join(linked, 'Dockerfile')]);
    execFileSync('mkfifo', [path.join(linked, 'common.yaml')]);
    const linkedText = source`
      services:
        web:
          build: .
          extends:
            file: common.yaml
            service: base
    `;
    fs.writeFileSync(path.join(linked, 'compose.yaml'), linkedText);

    const client = await TestClient.start({ workspaceFolder: folder });
    try {
      for (const file of [fifo, socketPath, path.join(folder, 'folder', 'compose.yaml')]) {
        const services = await timeout(client.request('dockerHarden/listServices', { uri: uriOf(file) }), 5000, `listServices on ${path.relative(folder, file)}`);
        assert.deepEqual(services, [], path.relative(folder, file));
        const harden = await timeout(client.request<{ changes: unknown[] }>('dockerHarden/hardenService', { uri: uriOf(file), services: [] }), 5000, 'hardenService');
        assert.deepEqual(harden.changes, []);
      }
      const linkedUri = uriOf(path.join(linked, 'compose.yaml'));
      client.open(linkedUri, 'dockercompose', linkedText);
      await client.waitForDiagnostics(linkedUri, undefined, 5000);
      await timeout(client.request('dockerHarden/listServices', { uri: linkedUri }), 5000, 'listServices on a compose file with FIFO links');
      assert.equal(await timeout(client.request('shutdown', null), 5000, 'shutdown'), null);
    } finally {
      await client.stop();
    }
  });
});

describe('a frame the server cannot read', () => {
  const frames: [string, string][] = [
    ['no Content-Length header', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}'],
    ['a Content-Length that is not a number', 'Content-Length: many\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}'],
  ];
  for (const [what, frame] of frames) {
    it(`${what}: the server says why on stderr and exits with an error, promptly`, async () => {
      const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.stdout.resume();
      try {
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        child.stdin.write(frame);
        // A well-formed request after it: before, the reader took it as part of the broken frame and answered nothing.
        const body = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
        child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        const code = await timeout(exited, 5000, 'the server to exit');
        assert.notEqual(code, 0);
        assert.notEqual(code, null);
        assert.match(stderr, /unreadable message from the client.*Content-Length/);
      } finally {
        if (child.exitCode === null) child.kill();
      }
    });
  }
});

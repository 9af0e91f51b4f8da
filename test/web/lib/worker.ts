/**
 * The browser server (dist/web/server.js) in a worker_threads Worker standing in for a web worker, talked to over
 * JSON-RPC: the bootstrap that runs the bundle in a scope shaped like a web worker's, and the port as a message
 * reader and writer (test/web/worker-server.test.ts, browser-config.test.ts).
 */
import { Worker } from 'node:worker_threads';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  Disposable,
  type DataCallback,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver-protocol/node';

/**
 * Runs in the worker (CommonJS, `eval`): the bundle in a context shaped like a web worker's global scope. Messages
 * from the port become `message` events of that scope (values of its own realm, as a structured clone would be);
 * what the bundle posts goes to the port. Anything but JSON-RPC goes to the test as `{ bootstrap }`.
 */
export const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const vm = require('node:vm');
const listeners = [];
const report = (what) => parentPort.postMessage({ bootstrap: what });
const scope = {
  postMessage: (message) => parentPort.postMessage(message),
  addEventListener: (type, listener) => listeners.push({ type, listener }),
  removeEventListener: (type, listener) => {
    const at = listeners.findIndex((each) => each.type === type && each.listener === listener);
    if (at >= 0) listeners.splice(at, 1);
  },
  setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask,
  crypto: globalThis.crypto, TextEncoder, TextDecoder, URL, performance,
  console: {
    log() {}, info() {}, debug() {}, trace() {},
    warn: (...args) => report({ console: args.join(' ') }),
    error: (...args) => report({ console: args.join(' ') }),
  },
};
scope.self = scope;
const context = vm.createContext(scope);
const parseInContext = vm.runInContext('JSON.parse', context);
const nodeGlobals = vm.runInContext("['Buffer', 'process', 'require', 'module', 'global', 'setImmediate', '__dirname'].filter((name) => typeof globalThis[name] !== 'undefined')", context);
report({ nodeGlobals: [...nodeGlobals] });
parentPort.on('message', (data) => {
  const event = { type: 'message', data: parseInContext(JSON.stringify(data)) };
  if (typeof scope.onmessage === 'function') scope.onmessage(event);
  for (const { type, listener } of listeners) if (type === 'message') listener(event);
});
vm.runInContext(fs.readFileSync(workerData.bundlePath, 'utf8'), context, { filename: workerData.bundlePath });
report({ started: true });
`;

/** The worker's port as a JSON-RPC message reader: its JSON-RPC messages, and the bootstrap's reports aside. */
export class WorkerReader extends AbstractMessageReader implements MessageReader {
  constructor(
    private readonly worker: Worker,
    private readonly onBootstrap: (report: Record<string, unknown>) => void,
  ) {
    super();
    worker.on('error', (error) => this.fireError(error));
    worker.on('exit', () => this.fireClose());
  }

  listen(callback: DataCallback): Disposable {
    const listener = (data: { jsonrpc?: string; bootstrap?: Record<string, unknown> }) => {
      if (data.bootstrap) this.onBootstrap(data.bootstrap);
      else callback(data as Message);
    };
    this.worker.on('message', listener);
    return Disposable.create(() => this.worker.off('message', listener));
  }
}

export class WorkerWriter extends AbstractMessageWriter implements MessageWriter {
  constructor(private readonly worker: Worker) {
    super();
  }

  write(message: Message): Promise<void> {
    this.worker.postMessage(message);
    return Promise.resolve();
  }

  end(): void {}
}

/**
 * The lint time of a compose file in the browser build (dist/web/server.js), for `npm run bench`: the bundle runs in
 * a vm context shaped like a web worker's scope (as test/web/browser-bundle.test.ts runs it), the file is opened and
 * edited over LSP, and the engine time the server reports for each lint (dockerHarden/lintStatus `durationMs`) is
 * collected. The context's `performance.now()` counts microseconds, so that the server's whole-millisecond rounding
 * of that time keeps three decimals. Nothing but the open document is read: the client answers every
 * dockerHarden/readFiles with `missing`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';
import { parseDocument } from 'yaml';
import { lint, memoryWorkspace } from '../engine/src/index';

interface Message {
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
}

/** Engine times (ms) of the lints after `warmup` edits, one per edit (the text with a trailing `# run N` comment). */
export async function browserLintTimes(bundlePath: string, filePath: string, text: string, edits: number, warmup = 3, afterEach: (run: number) => void = () => undefined): Promise<number[]> {
  const folderUri = pathToFileURL(path.dirname(filePath)).href;
  const uri = pathToFileURL(filePath).href;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const pending = new Map<number, (result: unknown) => void>();
  const times = new Map<number, number>();
  let version = 1;
  let lintDone: (() => void) | undefined;
  const errors: string[] = [];
  const scope: Record<string, unknown> = {
    postMessage: (message: unknown) => receive(JSON.parse(JSON.stringify(message)) as Message),
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    setTimeout: (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        callback(...args);
      }, ms);
      timers.add(timer);
      return timer;
    },
    clearTimeout: (timer: ReturnType<typeof setTimeout>) => {
      timers.delete(timer);
      clearTimeout(timer);
    },
    setInterval: (callback: () => void, ms?: number) => {
      const timer = setInterval(callback, ms);
      timers.add(timer);
      return timer;
    },
    clearInterval: (timer: ReturnType<typeof setInterval>) => {
      timers.delete(timer);
      clearInterval(timer);
    },
    queueMicrotask,
    crypto: globalThis.crypto,
    TextEncoder,
    TextDecoder,
    URL,
    performance: { now: () => performance.now() * 1000, timeOrigin: performance.timeOrigin },
    console: { log: () => undefined, info: () => undefined, debug: () => undefined, warn: () => undefined, error: (...args: unknown[]) => errors.push(args.join(' ')) },
  };
  scope.self = scope;
  const context = vm.createContext(scope) as vm.Context & { onmessage?: (event: { data: unknown }) => void };
  const inContext = vm.runInContext('JSON.parse', context) as (json: string) => unknown;
  vm.runInContext(fs.readFileSync(bundlePath, 'utf8'), context, { filename: bundlePath });

  let nextId = 1;
  const send = (message: Message) => context.onmessage!({ data: inContext(JSON.stringify({ jsonrpc: '2.0', ...message })) });
  const request = (method: string, params: unknown) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      send({ id, method, params });
    });

  function receive(message: Message): void {
    if (message.method === undefined && typeof message.id === 'number') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
      return;
    }
    if (message.method === 'window/logMessage' && (message.params as { type: number }).type === 1) errors.push((message.params as { message: string }).message);
    if (message.method === 'dockerHarden/lintStatus') {
      const status = message.params as { uri: string; state: string; durationMs?: number };
      if (status.uri === uri && status.state === 'done' && status.durationMs !== undefined) {
        times.set(version, status.durationMs / 1000);
        lintDone?.();
      }
    }
    if (message.id === undefined) return;
    let result: unknown = null;
    if (message.method === 'workspace/configuration') {
      result = (message.params as { items: { section?: string }[] }).items.map((item) => (item.section === 'dockerHarden' ? {} : null));
    } else if (message.method === 'workspace/workspaceFolders') {
      result = [{ uri: folderUri, name: 'bench' }];
    } else if (message.method === 'dockerHarden/readFiles') {
      result = (message.params as { uris: string[] }).uris.map((each) => ({ uri: each, type: 'missing' }));
    }
    setTimeout(() => send({ id: message.id, result }), 0);
  }

  /** Sends the text of this version and waits for its lint. */
  const linted = (open: boolean) =>
    new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`bench: the browser build did not lint version ${version}`)), 30_000);
      lintDone = () => {
        if (!times.has(version)) return;
        clearTimeout(deadline);
        lintDone = undefined;
        resolve();
      };
      const current = version === 1 ? text : `${text}# run ${version}\n`;
      if (open) send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'dockercompose', version, text: current } } });
      else send({ method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges: [{ text: current }] } });
    });

  try {
    await request('initialize', { processId: null, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'bench' }], capabilities: {} });
    send({ method: 'initialized', params: {} });
    await linted(true);
    for (let edit = 0; edit < warmup + edits; edit++) {
      version++;
      await linted(false);
      afterEach(edit - warmup);
    }
    if (errors.length > 0) throw new Error(`bench: the browser build logged errors: ${errors.join('; ')}`);
    return [...times.entries()].filter(([each]) => each > warmup + 1).map(([, ms]) => ms);
  } finally {
    for (const timer of timers) clearTimeout(timer);
  }
}

export interface BrowserLintFigures {
  /** Engine time of each lint in the browser build, ms. */
  browserMs: number[];
  /** The Node engine's `lint` of the same texts in this process, ms. */
  nodeMs: number[];
  /** One raw `yaml.parseDocument` of the same texts, ms. */
  parseMs: number[];
  lines: number;
}

/**
 * The compose file's text linted by the browser build (in `folder`, where no other file is) and by the Node engine in
 * process, and parsed by `yaml`, `runs` times each after warm-up runs; each run's text ends in a comment of its own.
 */
export async function measureBrowserLint(bundlePath: string, composePath: string, folder: string, runs: number): Promise<BrowserLintFigures> {
  const text = fs.readFileSync(composePath, 'utf8');
  fs.mkdirSync(folder, { recursive: true });
  // The file's path in an empty folder: neither build finds another file to read.
  const filePath = path.join(folder, path.basename(composePath));
  // A workspace without files, as the browser build's answers: the lint reads no disk.
  const workspace = memoryWorkspace({});
  const nodeMs: number[] = [];
  const parseMs: number[] = [];
  const timed = (fn: () => unknown) => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  // After each lint in the browser build, one in the Node engine and one parse of a text of their own: the three
  // alternate, so that a busy moment of the machine falls on all three alike. Negative runs warm up.
  const browserMs = await browserLintTimes(bundlePath, filePath, text, runs, 3, (run) => {
    const node = timed(() => lint(filePath, `${text}# node run ${run}\n`, { workspace }));
    const parse = timed(() => parseDocument(`${text}# parse run ${run}\n`));
    if (run < 0) return;
    nodeMs.push(node);
    parseMs.push(parse);
  });
  return { browserMs, nodeMs, parseMs, lines: text.split('\n').length - 1 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`);

/** The rows of bench/results.md: the browser build's lint against the Node engine's, and against one parse (the floor). */
export function browserRows({ browserMs, nodeMs, parseMs, lines }: BrowserLintFigures): { measure: string; ours: string; reference: string; ratio: string; target: string; met: string }[] {
  const browser = median(browserMs);
  const node = median(nodeMs);
  const parse = median(parseMs);
  return [
    {
      measure: `Example compose file (examples/vrecommendation, ${lines} lines): lint in the browser build (dist/web/server.js in a vm context, the engine time it reports; median of ${browserMs.length} edits) vs the Node engine's \`lint\` of the same text (in process)`,
      ours: ms(browser),
      reference: `Node engine ${ms(node)}`,
      ratio: `${(browser / node).toFixed(2)}× the Node engine`,
      target: '—',
      met: '—',
    },
    {
      measure: 'Example compose file: lint in the browser build vs one raw `yaml.parseDocument` of the same text (in process)',
      ours: ms(browser),
      reference: `parse ${ms(parse)}`,
      ratio: `${(browser / parse).toFixed(1)}× one parse`,
      target: '—',
      met: '—',
    },
  ];
}

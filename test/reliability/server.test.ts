/**
 * The real language server (dist/server.js over stdio) under a random edit storm: 1,000 incremental edits across
 * open compose files and Dockerfiles, with binary, empty and 20 MB contents thrown in, and requests (code actions,
 * code lenses, hovers) between them. Every request is answered, the process never exits, its RSS stays bounded,
 * and the last diagnostics of each document equal a fresh engine lint of its final text (same rule ids, same ranges).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, lint, memoryWorkspace, type Problem } from '../../engine/src/index';
import { serverPath, TestClient, uriOf, waitFor } from '../lsp/lsp-client';
import { corpusFiles } from './fuzz-cases';
import { source } from '../lib/yaml-tag';

const seed = Number(process.env.FUZZ_SEED ?? 20261125);
const EDITS = Number(process.env.STORM_EDITS ?? 1_000);
const RSS_LIMIT_MB = 1_500;

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

interface OpenDocument {
  uri: string;
  path: string;
  languageId: string;
  document: TextDocument;
}

describe('language server under a random edit storm', { skip: !fs.existsSync(serverPath) && 'dist/server.js not built' }, () => {
  let client: TestClient;
  let folder: string;
  const documents: OpenDocument[] = [];

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-storm-'));
    client = await TestClient.start({ workspaceFolder: folder });
  });

  after(async () => {
    await client?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it(`answers every request, never exits, keeps RSS bounded, ends with the engine's diagnostics (seed ${seed})`, { timeout: 600_000 }, async () => {
    const corpus = corpusFiles(4_000);
    const compose = corpus.filter((f) => f.kind === 'compose');
    const dockerfiles = corpus.filter((f) => f.kind === 'dockerfile');
    const random = fc.sample(fc.integer({ min: 0, max: 2 ** 30 }), { seed, numRuns: EDITS * 6 });
    let cursor = 0;
    const next = (max: number) => random[cursor++ % random.length] % Math.max(1, max);

    // Four compose files and two Dockerfiles, one of them the build of the first compose service.
    const names = ['compose.yaml', 'app/docker-compose.yml', 'b/compose.prod.yaml', 'c/docker-compose.override.yml', 'Dockerfile', 'app/Dockerfile'];
    for (const [i, name] of names.entries()) {
      const isCompose = !name.endsWith('Dockerfile');
      const sample = isCompose ? compose[next(compose.length)] : dockerfiles[next(dockerfiles.length)];
      const filePath = path.join(folder, name);
      const uri = uriOf(filePath);
      const languageId = isCompose ? 'dockercompose' : 'dockerfile';
      const text = i === 0 ? source`
        services:
          web:
            build: .
            environment:
              DB_PASSWORD: hunter2
      ` : sample.text;
      documents.push({ uri, path: filePath, languageId, document: TextDocument.create(uri, languageId, 1, text) });
      client.open(uri, languageId, text);
    }
    const pid = client.process.pid!;
    let peakRss = rssMb(pid);
    const pending: Promise<unknown>[] = [];
    let answered = 0;
    let slowest = 0;

    // Binary, empty and 20 MB contents at fixed steps (the big one replaced again 100 edits later); otherwise
    // mostly small incremental edits, sometimes a whole other corpus file.
    const special: Record<number, [number, string]> = {
      100: [1, 'services:\n\u0000\u0001\u0002binary\uFFFD'],
      200: [2, ''],
      300: [3, `services:\n  big:\n    command: "${'x'.repeat(20 * 1024 * 1024)}"\n`],
      310: [4, ''],
      400: [3, compose[0].text],
    };
    for (let step = 0; step < EDITS; step++) {
      const target = special[step] ? documents[special[step][0]] : documents[next(documents.length)];
      const old = target.document.getText();
      const choice = next(100);
      let change: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };
      if (special[step]) change = { text: special[step][1] };
      else if (choice < 5) {
        const source = target.languageId === 'dockerfile' ? dockerfiles[next(dockerfiles.length)] : compose[next(compose.length)];
        change = { text: source.text };
      } else {
        // An incremental edit: delete a span, insert a snippet (or both) at a random place.
        const start = next(old.length + 1);
        const end = Math.min(old.length, start + (next(3) === 0 ? next(40) : 0));
        const snippets = ['x', '\n', '  ', ':', '- ', '#', '# docker-harden-ignore compose/healthcheck\n', '\t', '"', '${VAR}', '\r\n', '💥', 'image: redis\n', 'RUN apt-get install curl\n', 'USER root\n', '&a ', '*a', '<<: *a\n', '[', '{'];
        const insert = next(4) === 0 ? '' : snippets[next(snippets.length)];
        const doc = target.document;
        change = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: insert };
      }
      const version = target.document.version + 1;
      target.document = TextDocument.update(target.document, [change], version);
      void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: target.uri, version }, contentChanges: [change] });

      // Requests in between, as an editor sends them while typing.
      if (step % 10 === 0) {
        const doc = documents[next(documents.length)];
        const position = doc.document.positionAt(next(doc.document.getText().length + 1));
        const range = { start: position, end: position };
        const method = ['textDocument/codeAction', 'textDocument/codeLens', 'textDocument/hover', 'textDocument/documentSymbol'][next(4)];
        const params =
          method === 'textDocument/codeAction'
            ? { textDocument: { uri: doc.uri }, range, context: { diagnostics: client.diagnostics.get(doc.uri)?.diagnostics ?? [] } }
            : method === 'textDocument/hover'
              ? { textDocument: { uri: doc.uri }, position }
              : { textDocument: { uri: doc.uri } };
        const sent = Date.now();
        const size = doc.document.getText().length;
        const done = () => {
          answered++;
          slowest = Math.max(slowest, Date.now() - sent);
          if (process.env.STORM_DEBUG) console.log(`${method} on ${size} chars: ${Date.now() - sent} ms`);
        };
        pending.push(
          Promise.race([
            // A method the server does not offer is answered with an error: still an answer.
            client.request(method, params).then(done, done),
            new Promise((_, reject) => setTimeout(() => reject(new Error(`${method} unanswered after 180 s`)), 180_000).unref()),
          ]),
        );
      }
      // Typing pace: a short pause every few edits (the debounce still sees bursts).
      if (step % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      if (step % 50 === 0) {
        assert.equal(client.process.exitCode, null, `the server exited at step ${step}: ${client.stderr.slice(-2000)}`);
        peakRss = Math.max(peakRss, rssMb(pid));
      }
    }
    await Promise.all(pending);
    assert.equal(answered, pending.length);
    assert.equal(client.process.exitCode, null, `the server exited: ${client.stderr.slice(-2000)}`);

    // Settled: each document's diagnostics are for its last version and equal a fresh lint of its final text.
    const files = Object.fromEntries(documents.map((d) => [d.path, d.document.getText()]));
    for (const doc of documents) {
      const text = doc.document.getText();
      const diagnostics = await waitFor(() => {
        const published = client.diagnostics.get(doc.uri);
        return published && published.version === doc.document.version ? published.diagnostics : undefined;
      }, 60_000, `diagnostics of ${doc.uri} v${doc.document.version}`);
      const expected = lint(doc.path, text, { workspace: memoryWorkspace(files), kind: doc.languageId === 'dockerfile' ? 'dockerfile' : 'compose' }).problems;
      assert.deepEqual(ours(diagnostics), theirs(expected, text), `${doc.uri}: diagnostics differ from a fresh lint`);
    }
    peakRss = Math.max(peakRss, rssMb(pid));
    console.log(`server storm: ${EDITS} edits over ${documents.length} documents, ${answered} requests answered (slowest ${slowest} ms), peak RSS ${peakRss.toFixed(0)} MB (seed ${seed})`);
    assert.ok(peakRss < RSS_LIMIT_MB, `peak RSS ${peakRss.toFixed(0)} MB`);
  });
});

type Key = string;

function ours(diagnostics: Diagnostic[]): Key[] {
  return diagnostics
    .filter((d) => typeof d.code === 'string' && /^(compose|dockerfile)\//.test(d.code))
    .map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`)
    .sort();
}

function theirs(problems: Problem[], text: string): Key[] {
  const lines = new LineIndex(text);
  return problems
    .map((p) => {
      const start = lines.positionAt(p.start);
      const end = lines.positionAt(p.end);
      return `${p.ruleId} ${start.line}:${start.character}-${end.line}:${end.character}`;
    })
    .sort();
}

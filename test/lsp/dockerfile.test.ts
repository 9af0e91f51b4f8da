/**
 * Dockerfile editing features of dockerfile-language-service through our server: hover, completion, formatting and
 * document symbols, with no network access at all (the server runs with a preload that records and refuses every
 * outgoing connection; FROM tag completion, which would ask Docker Hub, answers nothing).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, Hover, MarkupContent, SymbolInformation, TextEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, exampleRoot, onlyRules, TestClient, uriOf } from './lsp-client';
import { source } from '../lib/yaml-tag';

const dockerfilePath = path.join(exampleRoot, 'frontend', 'project', 'Dockerfile');
const dockerfileUri = uriOf(dockerfilePath);
const dockerfileText = fs.readFileSync(dockerfilePath, 'utf8');
const networkLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-lsp-')), 'network.log');

const items = (result: CompletionItem[] | CompletionList | null) => (Array.isArray(result) ? result : result?.items ?? []);

describe('Dockerfile language features (offline)', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({
      settings: onlyRules([]),
      nodeArgs: ['--require', path.join(__dirname, 'no-network.cjs')],
      env: { ...process.env, DOCKER_HARDEN_NETWORK_LOG: networkLog },
    });
    client.open(dockerfileUri, 'dockerfile', dockerfileText);
    await client.waitForDiagnostics(dockerfileUri);
  });
  after(async () => {
    await client.stop();
  });

  it('hovers an instruction keyword with its documentation', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: dockerfileUri }, position: { line: 16, character: 1 } });
    assert.ok(hover, 'a hover on RUN');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.ok(contents.value.startsWith('Execute any commands on top of the current image as a new layer and commit the results.'), contents.value);
  });

  it('completes instruction keywords on an empty line', async () => {
    const text = dockerfileText + '\n';
    client.change(dockerfileUri, text);
    const line = text.split('\n').length - 1;
    const result = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri: dockerfileUri }, position: { line, character: 0 } });
    assert.deepEqual(items(result).map((item) => item.label), [
      'ADD source dest', 'ARG name', 'ARG name=defaultValue', 'CMD [ "executable" ]', 'COPY source dest', 'ENTRYPOINT [ "executable" ]',
      'ENV key=value', 'EXPOSE port', 'FROM baseImage',
      'HEALTHCHECK --interval=30s --timeout=30s --start-period=5s --retries=3 CMD [ "executable" ]', 'HEALTHCHECK NONE',
      'LABEL key="value"', 'MAINTAINER name', 'ONBUILD INSTRUCTION', 'RUN command', 'SHELL [ "executable" ]', 'STOPSIGNAL signal',
      'USER daemon', 'VOLUME [ "/data" ]', 'WORKDIR /the/workdir/path',
    ]);
  });

  // Unpatched, this very request makes dockerfile-language-service connect to auth.docker.io:443.
  it('answers FROM tag completion without asking Docker Hub', async () => {
    const text = 'FROM node:1\n';
    client.change(dockerfileUri, text);
    const result = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri: dockerfileUri }, position: { line: 0, character: 11 } });
    assert.deepEqual(items(result), []);
  });

  it('formats: instruction indentation removed, only those lines edited', async () => {
    const text = 'FROM node:20-alpine\n   RUN echo hi\n\tUSER node\n';
    client.change(dockerfileUri, text);
    const edits = await client.request<TextEdit[]>('textDocument/formatting', {
      textDocument: { uri: dockerfileUri },
      options: { tabSize: 4, insertSpaces: true },
    });
    assert.equal(applyTextEdits(text, edits), source`
      FROM node:20-alpine
      RUN echo hi
      USER node
    `);
    assert.deepEqual(edits.map((edit) => edit.range.start.line), [1, 2]);
  });

  it('lists instructions as document symbols', async () => {
    client.change(dockerfileUri, dockerfileText);
    const symbols = await client.request<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri: dockerfileUri } });
    assert.deepEqual(symbols.map((symbol) => [symbol.name, symbol.location.range.start.line]), [
      ['FROM', 0], ['WORKDIR', 2], ['COPY', 4], ['RUN', 6], ['COPY', 8], ['RUN', 10],
      ['FROM', 12], ['WORKDIR', 14], ['RUN', 16], ['COPY', 18], ['ENV', 20], ['EXPOSE', 21], ['CMD', 23],
    ]);
  });

  it('gives no Dockerfile features in a compose file', async () => {
    const composeUri = uriOf(path.join(exampleRoot, 'docker-compose.yml'));
    client.open(composeUri, 'dockercompose', fs.readFileSync(path.join(exampleRoot, 'docker-compose.yml'), 'utf8'));
    await client.waitForDiagnostics(composeUri);
    // A compose file gets the compose features (test/lsp/compose-language.test.ts), never the Dockerfile ones.
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: composeUri }, position: { line: 5, character: 3 } });
    assert.equal((hover?.contents as MarkupContent).value, '**redis** (object)\n\nConfiguration for a service.\n\n[Compose reference](https://docs.docker.com/reference/compose-file/services/)');
    assert.deepEqual(items(await client.request('textDocument/completion', { textDocument: { uri: composeUri }, position: { line: 5, character: 3 } })), []);
  });

  it('made no network request at all', () => {
    assert.equal(fs.existsSync(networkLog) ? fs.readFileSync(networkLog, 'utf8') : '', '');
  });
});

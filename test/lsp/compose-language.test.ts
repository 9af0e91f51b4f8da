/**
 * The compose language features through the bundled server over stdio (issue 19): completion, hover, document
 * symbols, definition, references, highlights, prepareRename and rename across files, document links and inlay hints,
 * on the example, on a corpus file and on a small project of several files, with no network access at all.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  CompletionItem,
  CompletionList,
  DocumentHighlight,
  DocumentLink,
  DocumentSymbol,
  Hover,
  InlayHint,
  Location,
  MarkupContent,
  Position,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { corpusRoot } from '../lib/corpus';
import { source } from '../lib/yaml-tag';
import { applyTextEdits, editsFor, exampleRoot, onlyRules, TestClient, uriOf } from './lsp-client';

const networkLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-lsp-compose-')), 'network.log');
const offline = { nodeArgs: ['--require', path.join(__dirname, 'no-network.cjs')], env: { ...process.env, DOCKER_HARDEN_NETWORK_LOG: networkLog } };
const items = (result: CompletionItem[] | CompletionList | null) => (Array.isArray(result) ? result : result?.items ?? []);

/** The position of the n-th (0-based) occurrence of `needle` in `text`, plus `shift` characters. */
function positionOf(text: string, needle: string, shift = 0, nth = 0): Position {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} is in the text`);
  const before = text.slice(0, offset + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  const offset = (position: Position) => lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
  return text.slice(offset(range.start), offset(range.end));
}

const examplePath = path.join(exampleRoot, 'docker-compose.yml');
const exampleUri = uriOf(examplePath);
const exampleText = fs.readFileSync(examplePath, 'utf8');

describe('compose language features on the example (offline)', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ settings: {}, ...offline });
    client.open(exampleUri, 'dockercompose', exampleText);
    await client.waitForDiagnostics(exampleUri, (diagnostics) => diagnostics.length > 0);
  });
  after(async () => {
    await client.stop();
    assert.equal(fs.existsSync(networkLog) ? fs.readFileSync(networkLog, 'utf8') : '', '', 'no connection was attempted');
  });

  it('completes a half-typed service key with the schema\'s keys and descriptions, and restart values', async () => {
    const text = exampleText.replace('    container_name: vrecom_redis\n', '    container_name: vrecom_redis\n    heal\n');
    const valueText = exampleText.replace('    restart: unless-stopped\n', '    restart: \n');
    try {
      client.change(exampleUri, text);
      const keys = items(await client.request('textDocument/completion', { textDocument: { uri: exampleUri }, position: positionOf(text, '    heal\n', 8) }));
      const healthcheck = keys.find((item) => item.label === 'healthcheck');
      assert.ok(healthcheck, 'healthcheck is offered');
      assert.equal((healthcheck.documentation as MarkupContent).value, 'Configure a health check for the container to monitor its health status.\n\n[Compose reference](https://docs.docker.com/reference/compose-file/services/#healthcheck)');
      assert.deepEqual((healthcheck as { textEdit: TextEdit }).textEdit, {
        range: { start: { line: 8, character: 4 }, end: { line: 8, character: 8 } },
        newText: 'healthcheck:\n  test: ["CMD-SHELL", "${1:curl -fsS http://localhost:${2:8080}/health || exit 1}"]\n  interval: ${3:30s}\n  timeout: ${4:5s}\n  retries: ${5:3}\n  start_period: ${6:20s}',
      });
      // Keys the service has (above and below the cursor) are not offered again.
      for (const present of ['image', 'container_name', 'ports', 'volumes', 'networks', 'restart']) assert.ok(!keys.some((item) => item.label === present), `${present} is there already`);
      assert.ok(keys.some((item) => item.label === 'deploy') && keys.some((item) => item.label === 'logging'));
      assert.ok(!keys.some((item) => item.label === 'ADMIN_PASSWORD' || item.label === 'admin123'), 'no words from the buffer');

      client.change(exampleUri, valueText);
      const values = items(await client.request('textDocument/completion', { textDocument: { uri: exampleUri }, position: positionOf(valueText, '    restart: \n', 13) }));
      assert.deepEqual(values.map((item) => [item.label, (item as { textEdit: TextEdit }).textEdit.newText]), [['no', '"no"'], ['always', 'always'], ['on-failure', 'on-failure'], ['unless-stopped', 'unless-stopped']]);
    } finally {
      client.change(exampleUri, exampleText);
    }
  });

  it('completes service names in depends_on and knowledge-base images with their tags', async () => {
    const text = exampleText.replace('    depends_on:\n      - redis\n', '    depends_on:\n      - redis\n      - \n');
    const imageText = exampleText.replace('image: redis:7-alpine', 'image: redis:');
    try {
      client.change(exampleUri, text);
      const names = items(await client.request('textDocument/completion', { textDocument: { uri: exampleUri }, position: positionOf(text, '      - \n', 8) }));
      assert.deepEqual(names.map((item) => item.label), ['redis', 'ai_server', 'prometheus', 'frontend']);

      client.change(exampleUri, imageText);
      const tags = items(await client.request('textDocument/completion', { textDocument: { uri: exampleUri }, position: positionOf(imageText, 'image: redis:', 13) }));
      assert.ok(tags.length > 0 && tags.every((item) => item.label.startsWith('redis:')), JSON.stringify(tags.map((item) => item.label)));
      assert.ok(tags.some((item) => item.label === 'redis:alpine' && item.detail === 'alpine variant (knowledge base)'));
    } finally {
      client.change(exampleUri, exampleText);
    }
  });

  it('hovers a key with the schema, an image with the knowledge base, a problem with its rule\'s rationale', async () => {
    await client.waitForDiagnostics(exampleUri, (diagnostics) => diagnostics.length > 0);
    const key = await client.request<Hover>('textDocument/hover', { textDocument: { uri: exampleUri }, position: positionOf(exampleText, 'container_name: vrecom_redis', 2) });
    assert.match((key.contents as MarkupContent).value, /^\*\*container_name\*\* \(string\)\n\n.+\n\n\[Compose reference\]\(https:\/\/docs\.docker\.com\/reference\/compose-file\/services\/#container_name\)$/s);
    const image = await client.request<Hover>('textDocument/hover', { textDocument: { uri: exampleUri }, position: positionOf(exampleText, 'redis:7-alpine', 3) });
    const value = (image.contents as MarkupContent).value;
    assert.ok(value.includes('**redis:7-alpine** (Docker Harden knowledge base)\n\n- variant: redis/alpine (alpine)\n'), value);
    // `version: '3.8'` raises compose/obsolete-version: the hover gives its rationale and the docs link.
    const problem = await client.request<Hover>('textDocument/hover', { textDocument: { uri: exampleUri }, position: positionOf(exampleText, "version: '3.8'", 2) });
    const problemText = (problem.contents as MarkupContent).value;
    assert.match(problemText, /^\*\*compose\/obsolete-version\*\* \(info\): /);
    assert.ok(
      problemText.includes('[Show documentation](command:dockerHarden.showDocumentation?%5B%22compose%2Fobsolete-version%22%5D) · [online](https://github.com/docker-harden/docker-harden/blob/main/docs/rules/compose/obsolete-version.md)'),
      problemText,
    );
  });

  it('hovers a name in depends_on with where the service is defined and its image', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: exampleUri }, position: positionOf(exampleText, '      - redis\n', 9) });
    // The problem at the same place (compose/depends-on-healthy) comes first, as in every hover.
    const [problem, name] = (hover.contents as MarkupContent).value.split('\n\n---\n\n');
    assert.match(problem, /^\*\*compose\/depends-on-healthy\*\* \(warning\): "api_server" starts as soon as "redis" is created/);
    assert.equal(name, '**service `redis`**, defined in docker-compose.yml line 6: image `redis:7-alpine`');
    assert.deepEqual(hover.range, { start: { line: 31, character: 8 }, end: { line: 31, character: 13 } });
  });

  it('outlines services, volumes and networks', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: exampleUri } });
    const services = symbols.find((symbol) => symbol.name === 'services');
    assert.deepEqual(services?.children?.map((child) => child.name), ['redis', 'api_server', 'ai_server', 'prometheus', 'frontend']);
    assert.deepEqual(symbols.map((symbol) => symbol.name), ['version', 'services', 'networks', 'volumes']);
    const redis = services!.children![0];
    assert.deepEqual(redis.children?.map((child) => child.name), ['image', 'container_name', 'ports', 'volumes', 'networks', 'restart']);
  });

  it('goes to the definition of a depends_on service and a network, finds references, highlights', async () => {
    const definition = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: exampleUri }, position: positionOf(exampleText, '      - redis\n', 9) });
    assert.deepEqual(definition, [{ uri: exampleUri, range: { start: { line: 5, character: 2 }, end: { line: 5, character: 7 } } }]);
    const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri: exampleUri }, position: { line: 5, character: 3 }, context: { includeDeclaration: true } });
    assert.deepEqual(references.map((location) => textAt(exampleText, location.range)), ['redis', 'redis', 'redis']);
    assert.deepEqual(references.map((location) => location.range.start.line), [5, 31, 52]);
    const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri: exampleUri }, position: positionOf(exampleText, '- vrecom_network', 3) });
    assert.ok(highlights.length >= 6, `${highlights.length} highlights`);
    assert.ok(highlights.every((highlight) => textAt(exampleText, highlight.range) === 'vrecom_network'));
    assert.equal(highlights.filter((highlight) => highlight.kind === 3).length, 1, 'one definition (Write)');
  });

  it('links the build contexts to their Dockerfiles and images to Docker Hub', async () => {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: exampleUri } });
    const byText = links.map((link) => [textAt(exampleText, link.range), link.target]);
    assert.deepEqual(byText.find(([text]) => text === 'redis:7-alpine'), ['redis:7-alpine', 'https://hub.docker.com/_/redis']);
    assert.deepEqual(byText.find(([text]) => text === 'prom/prometheus:v2.53.0'), ['prom/prometheus:v2.53.0', 'https://hub.docker.com/r/prom/prometheus']);
    assert.deepEqual(byText.find(([text]) => text === './backend/api_server'), ['./backend/api_server', uriOf(path.join(exampleRoot, 'backend/api_server/Dockerfile'))]);
  });

  it('prepares a rename on a service name and refuses one elsewhere', async () => {
    const prepared = await client.request<{ range: Range; placeholder: string } | null>('textDocument/prepareRename', { textDocument: { uri: exampleUri }, position: { line: 5, character: 4 } });
    assert.deepEqual(prepared, { range: { start: { line: 5, character: 2 }, end: { line: 5, character: 7 } }, placeholder: 'redis' });
    const refused = await client.request('textDocument/prepareRename', { textDocument: { uri: exampleUri }, position: positionOf(exampleText, 'image: redis', 2) });
    assert.equal(refused, null);
  });

  it('gives no inlay hints while the setting is off', async () => {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: exampleUri }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } });
    assert.deepEqual(hints, []);
  });
});

describe('compose language features on a corpus file', () => {
  const folder = path.join(corpusRoot, 'awesome-compose', 'nginx-flask-mysql');
  const filePath = path.join(folder, 'compose.yaml');
  const uri = uriOf(filePath);
  const text = fs.readFileSync(filePath, 'utf8');
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ workspaceFolder: folder, settings: onlyRules([]), ...offline });
    client.open(uri, 'dockercompose', text);
    await client.waitForDiagnostics(uri);
  });
  after(async () => {
    await client.stop();
  });

  it('finds the references of a secret, a named volume and a service in the long depends_on form', async () => {
    const refs = async (needle: string, shift: number, nth = 0) =>
      (await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: positionOf(text, needle, shift, nth), context: { includeDeclaration: true } })).map(
        (location) => `${location.range.start.line + 1}:${textAt(text, location.range)}`,
      );
    assert.deepEqual(await refs('- db-password', 3), ['15:db-password', '33:db-password', '57:db-password']);
    assert.deepEqual(await refs('db-data:/var', 1), ['17:db-data', '54:db-data']);
    assert.deepEqual(await refs('      db:\n', 7), ['2:db', '40:db']);
  });

  it('renames a network in every place (a WorkspaceEdit with the document version)', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: positionOf(text, '- backnet', 3), newName: 'internal' });
    assert.equal(edit.documentChanges?.length, 1);
    const renamed = applyTextEdits(text, editsFor(edit, uri));
    assert.equal(renamed, text.replace(/backnet/g, 'internal'));
  });

  it('completes the secrets and networks the file defines, and condition values', async () => {
    try {
      const withItem = text.replace('    secrets:\n      - db-password\n    ports:', '    secrets:\n      - db-password\n      - \n    ports:');
    client.change(uri, withItem);
    const secrets = items(await client.request('textDocument/completion', { textDocument: { uri }, position: positionOf(withItem, '      - \n', 8) }));
    assert.deepEqual(secrets.map((item) => item.label), ['db-password']);
    const withCondition = text.replace('condition: service_healthy', 'condition: ');
    client.change(uri, withCondition);
    const conditions = items(await client.request('textDocument/completion', { textDocument: { uri }, position: positionOf(withCondition, 'condition: ', 11) }));
    assert.deepEqual(conditions.map((item) => item.label), ['service_started', 'service_healthy', 'service_completed_successfully']);
    } finally {
      client.change(uri, text);
    }
  });
});

describe('compose navigation, rename and inlay hints across files', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-lsp-project-'));
  const files: Record<string, string> = {
    'compose.yaml': source`
      include:
        - ./db/compose.yaml
      services:
        web:
          image: nginx:1.27
          extends:
            file: ./base.yaml
            service: base
          depends_on:
            db:
              condition: service_healthy
    `,
    'compose.override.yaml': 'services:\n  web:\n    image: nginx:1.28\n    depends_on:\n      - db\n',
    'base.yaml': 'services:\n  base:\n    restart: always\n',
    'db/compose.yaml': 'services:\n  db:\n    image: postgres:17\n',
  };
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), content);
  }
  const mainUri = uriOf(path.join(folder, 'compose.yaml'));
  const main = files['compose.yaml'];
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ workspaceFolder: folder, settings: { ...onlyRules([]), inlayHints: { enabled: true } }, ...offline });
    client.open(mainUri, 'dockercompose', main);
    await client.waitForDiagnostics(mainUri);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('goes to a service defined in an included file', async () => {
    const definition = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: mainUri }, position: positionOf(main, 'db:', 1) });
    assert.deepEqual(definition, [{ uri: uriOf(path.join(folder, 'db/compose.yaml')), range: { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } } }]);
  });

  it('renames a service in the file, its override and the included file that defines it', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: mainUri }, position: positionOf(main, 'db:', 1), newName: 'postgres' });
    const renamed = Object.fromEntries(
      Object.keys(files).flatMap((name) => {
        const edits = editsFor(edit, uriOf(path.join(folder, name)));
        return edits.length > 0 ? [[name, applyTextEdits(files[name], edits)]] : [];
      }),
    );
    assert.deepEqual(renamed, {
      'compose.yaml': main.replace('      db:\n', '      postgres:\n'),
      'compose.override.yaml': files['compose.override.yaml'].replace('- db', '- postgres'),
      'db/compose.yaml': files['db/compose.yaml'].replace('  db:', '  postgres:'),
    });
    // The open document's version travels with its edit, so a stale rename is refused by the client.
    const versions = edit.documentChanges?.map((change) => ('textDocument' in change ? change.textDocument.version : undefined));
    assert.deepEqual(versions, [1, null, null]);
  });

  it('refuses a rename to an invalid name with a message', async () => {
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri: mainUri }, position: positionOf(main, 'db:', 1), newName: 'a b' }),
      /'a b' is not a valid service name/,
    );
  });

  it('hints the values inherited through extends and replaced by the override file, when the setting is on', async () => {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: mainUri }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } } });
    assert.deepEqual(hints.map((hint) => [hint.position.line, hint.label]), [
      [4, '→ nginx:1.28 (compose.override.yaml)'],
      [7, 'inherits restart: always'],
    ]);
  });
});

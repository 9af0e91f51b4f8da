/**
 * Compose services over real LSP: a "Harden service" CodeLens above each service, the `dockerHarden/listServices`
 * request, and `dockerHarden/hardenService`, which returns the full new text of every file it changes (the compose
 * file and the service's Dockerfile) and reads open Dockerfiles from their unsaved buffers.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeLens } from 'vscode-languageserver-protocol';
import type { HardenServiceRequest, ListServicesRequest, ProductionOverrideRequest } from '../../server/src/protocol';
import { exampleRoot, onlyRules, TestClient, uriOf } from './lsp-client';
import { source } from '../lib/yaml-tag';

const composePath = path.join(exampleRoot, 'docker-compose.yml');
const composeUri = uriOf(composePath);
const composeText = fs.readFileSync(composePath, 'utf8');
const aiDockerfilePath = path.join(exampleRoot, 'backend', 'ai_server', 'Dockerfile');
const aiDockerfileText = fs.readFileSync(aiDockerfilePath, 'utf8');
const RULES = ['compose/obsolete-version', 'compose/healthcheck', 'compose/depends-on-healthy', 'dockerfile/non-root-user', 'dockerfile/json-args'];

describe('services: CodeLens, listServices, hardenService', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ settings: onlyRules(RULES) });
    client.open(composeUri, 'dockercompose', composeText);
    await client.waitForDiagnostics(composeUri);
  });
  after(async () => {
    await client.stop();
  });

  it('puts one "Harden service" lens on the key line of every service, with [uri, service] arguments', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: composeUri } });
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.range.start.character, lens.command?.title, lens.command?.command, ...(lens.command?.arguments ?? [])]),
      [
        [5, 2, 'Harden service', 'dockerHarden.hardenService', composeUri, 'redis'],
        [17, 2, 'Harden service', 'dockerHarden.hardenService', composeUri, 'api_server'],
        [37, 2, 'Harden service', 'dockerHarden.hardenService', composeUri, 'ai_server'],
        [57, 2, 'Harden service', 'dockerHarden.hardenService', composeUri, 'prometheus'],
        [73, 2, 'Harden service', 'dockerHarden.hardenService', composeUri, 'frontend'],
      ],
    );
  });

  it('follows edits at once, before the debounced lint (a service added, then removed)', async () => {
    const added = composeText.replace('\nnetworks:\n', source`

        worker:
          image: busybox:1.36

      networks:
    `);
    client.change(composeUri, added);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: composeUri } });
    assert.deepEqual(lenses.map((lens) => [lens.range.start.line, lens.command?.arguments?.[1]]), [
      [5, 'redis'], [17, 'api_server'], [37, 'ai_server'], [57, 'prometheus'], [73, 'frontend'], [89, 'worker'],
    ]);
    client.change(composeUri, composeText);
    await client.waitForDiagnostics(composeUri);
    assert.equal((await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: composeUri } })).length, 5);
  });

  it('gives no lenses in a Dockerfile', async () => {
    const uri = uriOf(aiDockerfilePath);
    client.open(uri, 'dockerfile', aiDockerfileText);
    await client.waitForDiagnostics(uri);
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), []);
    client.close(uri);
  });

  it('lists the services with their line and problem count', async () => {
    const services = await client.request<ListServicesRequest.Result>('dockerHarden/listServices', { uri: composeUri });
    assert.deepEqual(services, [
      { name: 'redis', line: 5, problems: 1 }, // healthcheck
      { name: 'api_server', line: 17, problems: 1 }, // depends_on redis
      { name: 'ai_server', line: 37, problems: 2 }, // healthcheck, depends_on redis
      { name: 'prometheus', line: 57, problems: 1 }, // healthcheck
      { name: 'frontend', line: 73, problems: 3 }, // healthcheck, depends_on api_server and ai_server
    ]);
  });

  it('hardens one service across the compose file and its Dockerfile, reporting unknown names', async () => {
    const result = await client.request<HardenServiceRequest.Result>('dockerHarden/hardenService', { uri: composeUri, services: ['ai_server', 'nope'] });
    assert.deepEqual(result.unknownServices, ['nope']);
    // ai_server's depends_on redis stays as it is: waiting for a healthy redis needs redis's healthcheck, and
    // hardening ai_server alone does not touch redis (both or neither).
    assert.equal(result.fixCount, 3);
    assert.deepEqual(result.changes.map((change) => [change.uri, change.create]), [
      [composeUri, false],
      [uriOf(aiDockerfilePath), false],
    ]);
    const lines = composeText.split('\n');
    assert.equal(
      result.changes[0].newText,
      [
        ...lines.slice(0, 56),
        '    healthcheck:',
        '      test: ["CMD", "curl", "-f", "http://127.0.0.1:9999/api/v1/health"]',
        '      interval: 30s',
        '      timeout: 10s',
        '      retries: 3',
        '      start_period: 30s',
        ...lines.slice(56),
      ].join('\n'),
    );
    assert.equal(
      result.changes[1].newText,
      aiDockerfileText.replace(
        'CMD poetry run python -m ai_server.main\n',
        source`
          RUN groupadd -r app && useradd -r -g app app
          USER app
          CMD ["poetry", "run", "python", "-m", "ai_server.main"]
        `,
      ),
    );
    // Nothing was written.
    assert.equal(fs.readFileSync(aiDockerfilePath, 'utf8'), aiDockerfileText);
    assert.equal(fs.readFileSync(composePath, 'utf8'), composeText);
  });

  it('reads an open Dockerfile from its unsaved buffer', async () => {
    const uri = uriOf(aiDockerfilePath);
    const edited = aiDockerfileText.replace('CMD poetry run python -m ai_server.main\n', 'USER nobody\nCMD ["poetry", "run", "python", "-m", "ai_server.main"]\n');
    client.open(uri, 'dockerfile', edited);
    await client.waitForDiagnostics(uri);
    const result = await client.request<HardenServiceRequest.Result>('dockerHarden/hardenService', { uri: composeUri, services: ['ai_server'] });
    assert.deepEqual(result.changes.map((change) => change.uri), [composeUri], 'the buffer already runs as a user and uses exec form');
    client.close(uri);
  });

  it('hardens only what a service needs (api_server: nothing), and all services when none is named', async () => {
    const none = await client.request<HardenServiceRequest.Result>('dockerHarden/hardenService', { uri: composeUri, services: ['api_server'] });
    // api_server: its Dockerfile is the good one, and its depends_on redis can only wait for a healthy redis together
    // with redis's healthcheck, which hardening api_server alone does not add: nothing to do.
    assert.equal(none.fixCount, 0);
    assert.deepEqual(none.changes.map((change) => change.uri), []);
    const all = await client.request<HardenServiceRequest.Result>('dockerHarden/hardenService', { uri: composeUri, services: [] });
    assert.deepEqual(all.unknownServices, []);
    assert.deepEqual(all.changes.map((change) => path.relative(exampleRoot, new URL(change.uri).pathname)).sort(), [
      'backend/ai_server/Dockerfile',
      'docker-compose.yml',
      'frontend/project/Dockerfile',
    ]);
  });

  it('computes the production override (files only, nothing written) with the rules that are on (here healthcheck, not dev-bind-mount)', async () => {
    const result = await client.request<ProductionOverrideRequest.Result>('dockerHarden/productionOverride', { uri: composeUri });
    assert.equal(result.refused, undefined);
    // Only compose/healthcheck of the production rules is on in this session: the services that lack a healthcheck.
    assert.deepEqual(result.services, ['redis', 'ai_server', 'prometheus', 'frontend']);
    const byPath = Object.fromEntries(result.changes.map((change) => [path.relative(exampleRoot, new URL(change.uri).pathname), change]));
    assert.deepEqual(Object.keys(byPath), ['docker-compose.prod.yml']);
    assert.equal(byPath['docker-compose.prod.yml'].create, true);
    assert.match(byPath['docker-compose.prod.yml'].newText, /^  redis:\n    healthcheck:\n      test: \["CMD", "redis-cli", "ping"\]$/m);
    assert.ok(!byPath['docker-compose.prod.yml'].newText.includes('deploy:'), 'resource-limits is off in this session');
    assert.ok(!fs.existsSync(path.join(exampleRoot, 'docker-compose.prod.yml')), 'the server writes nothing');
  });
});

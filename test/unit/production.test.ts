import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { generateProductionOverride, lint, memoryWorkspace, parseCompose, productionFileName } from '../../engine/src/index';
import { schemaErrors, validatesAgainstSchema } from '../reliability/lib';
import { source } from '../lib/yaml-tag';

const exampleDir = path.resolve(__dirname, '../../examples/vrecommendation');
const basePath = path.join(exampleDir, 'docker-compose.yml');

/** The example workspace in memory, so the test never writes into the repository. */
function exampleWorkspace(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[full] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(exampleDir);
  return files;
}

describe('generate production override', () => {
  it('names the file after the base file', () => {
    assert.equal(productionFileName('/w/docker-compose.yml'), '/w/docker-compose.prod.yml');
    assert.equal(productionFileName('/w/compose.yaml'), '/w/compose.prod.yaml');
    assert.equal(productionFileName('/w/docker-compose.yaml'), '/w/docker-compose.prod.yaml');
  });

  it('on the example: limits, log rotation and healthchecks per service in docker-compose.prod.yml; the hot-reload mount moves to the override', () => {
    const files = exampleWorkspace();
    const text = files[basePath];
    const result = generateProductionOverride(basePath, text, { workspace: memoryWorkspace(files) });
    assert.equal(result.refused, undefined);
    assert.deepEqual(result.services, ['redis', 'api_server', 'ai_server', 'prometheus', 'frontend']);
    const byName = Object.fromEntries(result.files.map((f) => [path.basename(f.path), f]));
    assert.deepEqual(Object.keys(byName).sort(), ['docker-compose.override.yml', 'docker-compose.prod.yml']);

    const production = byName['docker-compose.prod.yml'].after;
    assert.equal(byName['docker-compose.prod.yml'].before, undefined, 'the production file is created');
    assert.ok(validatesAgainstSchema(production), schemaErrors(production));
    const prod = parseCompose(path.join(exampleDir, 'docker-compose.prod.yml'), production);
    const service = (name: string) => prod.services.find((s) => s.name === name)!;
    assert.deepEqual(service('redis').map!.toJSON(), {
      healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '30s', timeout: '10s', retries: 3, start_period: '30s' },
      deploy: { resources: { limits: { cpus: '0.50', memory: '256M' } } },
      logging: { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } },
    });
    // api_server's Dockerfile has a HEALTHCHECK: no healthcheck added for it.
    assert.deepEqual(Object.keys(service('api_server').map!.toJSON()), ['deploy', 'logging']);
    assert.deepEqual(service('prometheus').map!.toJSON().healthcheck.test, ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:9090/-/healthy']);
    assert.ok(!production.includes('volumes'), 'no bind mounts in the production file');
    // What the generated values rest on without evidence is listed in the header: the built apps' memory, the
    // frontend's `/` (nothing shows it answers 2xx).
    const header = production.slice(production.indexOf('# Verify before use'), production.indexOf('\nservices:'));
    assert.deepEqual(header.split('\n').slice(1), [
      '#   - "api_server" limits: it runs within 512M of memory',
      '#   - "ai_server" limits: it runs within 512M of memory',
      '#   - "frontend" healthcheck: `/` answers with a 2xx status',
      '#   - "frontend" limits: it runs within 512M of memory',
    ]);

    // The base file keeps every comment but the hot-reload mount's, which left with it, on its line, for the override.
    const override = byName['docker-compose.override.yml'].after;
    for (const comment of text.match(/#.*$/gm)!) {
      if (comment !== '# hot reload in development') assert.ok(result.baseOutput.includes(comment), `comment kept: ${comment}`);
    }
    assert.ok(!result.baseOutput.includes('# hot reload in development'), 'the mount\'s comment stayed behind in the base file');
    assert.ok(!result.baseOutput.includes('./backend/ai_server/src:/app/src'));
    assert.ok(result.baseOutput.includes('./backend/ai_server/models:/app/models'), 'data mounts stay');
    assert.match(override, /\n {6}- \.\/backend\/ai_server\/src:\/app\/src {2}# hot reload in development\n/);
    assert.ok(validatesAgainstSchema(result.baseOutput), schemaErrors(result.baseOutput));
    assert.ok(validatesAgainstSchema(byName['docker-compose.override.yml'].after));

    // Linting the production file raises none of the problems it is there to fix.
    const prodProblems = lint(path.join(exampleDir, 'docker-compose.prod.yml'), production, { workspace: memoryWorkspace(files), only: ['compose/resource-limits', 'compose/log-rotation', 'compose/schema'] }).problems;
    assert.deepEqual(prodProblems.map((p) => p.ruleId), []);
  });

  it('refuses to overwrite an existing production file, and explains', () => {
    const files = { '/w/docker-compose.yml': source`
      services:
        a:
          image: redis:7
    `, '/w/docker-compose.prod.yml': 'services: {}\n' };
    const result = generateProductionOverride('/w/docker-compose.yml', files['/w/docker-compose.yml'], { workspace: memoryWorkspace(files) });
    assert.equal(result.refused, 'docker-compose.prod.yml already exists; edit it, or delete it to generate a new one.');
    assert.deepEqual(result.files, []);
  });

  it('refuses a file that does not parse', () => {
    const result = generateProductionOverride('/w/compose.yaml', 'services:\n  a: "x\n', { workspace: memoryWorkspace({}) });
    assert.equal(result.refused, 'compose.yaml does not parse; fix its syntax errors first.');
  });
});

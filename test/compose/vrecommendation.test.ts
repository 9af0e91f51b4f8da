/**
 * The example of the design review (examples/vrecommendation): after the engine's safe fix-all, every service has a
 * healthcheck that fits its image (or its Dockerfile has one) where one is known, CPU and memory limits where its image is known, rotated logs, and waits for
 * healthy dependencies; no comment is lost, the output validates against the compose-spec schema, and a second
 * fix-all changes nothing.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { parseDocument } from 'yaml';
import { fixAll } from '../../engine/src/index';
import { diskWorkspace } from '../../engine/src/node';
import { validatesAgainstSchema } from '../reliability/lib';

const composePath = path.resolve(__dirname, '../../examples/vrecommendation/docker-compose.yml');
/** The example's folder on disk: its Dockerfiles are what the fixes rest on. */
const workspace = diskWorkspace(path.dirname(composePath));

it('examples/vrecommendation: safe fix-all hardens every service', () => {
  const before = fs.readFileSync(composePath, 'utf8');
  const result = fixAll(composePath, before, { workspace });
  const after = result.output;
  const doc = parseDocument(after, { merge: true });
  assert.deepEqual(doc.errors, []);
  const data = doc.toJS() as { version?: string; services: Record<string, Record<string, any>> };
  assert.equal(data.version, undefined, 'obsolete version removed');

  const expectedProbe: Record<string, unknown[] | undefined> = {
    redis: ['CMD', 'redis-cli', 'ping'],
    // The Dockerfile already has a HEALTHCHECK (curl on /api/v1/ping): nothing is added in compose.
    api_server: undefined,
    // python:3.9-slim without curl in the base, but the Dockerfile installs curl; EXPOSE 9999; its source declares
    // the route /api/v1/health (and answers 404 on /).
    ai_server: ['CMD', 'curl', '-f', 'http://127.0.0.1:9999/api/v1/health'],
    prometheus: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:9090/-/healthy'],
    // node:18-alpine has busybox wget and EXPOSE 5173, but nothing shows that `/` answers 2xx: the probe is offered
    // as an unsafe fix that says so, and safe fix-all leaves it out.
    frontend: undefined,
  };
  assert.deepEqual(Object.keys(data.services).sort(), Object.keys(expectedProbe).sort());
  for (const [name, service] of Object.entries(data.services)) {
    assert.deepEqual(service.healthcheck?.test, expectedProbe[name], `${name}: healthcheck`);
    if (service.healthcheck) assert.deepEqual([service.healthcheck.interval, service.healthcheck.timeout, service.healthcheck.retries], ['30s', '10s', 3]);
    const limits = service.deploy?.resources?.limits;
    // Limits are safe for an image run as it is (sized by the knowledge base); for a service built on a runtime base
    // what the app needs is not known, so that fix is unsafe and safe fix-all leaves it.
    if (service.build) assert.equal(limits, undefined, `${name}: no limits guessed for a built app`);
    else assert.ok(limits?.cpus && limits?.memory, `${name}: limits`);
    assert.deepEqual(service.logging, { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } }, `${name}: logging`);
    assert.equal(service.restart, 'unless-stopped');
    for (const [dependency, spec] of Object.entries(service.depends_on ?? {})) {
      assert.equal((spec as { condition: string }).condition, 'service_healthy', `${name} -> ${dependency}`);
    }
  }
  assert.deepEqual(data.services.redis.deploy.resources.limits, { cpus: '0.50', memory: '256M' });
  assert.deepEqual(Object.keys(data.services.frontend.depends_on), ['api_server', 'ai_server']);

  const comments = (text: string) => text.split('\n').filter((line) => /(^|\s)#/.test(line)).map((line) => line.slice(line.indexOf('#')).trim());
  assert.deepEqual(comments(after), comments(before), 'every comment kept, in order');
  assert.ok(validatesAgainstSchema(after), 'output validates against compose-spec.json');
  assert.equal(fixAll(composePath, after, { workspace }).output, after, 'a second fix-all changes nothing');
  assert.deepEqual(result.otherFiles, [], 'safe fixes touch no other file');
});

it('examples/vrecommendation: unsafe fix-all converts the secrets (file 0644 in a 0700 folder for the literal, environment for a plain variable; a variable with a default is left as it is)', () => {
  const before = fs.readFileSync(composePath, 'utf8');
  const result = fixAll(composePath, before, { workspace, unsafe: true, only: ['compose/secret-in-environment'] });
  const data = parseDocument(result.output, { merge: true }).toJS() as { services: Record<string, any>; secrets: Record<string, unknown> };
  assert.deepEqual(data.secrets, {
    google_client_secret: { environment: 'GOOGLE_CLIENT_SECRET' },
    admin_password: { file: './secrets/admin_password.txt' },
  });
  assert.deepEqual(data.services.api_server.secrets, ['google_client_secret']);
  // An `environment:` secret cannot keep `:-change-me-in-production`, so the conversion is not offered for it.
  assert.deepEqual(data.services.api_server.environment, [
    'REDIS_HOST=redis', 'REDIS_PORT=6379', 'JWT_SECRET=${JWT_SECRET:-change-me-in-production}', 'GOOGLE_CLIENT_ID=${GOOGLE_CLIENT_ID}', 'GOOGLE_CLIENT_SECRET_FILE=/run/secrets/google_client_secret',
  ]);
  assert.deepEqual(data.services.ai_server.secrets, ['admin_password']);
  assert.equal(data.services.ai_server.environment.ADMIN_PASSWORD_FILE, '/run/secrets/admin_password');
  assert.ok(!result.output.includes('admin123'), 'the literal secret is no longer in the file');
  const dir = path.dirname(composePath);
  const files = Object.fromEntries(result.otherFiles.map((f) => [path.relative(dir, f.path), { after: f.after, mode: f.mode }]));
  assert.deepEqual(files, {
    'secrets/admin_password.txt': { after: 'admin123', mode: 0o644 },
    '.gitignore': { after: 'secrets/\n', mode: undefined },
    // No .dockerignore beside the compose file: every build context is a folder below it, and none holds secrets/.
  });
  assert.ok(validatesAgainstSchema(result.output));
  for (const problem of [...fixAll(composePath, before, { workspace, unsafe: true }).remaining]) {
    assert.ok(!problem.message.includes('admin123'));
  }
});

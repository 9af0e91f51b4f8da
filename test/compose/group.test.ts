// The project as Compose runs it (compose/group.ts): a base and its override, COMPOSE_FILE in .env and
// `.docker-harden.yaml` projects are judged merged; each missing setting is reported once, in the file it belongs in;
// files have roles (production demands stay out of development, CI/test and swarm files) and one-shot services are
// not asked for a healthcheck or a restart policy. Each case: the files, and the exact problems of each file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { lint, memoryWorkspace, type LintOptions } from '../../engine/src/index';
import { source } from '../lib/yaml-tag';

const ROOT = path.resolve('/project');

/** `ruleId service-or-line-text` for each problem of `name`, in order. */
function problemsOf(files: Record<string, string>, name: string, options: Partial<LintOptions> = {}): string[] {
  const absolute = Object.fromEntries(Object.entries(files).map(([file, text]) => [path.join(ROOT, file), text]));
  const text = files[name];
  const result = lint(path.join(ROOT, name), text, { workspace: memoryWorkspace(absolute), today: new Date('2026-12-01'), onRuleError: (id, error) => { throw error; }, ...options });
  return result.problems.map((problem) => `${problem.ruleId} ${text.slice(problem.start, problem.end).split('\n')[0]}`);
}

const base = source`
  services:
    api:
      image: example/api:1.4
      depends_on:
        - db
    db:
      image: postgres:16.4
      healthcheck:
        test: ["CMD-SHELL", "pg_isready -U postgres"]
        interval: 10s
        timeout: 5s
        retries: 5
      restart: unless-stopped
`;

const override = source`
  services:
    api:
      volumes:
        - ./api:/app
      restart: unless-stopped
      logging:
        driver: json-file
        options:
          max-size: "10m"
    db:
      ports:
        - "5432:5432"
    mailhog:
      image: mailhog/mailhog:v1.0.1
`;

describe('compose groups: base and override merged', () => {
  it('the override gets no production demand, and only what it sets itself (a datastore port on all interfaces)', () => {
    assert.deepEqual(problemsOf({ 'compose.yaml': base, 'compose.override.yaml': override }, 'compose.override.yaml'), [
      'compose/exposed-datastore "5432:5432"',
    ]);
  });

  it('the base is judged merged: what the override sets (restart, logging) is not missing; the rest is reported once, here', () => {
    assert.deepEqual(problemsOf({ 'compose.yaml': base, 'compose.override.yaml': override }, 'compose.yaml'), [
      'compose/healthcheck api',
      'compose/resource-limits api',
      'compose/depends-on-healthy db',
      'compose/log-rotation db',
      'compose/resource-limits db',
    ]);
  });

  it('alone, the same base gets the demands the override met', () => {
    const alone = problemsOf({ 'compose.yaml': base }, 'compose.yaml');
    assert.ok(alone.includes('compose/restart-policy api'), alone.join('\n'));
    assert.ok(alone.includes('compose/log-rotation api'), alone.join('\n'));
  });
});

const prod = source`
  services:
    api:
      deploy:
        resources:
          limits:
            cpus: "1"
            memory: 512M
      logging:
        driver: json-file
        options:
          max-size: "10m"
          max-file: "3"
`;

describe('compose groups: COMPOSE_FILE in .env and .docker-harden.yaml projects', () => {
  const files = { 'compose.yaml': base, 'compose.prod.yaml': prod, '.env': 'COMPOSE_FILE=compose.yaml:compose.prod.yaml\n' };

  it('COMPOSE_FILE merges the prod file: the base is not asked for what it sets, and missing settings of api go to the prod file', () => {
    assert.deepEqual(problemsOf(files, 'compose.yaml'), [
      'compose/depends-on-healthy db',
      'compose/log-rotation db',
      'compose/resource-limits db',
    ]);
    assert.deepEqual(problemsOf(files, 'compose.prod.yaml'), ['compose/healthcheck api', 'compose/restart-policy api']);
  });

  it('a COMPOSE_FILE naming a file twice, a missing file or binary junk in .env: no crash, the files that exist merge', () => {
    const odd = { ...files, '.env': 'COMPOSE_FILE=compose.yaml:compose.yaml:missing.yaml:compose.prod.yaml\n\u0000\u0001junk=\n' };
    assert.deepEqual(problemsOf(odd, 'compose.prod.yaml'), ['compose/healthcheck api', 'compose/restart-policy api']);
    assert.deepEqual(problemsOf(odd, 'compose.yaml'), ['compose/depends-on-healthy db', 'compose/log-rotation db', 'compose/resource-limits db']);
  });

  it('COMPOSE_PATH_SEPARATOR is honoured; an interpolated COMPOSE_FILE is not guessed at', () => {
    const separated = { ...files, '.env': 'COMPOSE_PATH_SEPARATOR=,\nCOMPOSE_FILE="compose.yaml,compose.prod.yaml"\n' };
    assert.deepEqual(problemsOf(separated, 'compose.prod.yaml'), ['compose/healthcheck api', 'compose/restart-policy api']);
    // Not guessed at: the prod file is then merged only as the production overlay it is by content (below).
    const interpolated = { ...files, '.env': 'COMPOSE_FILE=${FILES}\nOTHER=x\n' };
    assert.deepEqual(problemsOf(interpolated, 'compose.prod.yaml'), ['compose/healthcheck api', 'compose/restart-policy api']);
    const elsewhere = { 'compose.yaml': base, 'deploy/compose.prod.yaml': prod, '.env': 'COMPOSE_FILE=${FILES}\n' };
    assert.ok(problemsOf(elsewhere, 'compose.yaml').includes('compose/log-rotation api'));
  });

  it('.docker-harden.yaml projects name the group (paths absolute in the options)', () => {
    const grouped = { 'compose.yaml': base, 'compose.prod.yaml': prod };
    const groups = { projects: [[path.join(ROOT, 'compose.yaml'), path.join(ROOT, 'compose.prod.yaml')]] };
    assert.deepEqual(problemsOf(grouped, 'compose.prod.yaml', { groups }), ['compose/healthcheck api', 'compose/restart-policy api']);
    // Without the project, the prod file is found as a production overlay of the base by its content: the same.
    assert.deepEqual(problemsOf(grouped, 'compose.prod.yaml'), ['compose/healthcheck api', 'compose/restart-policy api']);
    // A partial file that is not a production file by name (a development one) stays alone and unjudged.
    assert.deepEqual(problemsOf({ 'compose.yaml': base, 'compose.dev.yaml': prod }, 'compose.dev.yaml'), []);
  });
});

describe('a production overlay found by its content (compose.deploy.yml run with -f compose.yaml -f compose.deploy.yml)', () => {
  const deploy = source`
    services:
      api:
        restart: always
        logging:
          driver: json-file
          options:
            max-size: "10m"
  `;
  const files = { 'compose.yaml': base, 'compose.deploy.yml': deploy };

  it('the overlay is judged merged over the base, and the missing production settings of its services go to it', () => {
    assert.deepEqual(problemsOf(files, 'compose.deploy.yml'), ['compose/healthcheck api', 'compose/resource-limits api']);
  });

  it('the base is not asked again for the services the overlay redefines', () => {
    assert.deepEqual(problemsOf(files, 'compose.yaml'), ['compose/depends-on-healthy db', 'compose/log-rotation db', 'compose/resource-limits db']);
  });

  it('in the overlay, a healthcheck is planned from the image the base runs (and an image with its own HEALTHCHECK needs none)', () => {
    const stack = { 'compose.yaml': 'services:\n  cache:\n    image: redis:7.4-alpine\n  chat:\n    image: mattermost/mattermost-team-edition:10.5\n', 'compose.deploy.yml': 'services:\n  cache:\n    restart: always\n  chat:\n    restart: always\n' };
    const absolute = Object.fromEntries(Object.entries(stack).map(([name, text]) => [path.join(ROOT, name), text]));
    const result = lint(path.join(ROOT, 'compose.deploy.yml'), stack['compose.deploy.yml'], { workspace: memoryWorkspace(absolute), today: new Date('2026-12-01'), only: ['compose/healthcheck'] });
    assert.deepEqual(result.problems.map((problem) => [problem.ruleId, problem.fixes.map((fix) => fix.title)]), [['compose/healthcheck', ['Add a healthcheck (redis-cli ping)']]]);
  });

  it('in the overlay, limits are sized from the image the base runs (knowledge base: safe)', () => {
    const stack = { 'compose.yaml': 'services:\n  cache:\n    image: redis:7.4-alpine\n', 'compose.deploy.yml': 'services:\n  cache:\n    restart: always\n' };
    const absolute = Object.fromEntries(Object.entries(stack).map(([name, text]) => [path.join(ROOT, name), text]));
    const result = lint(path.join(ROOT, 'compose.deploy.yml'), stack['compose.deploy.yml'], { workspace: memoryWorkspace(absolute), today: new Date('2026-12-01'), only: ['compose/resource-limits'] });
    const alone = lint(path.join(ROOT, 'compose.yaml'), stack['compose.yaml'], { workspace: memoryWorkspace({ [path.join(ROOT, 'compose.yaml')]: stack['compose.yaml'] }), today: new Date('2026-12-01'), only: ['compose/resource-limits'] });
    const fixes = (problems: typeof result.problems) => problems.map((problem) => problem.fixes.map((fix) => [fix.title, fix.safe]));
    assert.deepEqual(fixes(result.problems), fixes(alone.problems));
    assert.equal(result.problems[0].fixes[0].safe, true);
  });

  it('a file with a service of its own (an image) is no overlay: judged alone', () => {
    const full = { 'compose.yaml': base, 'compose.deploy.yml': deploy + '  extra:\n    image: example/extra:1.0\n' };
    assert.ok(problemsOf(full, 'compose.yaml').includes('compose/log-rotation api'));
  });
});

const app = source`
  services:
    web:
      image: example/web:2.1
      ports:
        - "127.0.0.1:8080:8080"
`;

describe('file roles', () => {
  it('a CI/test file gets no production demand (log rotation, limits, restart, healthcheck)', () => {
    assert.deepEqual(problemsOf({ 'docker-compose.test.yml': app }, 'docker-compose.test.yml'), []);
    assert.deepEqual(problemsOf({ 'tests/compose.yaml': app }, 'tests/compose.yaml'), []);
    assert.deepEqual(problemsOf({ '.devcontainer/docker-compose.yml': app }, '.devcontainer/docker-compose.yml'), []);
    assert.deepEqual(problemsOf({ 'docker-compose-dev.yml': app }, 'docker-compose-dev.yml'), []);
  });

  it('a word inside a name is not a role: it-tools.yaml is a production file', () => {
    assert.equal(problemsOf({ 'it-tools.yaml': app }, 'it-tools.yaml').length, 4);
  });

  it('a dev/ folder holds development files; Dockerfiles of development and test images get no runtime demands', () => {
    assert.deepEqual(problemsOf({ 'dev/docker-compose.yml': app }, 'dev/docker-compose.yml'), []);
    const dockerfile = 'FROM node:22.11-bookworm-slim\nCOPY . /app\nCMD ["node", "/app/index.js"]\n';
    for (const name of ['Dockerfile.dev', 'Dockerfile.playwright', 'dev/app.Dockerfile', 'tests/Dockerfile']) {
      assert.deepEqual(problemsOf({ [name]: dockerfile }, name).filter((entry) => /dockerfile\/(healthcheck|non-root-user) /.test(entry)), [], name);
    }
    assert.deepEqual(problemsOf({ Dockerfile: dockerfile }, 'Dockerfile').filter((entry) => /dockerfile\/(healthcheck|non-root-user) /.test(entry)).length, 2);
  });

  it('a production file gets them', () => {
    assert.deepEqual(problemsOf({ 'docker-compose.prod.yml': app }, 'docker-compose.prod.yml'), [
      'compose/healthcheck web',
      'compose/log-rotation web',
      'compose/resource-limits web',
      'compose/restart-policy web',
    ]);
  });

  it('a swarm stack file: no restart policy (swarm restarts by default), no depends_on advice (swarm ignores it)', () => {
    const stack = source`
      services:
        web:
          image: example/web:2.1
          depends_on:
            - db
        db:
          image: postgres:16.4
          healthcheck:
            test: ["CMD-SHELL", "pg_isready -U postgres"]
    `;
    const found = problemsOf({ 'docker-stack.yml': stack }, 'docker-stack.yml');
    assert.ok(!found.some((entry) => entry.startsWith('compose/restart-policy') || entry.startsWith('compose/depends-on-healthy')), found.join('\n'));
    assert.ok(found.includes('compose/resource-limits web'), found.join('\n'));
    // Swarm ignores mem_limit and cpus: only deploy.resources.limits counts there.
    const limited = source`
      services:
        web:
          image: example/web:2.1
          mem_limit: 512m
          cpus: 1
    `;
    assert.ok(problemsOf({ 'docker-stack.yml': limited }, 'docker-stack.yml').includes('compose/resource-limits web'));
    assert.ok(!problemsOf({ 'compose.yaml': limited }, 'compose.yaml').includes('compose/resource-limits web'));
  });

  it('.docker-harden.yaml roles override the name', () => {
    const roles = { roles: [{ pattern: path.join(ROOT, 'deploy', '*.yml'), role: 'production' as const }] };
    assert.deepEqual(problemsOf({ 'deploy/docker-compose.test.yml': app }, 'deploy/docker-compose.test.yml', { groups: roles }).length, 4);
  });
});

describe('one-shot services: no healthcheck, no restart policy', () => {
  it('migrations, test runners, asset builds and services others wait for to complete', () => {
    const stack = source`
      services:
        migrate:
          image: example/api:1.4
          command: alembic upgrade head
        assets:
          image: node:22.11-bookworm-slim
          command: npm run build
        runner:
          image: example/api:1.4
          profiles: [test]
        seed-data:
          image: example/api:1.4
        once:
          image: example/tool:1.0
          restart: "no"
        setup:
          image: example/tool:1.0
        api:
          image: example/api:1.4
          restart: unless-stopped
          depends_on:
            setup:
              condition: service_completed_successfully
    `;
    const found = problemsOf({ 'compose.yaml': stack }, 'compose.yaml').filter((entry) => /^compose\/(healthcheck|restart-policy) /.test(entry));
    assert.deepEqual(found, ['compose/healthcheck api']);
  });

  it('a dependency that runs once is not switched to service_healthy', () => {
    const stack = source`
      services:
        migrate:
          image: example/api:1.4
          command: ["python", "manage.py", "migrate"]
          healthcheck:
            test: ["CMD", "true"]
        api:
          image: example/api:1.4
          depends_on:
            - migrate
    `;
    assert.ok(!problemsOf({ 'compose.yaml': stack }, 'compose.yaml').some((entry) => entry.startsWith('compose/depends-on-healthy')));
  });
});

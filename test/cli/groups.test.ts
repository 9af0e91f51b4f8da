// `.docker-harden.yaml` `projects:` and `roles:` through the real executable, and the default base + override group:
// each missing setting is reported once across the files Compose merges, and production demands stay out of files
// that are not for production.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cli, tempProject } from './helpers';
import { source } from '../lib/yaml-tag';

const base = source`
  services:
    api:
      image: example/api:1.4
`;
const prod = source`
  services:
    api:
      restart: unless-stopped
`;

function findings(dir: string, args: string[] = []): string[] {
  const run = cli(['check', '--format', 'json', ...args], dir);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return JSON.parse(run.stdout).files.flatMap((file: { path: string; problems: { ruleId: string; line: number }[] }) =>
    file.problems.map((problem) => `${file.path}:${problem.line} ${problem.ruleId}`),
  );
}

describe('compose groups in the CLI', () => {
  it('projects: the prod file merges over the base; api\'s missing settings are reported once, in the prod file', () => {
    const dir = tempProject({
      'compose.yaml': base,
      'compose.prod.yaml': prod,
      '.docker-harden.yaml': 'projects:\n  - files: [compose.yaml, compose.prod.yaml]\n',
    });
    assert.deepEqual(findings(dir), [
      'compose.prod.yaml:2 compose/healthcheck',
      'compose.prod.yaml:2 compose/log-rotation',
      'compose.prod.yaml:2 compose/resource-limits',
    ]);
  });

  it('without projects, the partial prod file is found as a production overlay of the base: the same result', () => {
    const dir = tempProject({ 'compose.yaml': base, 'compose.prod.yaml': prod });
    assert.deepEqual(findings(dir), [
      'compose.prod.yaml:2 compose/healthcheck',
      'compose.prod.yaml:2 compose/log-rotation',
      'compose.prod.yaml:2 compose/resource-limits',
    ]);
  });

  it('alone, the base gets every demand', () => {
    const dir = tempProject({ 'compose.yaml': base });
    assert.deepEqual(findings(dir), [
      'compose.yaml:2 compose/healthcheck',
      'compose.yaml:2 compose/log-rotation',
      'compose.yaml:2 compose/resource-limits',
      'compose.yaml:2 compose/restart-policy',
    ]);
  });

  it('roles: a CI file declared production gets production demands; a base declared development gets none', () => {
    const dir = tempProject({
      'compose.yaml': base,
      'ci/docker-compose.ci.yml': base,
      '.docker-harden.yaml': 'roles:\n  docker-compose.ci.yml: production\n  compose.yaml: development\n',
    });
    assert.deepEqual(findings(dir), [
      'ci/docker-compose.ci.yml:2 compose/healthcheck',
      'ci/docker-compose.ci.yml:2 compose/log-rotation',
      'ci/docker-compose.ci.yml:2 compose/resource-limits',
      'ci/docker-compose.ci.yml:2 compose/restart-policy',
    ]);
  });

  it('a wrong role or a project without files is a config problem, not a crash', () => {
    const dir = tempProject({ 'compose.yaml': base, '.docker-harden.yaml': 'roles:\n  compose.yaml: staging\nprojects:\n  - name: x\n' });
    const run = cli(['check', '--format', 'json'], dir);
    assert.equal(run.status, 1, run.stderr);
    const ids = JSON.parse(run.stdout).files.flatMap((file: { path: string; problems: { ruleId: string; message: string }[] }) => file.problems.filter((p) => p.ruleId.startsWith('config/')).map((p) => `${file.path} ${p.ruleId}`));
    // The wrong role, the unknown key `name` and the missing `files`.
    assert.deepEqual(ids, ['.docker-harden.yaml config/schema', '.docker-harden.yaml config/schema', '.docker-harden.yaml config/schema']);
  });
});

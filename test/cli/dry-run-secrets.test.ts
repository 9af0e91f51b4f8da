import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { cli, onlyRulesConfig, removeProject, snapshot, tempProject } from './helpers';
import { source } from '../lib/yaml-tag';

describe('fix --unsafe --dry-run with a literal secret', () => {
  const dir = tempProject({
    'compose.yaml': source`
      services:
        db:
          image: postgres:16
          environment:
            POSTGRES_PASSWORD: hunter2secret
    `,
    '.docker-harden.yaml': onlyRulesConfig(['compose/secret-in-environment']),
  });
  after(() => removeProject(dir));

  it('shows the conversion with the value masked, and writes nothing', () => {
    const before = snapshot(dir);
    const run = cli(['fix', '--unsafe', '--dry-run', '.'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(!run.stdout.includes('hunter2secret') && !run.stderr.includes('hunter2secret'), 'the secret value is never printed');
    assert.match(run.stdout, /^-      POSTGRES_PASSWORD: \*\*\*$/m);
    assert.match(run.stdout, /^\+      POSTGRES_PASSWORD_FILE: \/run\/secrets\/postgres_password$/m);
    assert.match(run.stdout, /content not shown/);
    assert.deepEqual(snapshot(dir), before);
  });
});

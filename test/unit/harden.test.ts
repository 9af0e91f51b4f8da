import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { harden, memoryWorkspace, parseCompose } from '../../engine/src/index';
import { source } from '../lib/yaml-tag';

const composePath = '/w/docker-compose.yml';
const text = source`
  services:
    a:
      image: postgres:16
      environment:
        POSTGRES_PASSWORD: alpha # first
    b:
      image: postgres:16
      environment:
        POSTGRES_PASSWORD: bravo # second
`;

describe('harden', () => {
  it('hardens only the services asked for, even when a fix offers to convert every secret of the file', () => {
    const result = harden(composePath, text, { services: ['a'], workspace: memoryWorkspace({ [composePath]: text }) });
    assert.deepEqual(result.unknownServices, []);
    const after = parseCompose(composePath, result.output);
    assert.ok(result.output.includes(text.slice(text.indexOf('  b:'))), 'service b is byte-identical');
    assert.deepEqual(after.root!.toJSON().secrets, { postgres_password: { file: './secrets/postgres_password.txt' } });
    const a = after.services.find((s) => s.name === 'a')!;
    assert.ok(a.get('healthcheck'), 'a got a healthcheck');
    assert.ok(a.get('secrets'), 'a got its secret');
    const created = result.otherFiles.filter((f) => f.before === undefined).map((f) => path.basename(f.path)).sort();
    assert.ok(created.some((name) => name.endsWith('.txt')), `a secrets file is created: ${created}`);
    for (const file of result.otherFiles) assert.ok(!file.after.includes('bravo'), `b's secret stays where it is (${file.path})`);
    assert.ok(result.output.includes('# first') && result.output.includes('# second'), 'comments kept');
  });
  it('hardens every service when none is named, and reports unknown names', () => {
    const all = harden(composePath, text, { workspace: memoryWorkspace({ [composePath]: text }) });
    assert.ok(!all.output.includes('alpha') && !all.output.includes('bravo'), 'both literals left the compose file');
    const unknown = harden(composePath, text, { services: ['nope'], workspace: memoryWorkspace({ [composePath]: text }) });
    assert.deepEqual(unknown.unknownServices, ['nope']);
    assert.equal(unknown.output, text);
  });

  it('harden --service switches depends_on to service_healthy only together with the dependency\'s healthcheck: one service alone gets neither', () => {
    const compose = source`
      services:
        api:
          image: nginx:1.27
          depends_on:
            - db
        db:
          image: postgres:16
    `;
    const workspace = memoryWorkspace({ [composePath]: compose });
    const one = harden(composePath, compose, { services: ['api'], workspace });
    assert.match(one.output, /depends_on:\n {6}- db\n/, 'api alone: the short form stays (db is not hardened, so it gets no healthcheck)');
    const both = harden(composePath, compose, { workspace });
    const db = parseCompose(composePath, both.output).services.find((s) => s.name === 'db')!;
    assert.ok(db.get('healthcheck'), 'every service: db gets its healthcheck');
    assert.match(both.output, /db:\n {8}condition: service_healthy/);
  });
});

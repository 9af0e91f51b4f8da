/**
 * `include:`: what the included files define counts as defined, and their services' healthchecks count for
 * `depends_on`. A file whose includes cannot all be read is not checked for undefined references.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { includedFiles } from '../../engine/src/compose/include';
import { parseCompose } from '../../engine/src/compose/model';
import { createProject, memoryWorkspace } from '../../engine/src/index';
import dependsOnHealthy from '../../engine/src/rules/compose/depends-on-healthy';
import undefinedReference from '../../engine/src/rules/compose/undefined-reference';
import { ruleTester } from '../lib/rule-tester';
import { source } from '../lib/yaml-tag';

const DB = source`
  services:
    db:
      image: postgres:16
      healthcheck:
        test: ["CMD-SHELL", "pg_isready -U postgres"]
  volumes:
    db-data:
`;
const USES_DB = (include: string) => `include:\n${include}services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - db\n    volumes:\n      - db-data:/data\n`;

ruleTester(undefinedReference, {
  valid: [
    { name: 'a path', code: USES_DB('  - infra/db.yaml\n'), files: { 'infra/db.yaml': DB } },
    { name: 'the long form, with a list of paths', code: USES_DB('  - path:\n      - infra/base.yaml\n      - infra/db.yaml\n'), files: { 'infra/db.yaml': DB, 'infra/base.yaml': 'services: {}\n' } },
    { name: 'an include of an include', code: USES_DB('  - path: infra/all.yaml\n'), files: { 'infra/all.yaml': 'include:\n  - db.yaml\n', 'infra/db.yaml': DB } },
    { name: 'an include that cannot be read: skipped', code: USES_DB('  - missing.yaml\n') },
    { name: 'an interpolated include: skipped', code: USES_DB('  - ${STACK}/db.yaml\n') },
  ],
  invalid: [
    {
      name: 'a name defined in no included file',
      code: USES_DB('  - infra/db.yaml\n').replace('- db\n', '- dbb\n'),
      files: { 'infra/db.yaml': DB },
      errors: [{ line: 7, column: 9, message: 'Service "web" refers to the service "dbb", which is not defined in this file or the files it includes.' }],
    },
  ],
});

ruleTester(dependsOnHealthy, {
  valid: [],
  invalid: [
    {
      name: 'the dependency is an included service with a healthcheck',
      code: source`
        include:
          - infra/db.yaml
        services:
          web:
            image: nginx:1.27
            depends_on:
              - db
      `,
      files: { 'infra/db.yaml': DB },
      errors: [{ line: 7, column: 9, message: '"web" starts as soon as "db" is created, not when it is healthy; use `condition: service_healthy`.' }],
      output: source`
        include:
          - infra/db.yaml
        services:
          web:
            image: nginx:1.27
            depends_on:
              db:
                condition: service_healthy
      `,
    },
  ],
});

describe('includedFiles', () => {
  const root = path.resolve('/workspace');
  const project = (files: Record<string, string>) => createProject(memoryWorkspace(Object.fromEntries(Object.entries(files).map(([name, text]) => [path.join(root, name), text]))));
  const compose = (text: string) => parseCompose(path.join(root, 'compose.yaml'), text);

  it('reads each file once, through cycles, relative to the file that includes it', () => {
    const files = { 'a/a.yaml': 'include:\n  - ../b/b.yaml\n', 'b/b.yaml': source`
      include:
        - ../a/a.yaml
        - ../compose.yaml
    ` };
    const found = includedFiles(compose('include:\n  - a/a.yaml\n'), project(files));
    assert.deepEqual(
      found.files.map((file) => path.relative(root, file.path)),
      [path.join('a', 'a.yaml'), path.join('b', 'b.yaml')],
    );
    assert.equal(found.complete, true);
  });

  it('is incomplete when an entry is not a path, is missing, or does not parse', () => {
    assert.equal(includedFiles(compose('include:\n  - [a, b]\n'), project({})).complete, false);
    assert.equal(includedFiles(compose('include: infra.yaml\n'), project({})).complete, false);
    assert.equal(includedFiles(compose('include:\n  - x.yaml\n'), project({})).complete, false);
    assert.equal(includedFiles(compose('include:\n  - x.yaml\n'), project({ 'x.yaml': 'services: [\n' })).complete, false);
    assert.deepEqual(includedFiles(compose('services: {}\n'), project({})), { files: [], complete: true });
  });
});

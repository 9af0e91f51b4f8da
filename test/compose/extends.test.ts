/**
 * `extends`: a setting a service inherits from its base service (in the same file or in `extends.file`) is not
 * missing. Each rule that flags a missing setting is run on services that inherit it (nothing reported) and on
 * services whose base lacks it (reported, and fixed in the service itself).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { baseServices } from '../../engine/src/compose/extends';
import { parseCompose } from '../../engine/src/compose/model';
import { createProject, memoryWorkspace } from '../../engine/src/index';
import capDrop from '../../engine/src/rules/compose/cap-drop';
import dependsOnHealthy from '../../engine/src/rules/compose/depends-on-healthy';
import healthcheck from '../../engine/src/rules/compose/healthcheck';
import logRotation from '../../engine/src/rules/compose/log-rotation';
import noNewPrivileges from '../../engine/src/rules/compose/no-new-privileges';
import nonRoot from '../../engine/src/rules/compose/non-root';
import readOnly from '../../engine/src/rules/compose/read-only';
import resourceLimits from '../../engine/src/rules/compose/resource-limits';
import restartPolicy from '../../engine/src/rules/compose/restart-policy';
import dockerfileHealthcheck from '../../engine/src/rules/dockerfile/healthcheck';
import { ruleTester } from '../lib/rule-tester';
import { source } from '../lib/yaml-tag';

/** A base service that sets everything the rules below look for. */
const HARDENED = [
  '  hardened:',
  '    image: busybox:1.36',
  '    user: "1000:1000"',
  '    read_only: true',
  '    restart: unless-stopped',
  '    cap_drop: [ALL]',
  '    security_opt: ["no-new-privileges:true"]',
  '    healthcheck:',
  '      test: ["CMD", "true"]',
  '    logging:',
  '      driver: json-file',
  '      options:',
  '        max-size: 10m',
  '    deploy:',
  '      resources:',
  '        limits:',
  '          cpus: "0.5"',
  '          memory: 256M',
].join('\n');

/** The same base in its own file. */
const COMMON = `services:\n${HARDENED}\n`;

/** A service of this file that extends `hardened` here, and one that extends it in common.yml. */
const INHERITS = `services:\n${HARDENED}\n  api:\n    extends: hardened\n    image: redis:7.4-alpine\n  worker:\n    extends:\n      file: common.yml\n      service: hardened\n    image: redis:7.4-alpine\n`;

const rulesThatSkipInherited = [capDrop, healthcheck, logRotation, noNewPrivileges, readOnly, resourceLimits, restartPolicy];

for (const rule of rulesThatSkipInherited) {
  ruleTester(rule, {
    valid: [{ name: 'the setting comes from the base service (extends), here or in another file', code: INHERITS, files: { 'common.yml': COMMON } }],
    invalid: [],
  });
}

ruleTester(nonRoot, {
  valid: [
    {
      name: 'user comes from the base service',
      code: source`
        services:
          base:
            image: busybox:1.36
            user: "1000"
          api:
            extends: base
            build: ./api
      `,
      files: { 'api/Dockerfile': 'FROM node:22-alpine\nCMD ["node", "server.js"]\n' },
    },
  ],
  invalid: [],
});

ruleTester(resourceLimits, {
  valid: [],
  invalid: [
    {
      name: 'the base sets memory only: the CPU limit is added to the service, nothing else',
      code: source`
        services:
          base:
            image: busybox:1.36
            deploy:
              resources:
                limits:
                  memory: 256M
                  cpus: "0.5"
          api:
            extends:
              file: common.yml
              service: base
            image: redis:7.4-alpine
      `,
      files: { 'common.yml': source`
        services:
          base:
            image: busybox:1.36
            mem_limit: 256m
      ` },
      errors: [{ line: 9, column: 3, message: 'Service "api" has no CPU limit: one runaway container can starve the whole host.', fixes: ['Add resource limits (0.50 CPU)'] }],
      output:
        source`
          services:
            base:
              image: busybox:1.36
              deploy:
                resources:
                  limits:
                    memory: 256M
                    cpus: "0.5"
            api:
              extends:
                file: common.yml
                service: base
              image: redis:7.4-alpine
              deploy:
                resources:
                  limits:
                    cpus: "0.50"
        `,
    },
  ],
});

ruleTester(logRotation, {
  valid: [],
  invalid: [
    {
      name: 'the base logs with json-file and no max-size: the service still needs rotation',
      code: source`
        services:
          base:
            image: busybox:1.36
            logging:
              driver: json-file
          api:
            extends: base
            image: redis:7.4-alpine
      `,
      errors: [
        { line: 4, column: 5, message: 'Service "base" keeps its logs without a size limit, so they can fill the disk.' },
        { line: 6, column: 3, message: 'Service "api" keeps its logs without a size limit, so they can fill the disk.' },
      ],
      output:
        source`
          services:
            base:
              image: busybox:1.36
              logging:
                driver: json-file
                options:
                  max-size: "10m"
                  max-file: "3"
            api:
              extends: base
              image: redis:7.4-alpine
              logging:
                driver: json-file
                options:
                  max-size: "10m"
                  max-file: "3"
        `,
    },
  ],
});

const REDIS_PROBE = '    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n      interval: 30s\n      timeout: 10s\n      retries: 3\n      start_period: 30s\n';
const UNRESOLVED =
  source`
    services:
      a:
        extends: b
        image: redis:7.4-alpine
      b:
        extends: a
        image: redis:7.4-alpine
      c:
        extends:
          file: missing.yml
          service: base
        image: redis:7.4-alpine
      d:
        extends:
          file: \${COMMON_FILE}
          service: base
        image: redis:7.4-alpine
  `;

ruleTester(healthcheck, {
  valid: [
    { name: 'a chain: api extends mid, which extends base', code: source`
      services:
        base:
          image: busybox:1.36
          healthcheck:
            test: ["CMD", "true"]
        mid:
          extends: base
          image: busybox:1.36
        api:
          extends: { service: mid }
          image: redis:7.4-alpine
    ` },
    { name: 'the base disables the healthcheck', code: source`
      services:
        base:
          image: busybox:1.36
          healthcheck:
            disable: true
        api:
          extends: base
          image: redis:7.4-alpine
    ` },
  ],
  invalid: [
    {
      name: 'extends a service that has no healthcheck, a missing file, an interpolated file, a cycle',
      code: UNRESOLVED,
      errors: [
        { line: 2, column: 3, fixes: ['Add a healthcheck (redis-cli ping)'] },
        { line: 5, column: 3 },
        { line: 8, column: 3 },
        { line: 13, column: 3 },
      ],
      // Each service gets the probe after its last line.
      output: UNRESOLVED.replaceAll('    image: redis:7.4-alpine\n', `    image: redis:7.4-alpine\n${REDIS_PROBE}`),
    },
  ],
});

ruleTester(dependsOnHealthy, {
  valid: [],
  invalid: [
    {
      name: 'the dependency has a healthcheck through extends: wait for it to be healthy',
      code: source`
        services:
          web:
            image: nginx:1.27
            depends_on:
              - cache
          cache:
            extends:
              file: common.yml
              service: hardened
            image: example/cache:1.0
      `,
      files: { 'common.yml': COMMON },
      errors: [{ line: 5, column: 9, message: '"web" starts as soon as "cache" is created, not when it is healthy; use `condition: service_healthy`.' }],
      output: source`
        services:
          web:
            image: nginx:1.27
            depends_on:
              cache:
                condition: service_healthy
          cache:
            extends:
              file: common.yml
              service: hardened
            image: example/cache:1.0
      `,
    },
  ],
});

ruleTester(dockerfileHealthcheck, {
  valid: [
    {
      name: 'the compose service that builds it inherits a healthcheck',
      filename: 'api/Dockerfile',
      code: source`
        FROM node:22-alpine
        EXPOSE 3000
        CMD ["node", "server.js"]
      `,
      files: { '../compose.yaml': source`
        services:
          api:
            extends:
              file: common.yml
              service: hardened
            build: ./api
      `, '../common.yml': COMMON },
    },
  ],
  invalid: [],
});

describe('baseServices', () => {
  const root = path.resolve('/workspace');
  const project = (files: Record<string, string>) => createProject(memoryWorkspace(Object.fromEntries(Object.entries(files).map(([name, text]) => [path.join(root, name), text]))));

  it('follows a chain across files, nearest first, and stops at a cycle', () => {
    const text = source`
      services:
        api:
          extends: { file: a.yml, service: one }
    `;
    const file = parseCompose(path.join(root, 'compose.yaml'), text);
    const files = { 'a.yml': source`
      services:
        one:
          extends: { file: b/b.yml, service: two }
    `, 'b/b.yml': source`
      services:
        two:
          extends: { file: ../a.yml, service: one }
    ` };
    const chain = baseServices(file, file.services[0], project(files));
    assert.deepEqual(
      chain.map((base) => `${path.relative(root, base.file.path)}#${base.service.name}`),
      ['a.yml#one', path.join('b', 'b.yml') + '#two'],
    );
  });

  it('reads no file outside the workspace', () => {
    const file = parseCompose(path.join(root, 'compose.yaml'), source`
      services:
        api:
          extends: { file: ../../etc/compose.yml, service: x }
    `);
    assert.deepEqual(baseServices(file, file.services[0], createProject(memoryWorkspace({}))), []);
  });
});

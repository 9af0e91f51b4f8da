import rule from '../../../engine/src/rules/compose/schema';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      services:
        web:
          image: nginx:1.27
    `,
    {
      name: 'current spec keys: name, include, models, develop, provider, gw_priority, start_interval',
      code: source`
        name: shop
        include:
          - ./other/compose.yaml
        models:
          llm:
            model: ai/smollm2
        services:
          web:
            image: nginx:1.27
            healthcheck:
              test: ["CMD", "true"]
              start_interval: 5s
            develop:
              watch:
                - path: ./src
                  action: sync
                  target: /app/src
            networks:
              front:
                gw_priority: 1
          ai:
            provider:
              type: model
              options:
                model: ai/smollm2
        networks:
          front: {}
      `,
    },
    {
      name: 'x- fields, interpolation where numbers and booleans are expected, !reset and !override',
      code: source`
        x-common: &common
          restart: unless-stopped
        services:
          web:
            <<: *common
            image: nginx:1.27
            x-note: anything
            cpus: \${CPUS:-0.5}
            privileged: \${PRIVILEGED}
            ports: !reset []
            environment: !override
              A: b
      `,
    },
    { name: 'alias bomb: no hang, no schema problem', code: source`
      a: &a [x, x, x, x, x, x, x, x, x]
      b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
      c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
      d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
      e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]
      services: {}
    ` },
  ],
  invalid: [
    {
      name: 'YAML syntax error',
      code: source`
        services:
          web:
            image: "nginx:1.27
      `,
      errors: [{ line: 4, column: 1, message: /^YAML syntax error: Missing closing/ }],
    },
    {
      name: 'misspelled keys get a safe rename',
      code: source`
        servics:
          web:
            image: nginx:1.27
        volumes:
          data:
            drivr: local # the default
      `,
      errors: [
        { line: 1, column: 1, endColumn: 8, severity: 'error', message: '"servics" is not allowed at the top level; did you mean "services"?', fixes: ['Rename to "services"'] },
        { line: 6, column: 5, endColumn: 10, message: '"drivr" is not allowed in volumes.data; did you mean "driver"?', fixes: ['Rename to "driver"'] },
      ],
      output: source`
        services:
          web:
            image: nginx:1.27
        volumes:
          data:
            driver: local # the default
      `,
    },
    {
      name: 'wrong types and a missing required key, each at its node; unknown key without a close match',
      code: source`
        services:
          web:
            image: nginx:1.27
            ports: 80
            healthcheck:
              interval: 10
            depends_on:
              db:
                required: true
            completely_unknown: 1
          db:
            image: redis:7
      `,
      errors: [
        { line: 4, column: 12, endColumn: 14, message: '`services.web.ports` must be a list.' },
        { line: 6, column: 17, message: '`services.web.healthcheck.interval` must be a string.' },
        { line: 8, column: 7, endColumn: 9, message: '`services.web.depends_on.db` needs "condition".' },
        { line: 10, column: 5, message: '"completely_unknown" is not allowed in services.web.', fixes: [] },
      ],
    },
  ],
});

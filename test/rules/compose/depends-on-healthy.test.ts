import rule from '../../../engine/src/rules/compose/depends-on-healthy';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      services:
        api:
          image: nginx:1.27
          depends_on:
            db:
              condition: service_healthy
        db:
          image: postgres:16
    `,
    { name: 'dependency without a possible healthcheck', code: source`
      services:
        api:
          image: nginx:1.27
          depends_on: [tool]
        tool:
          image: example/tool:1
    ` },
  ],
  invalid: [
    {
      name: 'short form: rewritten to the long form, other entries keep service_started',
      code: source`
        services:
          api:
            image: nginx:1.27
            depends_on:
              - db
              - tool
          db:
            image: postgres:16
          tool:
            image: example/tool:1
      `,
      errors: [{ line: 5, column: 9, endColumn: 11, severity: 'warning', message: '"api" starts as soon as "db" is created, not when it is healthy; use `condition: service_healthy`.', fixes: ['Wait for healthy dependencies (`condition: service_healthy`), with their healthchecks'] }],
      // The switch and db's healthcheck come in one fix: a service_healthy dependency without one would not start.
      output: source`
        services:
          api:
            image: nginx:1.27
            depends_on:
              db:
                condition: service_healthy
              tool:
                condition: service_started
          db:
            image: postgres:16
            healthcheck:
              test: ["CMD-SHELL", "pg_isready -U \"$\${POSTGRES_USER:-postgres}\" -d \"$\${POSTGRES_DB:-postgres}\""]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
          tool:
            image: example/tool:1
      `,
    },
    {
      name: 'long form with service_started',
      code: source`
        services:
          api:
            image: nginx:1.27
            depends_on:
              cache:
                condition: service_started # for now
          cache:
            image: redis:7
            healthcheck:
              test: ["CMD", "redis-cli", "ping"]
      `,
      errors: [{ line: 6, column: 20, endColumn: 35, fixes: ['Use `condition: service_healthy`'] }],
      output: source`
        services:
          api:
            image: nginx:1.27
            depends_on:
              cache:
                condition: service_healthy # for now
          cache:
            image: redis:7
            healthcheck:
              test: ["CMD", "redis-cli", "ping"]
      `,
    },
      {
      name: 'a JSON (flow style) compose file gets the long form in flow style, so it stays valid',
      code: '{"services": {\n  "a": {"image": "redis:7", "healthcheck": {"test": ["CMD", "redis-cli", "ping"]}},\n  "b": {"image": "nginx:1.27", "depends_on": ["a"]}\n}}\n',
      errors: [{ line: 3, column: 47, endColumn: 50, fixes: ['Wait for healthy dependencies (`condition: service_healthy`)'] }],
      output: '{"services": {\n  "a": {"image": "redis:7", "healthcheck": {"test": ["CMD", "redis-cli", "ping"]}},\n  "b": {"image": "nginx:1.27", "depends_on": {"a": {"condition": "service_healthy"}}}\n}}\n',
    },
    {
      name: 'a dependency whose healthcheck would rest on a guess: the switch is unsafe and says so',
      code: source`
        services:
          web:
            image: nginx:1.27
            depends_on:
              - api
          api:
            build: ./api
      `,
      files: { 'api/Dockerfile': 'FROM node:22\nEXPOSE 3000\nCMD ["node", "server.js"]\n' },
      errors: [{ line: 5, column: 9, endColumn: 12, fixes: ['Wait for healthy dependencies (`condition: service_healthy`), with their healthchecks (verify: `/` answers with a 2xx status)'] }],
      output: null,
      unsafeOutput: source`
        services:
          web:
            image: nginx:1.27
            depends_on:
              api:
                condition: service_healthy
          api:
            build: ./api
            healthcheck:
              test: ["CMD", "curl", "-f", "http://127.0.0.1:3000/"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
  ],
});

import rule from '../../../engine/src/rules/compose/healthy-needs-healthcheck';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    { name: 'the dependency has a healthcheck', code: source`
      services:
        api:
          image: nginx:1.27
          depends_on:
            db:
              condition: service_healthy
        db:
          image: postgres:16
          healthcheck:
            test: ["CMD-SHELL", "pg_isready"]
    ` },
    { name: 'the dependency\'s image has its own HEALTHCHECK (mailpit)', code: source`
      services:
        api:
          image: nginx:1.27
          depends_on:
            mail:
              condition: service_healthy
        mail:
          image: axllent/mailpit:v1.21
    ` },
    { name: 'service_started needs none', code: source`
      services:
        api:
          image: nginx:1.27
          depends_on:
            cache:
              condition: service_started
        cache:
          image: example/cache:1
    ` },
    { name: 'the Dockerfile the dependency builds has a HEALTHCHECK', code: source`
      services:
        web:
          image: nginx:1.27
          depends_on:
            api:
              condition: service_healthy
        api:
          build: ./api
    `, files: { 'api/Dockerfile': 'FROM node:22\nHEALTHCHECK CMD curl -f http://127.0.0.1:3000/ || exit 1\nCMD ["node", "s.js"]\n' } },
  ],
  invalid: [
    {
      name: 'redis without a healthcheck: the fix gives it the probe its image supports',
      code: source`
        services:
          api:
            image: nginx:1.27
            depends_on:
              cache:
                condition: service_healthy
          cache:
            image: redis:7-alpine
      `,
      errors: [{
        line: 6,
        column: 20,
        endColumn: 35,
        severity: 'error',
        message: '"api" waits for "cache" to be healthy, but "cache" has no healthcheck: Compose refuses to start "api".',
        fixes: ['Give "cache" a healthcheck (redis-cli ping)', 'Wait only for "cache" to start (`condition: service_started`)'],
      }],
      output: source`
        services:
          api:
            image: nginx:1.27
            depends_on:
              cache:
                condition: service_healthy
          cache:
            image: redis:7-alpine
            healthcheck:
              test: ["CMD", "redis-cli", "ping"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
      unsafeOutput: source`
        services:
          api:
            image: nginx:1.27
            depends_on:
              cache:
                condition: service_healthy
          cache:
            image: redis:7-alpine
            healthcheck:
              test: ["CMD", "redis-cli", "ping"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
    {
      name: 'an image nothing is known about: no healthcheck to give; waiting for the start is the unsafe way out',
      code: source`
        services:
          api:
            image: nginx:1.27
            depends_on:
              queue:
                condition: service_healthy # wait
          queue:
            image: example/queue:2
      `,
      errors: [{ line: 6, column: 20, endColumn: 35, fixes: ['Wait only for "queue" to start (`condition: service_started`)'] }],
      output: null,
      unsafeOutput: source`
        services:
          api:
            image: nginx:1.27
            depends_on:
              queue:
                condition: service_started # wait
          queue:
            image: example/queue:2
      `,
    },
    {
      name: 'a disabled healthcheck',
      code: source`
        services:
          api:
            image: nginx:1.27
            depends_on:
              db:
                condition: service_healthy
          db:
            image: postgres:16
            healthcheck:
              disable: true
      `,
      errors: [{ line: 6, column: 20, message: '"api" waits for "db" to be healthy, but its healthcheck is disabled: Compose refuses to start "api".', fixes: ['Wait only for "db" to start (`condition: service_started`)'] }],
      output: null,
      unsafeOutput: source`
        services:
          api:
            image: nginx:1.27
            depends_on:
              db:
                condition: service_started
          db:
            image: postgres:16
            healthcheck:
              disable: true
      `,
    },
  ],
});

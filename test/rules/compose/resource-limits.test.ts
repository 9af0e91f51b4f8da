import rule from '../../../engine/src/rules/compose/resource-limits';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      services:
        web:
          image: nginx:1.27
          deploy:
            resources:
              limits:
                cpus: "0.50"
                memory: 256M
    `,
    { name: 'legacy keys', code: source`
      services:
        web:
          image: nginx:1.27
          mem_limit: 256m
          cpus: 0.5
    ` },
    { name: 'inherited through a merge key', code: source`
      x-limits: &limits
        deploy:
          resources:
            limits: {cpus: "1", memory: 1G}
      services:
        web:
          <<: *limits
          image: nginx:1.27
    ` },
    { name: 'no image and no build', code: source`
      services:
        web:
          ports: ["80:80"]
    ` },
  ],
  invalid: [
    {
      name: 'redis gets small limits from the image table',
      code: source`
        services:
          cache:
            image: redis:7-alpine # pinned
      `,
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 8, severity: 'warning', message: 'Service "cache" has no memory or CPU limit: one runaway container can starve the whole host.', fixes: ['Add resource limits (0.50 CPU, 256M)'] }],
      output: source`
        services:
          cache:
            image: redis:7-alpine # pinned
            deploy:
              resources:
                limits:
                  cpus: "0.50"
                  memory: 256M
      `,
    },
    {
      name: 'merges into an existing deploy and limits, keeping comments',
      code: source`
        services:
          db:
            image: postgres:16
            deploy:
              replicas: 1 # one
              resources:
                limits:
                  memory: 1G
                # reservations later
          other:
            image: nginx:1.27
            cpus: "0.25"
            mem_limit: 64m
      `,
      errors: [{ line: 2, column: 3, message: /no CPU limit/, fixes: ['Add resource limits (1.0 CPU)'] }],
      output: source`
        services:
          db:
            image: postgres:16
            deploy:
              replicas: 1 # one
              resources:
                limits:
                  memory: 1G
                  cpus: "1.0"
                # reservations later
          other:
            image: nginx:1.27
            cpus: "0.25"
            mem_limit: 64m
      `,
    },
    {
      name: 'legacy mem_limit gets a legacy cpus; unknown built image gets the default',
      code: source`
        services:
          api:
            build: .
            mem_limit: 512m
      `,
      files: { Dockerfile: 'FROM example/base:1\n' },
      errors: [{ line: 2, column: 3, fixes: ['Add resource limits (1.0 CPU)'] }],
      output: source`
        services:
          api:
            build: .
            mem_limit: 512m
            cpus: "1.0"
      `,
    },
    {
      name: 'deploy with no value',
      code: source`
        services:
            db:
                image: mysql:8.4
                deploy:
      `,
      errors: [{ line: 2, column: 5 }],
      output: source`
        services:
            db:
                image: mysql:8.4
                deploy:
                    resources:
                        limits:
                            cpus: "2.0"
                            memory: 2G
      `,
    },
    {
      name: 'flow deploy map: reported without a fix',
      code: source`
        services:
          web:
            image: nginx:1.27
            deploy: {replicas: 2}
      `,
      errors: [{ line: 2, column: 3, fixes: [] }],
    },
      {
      name: 'an image the knowledge base does not know: the generic size is a guess, the fix is unsafe and says so',
      code: source`
        services:
          olap:
            image: example/columnstore:24
      `,
      errors: [{ line: 2, column: 3, fixes: ['Add resource limits (1.0 CPU, 512M) (verify: "olap" runs within 512M of memory)'] }],
      output: null,
      unsafeOutput: source`
        services:
          olap:
            image: example/columnstore:24
            deploy:
              resources:
                limits:
                  cpus: "1.0"
                  memory: 512M
      `,
    },
    {
      name: 'ClickHouse gets the size the knowledge base gives it, safely',
      code: source`
        services:
          olap:
            image: clickhouse/clickhouse-server:24.8
      `,
      errors: [{ line: 2, column: 3, fixes: ['Add resource limits (2.0 CPUs, 4G)'] }],
      output: source`
        services:
          olap:
            image: clickhouse/clickhouse-server:24.8
            deploy:
              resources:
                limits:
                  cpus: "2.0"
                  memory: 4G
      `,
    },
  ],
});

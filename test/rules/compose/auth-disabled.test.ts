import rule from '../../../engine/src/rules/compose/auth-disabled';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      services:
        db:
          image: postgres:17
          environment:
            POSTGRES_HOST_AUTH_METHOD: scram-sha-256
            POSTGRES_PASSWORD_FILE: /run/secrets/db_password
        es:
          image: elasticsearch:8.15.0
          environment:
            - xpack.security.enabled=true
        grafana:
          image: grafana/grafana:11.2.0
          environment:
            GF_AUTH_ANONYMOUS_ORG_ROLE: Viewer
        cache:
          image: redis:7.4
          command: redis-server --protected-mode no --requirepass "$$REDIS_PASSWORD"
        bitnami:
          image: bitnami/redis:7.4
          environment:
            ALLOW_EMPTY_PASSWORD: "no"
    `,
    { name: 'a variable without a default: unknown', code: source`
      services:
        db:
          image: postgres:17
          environment:
            POSTGRES_HOST_AUTH_METHOD: \${PG_AUTH}
    ` },
  ],
  invalid: [
    {
      name: 'not published: warnings; MYSQL_ALLOW_EMPTY_PASSWORD counts whatever its value (issue 16)',
      code: source`
        services:
          db:
            image: postgres:17
            environment:
              POSTGRES_HOST_AUTH_METHOD: trust
          mysql:
            image: mysql:8.4
            environment:
              - MYSQL_ALLOW_EMPTY_PASSWORD=no
          mariadb:
            image: mariadb:11
            environment:
              MARIADB_ALLOW_EMPTY_ROOT_PASSWORD: \${ALLOW_EMPTY:-1}
          bitnami:
            image: bitnami/redis:7.4
            environment:
              ALLOW_EMPTY_PASSWORD: "yes"
          os:
            image: opensearchproject/opensearch:2.17.0
            environment:
              DISABLE_SECURITY_PLUGIN: "true"
          grafana:
            image: grafana/grafana:11.2.0
            environment:
              GF_AUTH_ANONYMOUS_ENABLED: "true"
              GF_AUTH_ANONYMOUS_ORG_ROLE: Admin
      `,
      errors: [
        { line: 5, column: 7, severity: 'warning', message: '"POSTGRES_HOST_AUTH_METHOD" lets anyone who reaches PostgreSQL log in as any user, without a password.', fixes: [] },
        { line: 9, column: 9, severity: 'warning', message: '"MYSQL_ALLOW_EMPTY_PASSWORD" creates the database\'s root user with an empty password (any value turns it on, even "no").', fixes: [] },
        { line: 13, column: 7, severity: 'warning', fixes: [] },
        { line: 17, column: 7, severity: 'warning', message: '"ALLOW_EMPTY_PASSWORD" starts the Bitnami image without a password.', fixes: [] },
        { line: 21, column: 7, severity: 'warning', fixes: [] },
        { line: 26, column: 7, severity: 'warning', message: '"GF_AUTH_ANONYMOUS_ORG_ROLE" gives every anonymous visitor the Admin role in Grafana.', fixes: [] },
      ],
    },
    {
      name: 'published on every interface: an error; Redis without protected mode nor password',
      code: source`
        services:
          es:
            image: elasticsearch:8.15.0
            environment:
              - xpack.security.enabled=false
            ports:
              - "9200:9200"
          cache:
            image: redis:7.4
            command: ["redis-server", "--protected-mode", "no"]
          local:
            image: postgres:17
            environment:
              POSTGRES_HOST_AUTH_METHOD: trust
            ports:
              - "127.0.0.1:5432:5432"
      `,
      errors: [
        { line: 5, column: 9, severity: 'error', message: '"xpack.security.enabled" turns off Elasticsearch\'s authentication, and its port is published on every interface of the host.', fixes: [] },
        { line: 10, column: 31, severity: 'warning', message: 'Redis runs with `--protected-mode no` and no `--requirepass`: any client that reaches it gets every key and command.', fixes: [] },
        { line: 14, column: 7, severity: 'warning', fixes: [] },
      ],
    },
  ],
});

import rule from '../../../engine/src/rules/compose/exposed-datastore';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      services:
        cache:
          image: redis:7
          ports:
            - "127.0.0.1:6379:6379"
    `,
    { name: 'not a datastore', code: source`
      services:
        web:
          image: nginx:1.27
          ports:
            - "80:80"
    ` },
    { name: 'long syntax on loopback', code: source`
      services:
        db:
          image: postgres:16
          ports:
            - target: 5432
              published: 5432
              host_ip: 127.0.0.1
    ` },
    { name: 'a server named like no datastore of the knowledge base (grafana/loki) is not one', code: source`
      services:
        logs:
          image: grafana/loki:3.4.2
          ports:
            - "3100:3100"
    ` },
  ],
  invalid: [
    {
      name: 'another namespace named like a datastore (appwrite/mariadb), and a tag that is a variable: still datastores',
      code: source`
        services:
          mariadb:
            image: appwrite/mariadb:1.4
            ports:
              - "3306:3306"
          db:
            image: postgres:\${PG_VERSION}
            ports:
              - "5432:5432"
      `,
      errors: [
        { line: 5, column: 9, fixes: ['Publish on 127.0.0.1 only', 'Stop publishing the port (other services still reach it on the network)'] },
        { line: 9, column: 9, fixes: ['Publish on 127.0.0.1 only', 'Stop publishing the port (other services still reach it on the network)'] },
      ],
      output: null,
      unsafeOutput: source`
        services:
          mariadb:
            image: appwrite/mariadb:1.4
            ports:
              - "127.0.0.1:3306:3306"
          db:
            image: postgres:\${PG_VERSION}
            ports:
              - "127.0.0.1:5432:5432"
      `,
    },
    {
      name: 'short syntax, only publication: bind or remove the key',
      code: source`
        services:
          cache:
            image: redis:7-alpine
            ports:
              - "6379:6379" # for local tools
      `,
      errors: [{ line: 5, column: 9, endColumn: 20, severity: 'warning', message: 'Datastore "cache" publishes port 6379 on every interface of the host; bind it to 127.0.0.1 or do not publish it.', fixes: ['Publish on 127.0.0.1 only', 'Stop publishing the port (other services still reach it on the network)'] }],
      output: null,
      unsafeOutput: source`
        services:
          cache:
            image: redis:7-alpine
            ports:
              - "127.0.0.1:6379:6379" # for local tools
      `,
    },
    {
      name: 'number, 0.0.0.0, long syntax, built from a datastore image',
      code: source`
        services:
          db:
            build: ./db
            ports:
              - 5432
              - 0.0.0.0:15432:5432/tcp
              - target: 5432
                published: "25432"
      `,
      files: { 'db/Dockerfile': 'FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n' },
      errors: [{ line: 5, column: 9 }, { line: 6, column: 9 }, { line: 8, column: 20 }],
      output: null,
      unsafeOutput: source`
        services:
          db:
            build: ./db
            ports:
              - "127.0.0.1::5432"
              - 127.0.0.1:15432:5432/tcp
              - target: 5432
                published: "25432"
                host_ip: 127.0.0.1
      `,
    },
  ],
});

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
  ],
  invalid: [
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

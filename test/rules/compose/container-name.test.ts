import rule from '../../../engine/src/rules/compose/container-name';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [source`
    services:
      a:
        image: nginx:1.27
        container_name: a
        deploy:
          replicas: 1
  `, source`
    services:
      a:
        image: nginx:1.27
        deploy:
          replicas: 3
  `, {
    name: 'an override that names the same service\'s container again is one container',
    filename: 'compose.override.yaml',
    files: { 'compose.yaml': 'services:\n  db:\n    image: postgres:16.4\n    container_name: db\n' },
    code: source`
      services:
        db:
          container_name: db
    `,
  }, {
    name: 'interpolated names are only known at run time',
    code: source`
      services:
        a:
          image: nginx:1.27
          container_name: \${NAME}
        b:
          image: nginx:1.27
          container_name: \${NAME}
    `,
  }],
  invalid: [
    {
      code: source`
        services:
          a:
            image: nginx:1.27
            container_name: web
            deploy:
              replicas: 3
          b:
            image: nginx:1.27
            container_name: b
            scale: 2
      `,
      errors: [
        { line: 4, column: 21, endColumn: 24, severity: 'error', message: 'Service "a" has a fixed `container_name` but 3 replicas: only one container can have that name.' },
        { line: 9, column: 21 },
      ],
    },
    {
      name: 'two services of one file with the same container_name',
      code: source`
        services:
          web:
            image: nginx:1.27
            container_name: app
          worker:
            image: example/worker:1.0
            container_name: app
      `,
      errors: [{ line: 7, column: 21, endColumn: 24, severity: 'error', message: 'Container name "app" is already used by service "web": Compose refuses to start the project.' }],
    },
    {
      name: 'a service of the override takes a name the base gives another service',
      filename: 'compose.override.yaml',
      files: { 'compose.yaml': 'services:\n  db:\n    image: postgres:16.4\n    container_name: db\n' },
      code: source`
        services:
          db-admin:
            image: adminer:4.8.1
            container_name: db
      `,
      errors: [{ line: 4, column: 21, endColumn: 23, severity: 'error', message: 'Container name "db" is already used by service "db" of compose.yaml: Compose refuses to start the project.' }],
    },
  ],
});

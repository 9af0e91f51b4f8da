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
  `],
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
  ],
});

import rule from '../../../engine/src/rules/compose/container-name';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['services:\n  a:\n    image: nginx:1.27\n    container_name: a\n    deploy:\n      replicas: 1\n', 'services:\n  a:\n    image: nginx:1.27\n    deploy:\n      replicas: 3\n'],
  invalid: [
    {
      code: 'services:\n  a:\n    image: nginx:1.27\n    container_name: web\n    deploy:\n      replicas: 3\n  b:\n    image: nginx:1.27\n    container_name: b\n    scale: 2\n',
      errors: [
        { line: 4, column: 21, endColumn: 24, severity: 'error', message: 'Service "a" has a fixed `container_name` but 3 replicas: only one container can have that name.' },
        { line: 9, column: 21 },
      ],
    },
  ],
});

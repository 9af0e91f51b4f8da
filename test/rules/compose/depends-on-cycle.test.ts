import rule from '../../../engine/src/rules/compose/depends-on-cycle';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: ['services:\n  a:\n    image: nginx:1.27\n    depends_on: [b, c]\n  b:\n    image: nginx:1.27\n    depends_on: [c]\n  c:\n    image: nginx:1.27\n'],
  invalid: [
    {
      code: source`
        services:
          a:
            image: nginx:1.27
            depends_on:
              b:
                condition: service_healthy
          b:
            image: nginx:1.27
            depends_on: [c]
          c:
            image: nginx:1.27
            depends_on:
              - a
          d:
            image: nginx:1.27
            depends_on: [d]
      `,
      errors: [
        { line: 13, column: 9, endColumn: 10, severity: 'error', message: '`depends_on` cycle: a → b → c → a; Compose cannot find a start order.' },
        { line: 16, column: 18, message: '`depends_on` cycle: d → d; Compose cannot find a start order.' },
      ],
    },
  ],
});

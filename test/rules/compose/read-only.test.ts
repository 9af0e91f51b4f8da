import rule from '../../../engine/src/rules/compose/read-only';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [source`
    services:
      a:
        image: nginx:1.27
        read_only: true
  `],
  invalid: [
    {
      code: source`
        services:
          a:
            image: nginx:1.27
          b:
            image: nginx:1.27
            read_only: false
            tmpfs:
              - /run
      `,
      errors: [
        { line: 2, column: 3, severity: 'info', message: /make it read-only/, fixes: ['Add `read_only: true` with a tmpfs on /tmp'] },
        { line: 4, column: 3 },
      ],
      output: null,
      unsafeOutput: source`
        services:
          a:
            image: nginx:1.27
            read_only: true
            tmpfs:
              - /tmp
          b:
            image: nginx:1.27
            read_only: true
            tmpfs:
              - /run
              - /tmp
      `,
    },
  ],
});

import rule from '../../../engine/src/rules/compose/read-only';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['services:\n  a:\n    image: nginx:1.27\n    read_only: true\n'],
  invalid: [
    {
      code: 'services:\n  a:\n    image: nginx:1.27\n  b:\n    image: nginx:1.27\n    read_only: false\n    tmpfs:\n      - /run\n',
      errors: [
        { line: 2, column: 3, severity: 'info', message: /make it read-only/, fixes: ['Add `read_only: true` with a tmpfs on /tmp'] },
        { line: 4, column: 3 },
      ],
      output: null,
      unsafeOutput: 'services:\n  a:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /tmp\n  b:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /run\n      - /tmp\n',
    },
  ],
});

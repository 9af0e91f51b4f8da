import rule from '../../../engine/src/rules/compose/cap-drop';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['services:\n  a:\n    image: nginx:1.27\n    cap_drop: [ALL]\n'],
  invalid: [
    {
      code: 'services:\n  a:\n    image: nginx:1.27\n  b:\n    image: nginx:1.27\n    cap_drop:\n      - NET_RAW\n',
      errors: [
        { line: 2, column: 3, severity: 'info', message: /drop them all/, fixes: ['Add `cap_drop: [ALL]`'] },
        { line: 4, column: 3 },
      ],
      output: null,
      unsafeOutput: 'services:\n  a:\n    image: nginx:1.27\n    cap_drop:\n      - ALL\n  b:\n    image: nginx:1.27\n    cap_drop:\n      - NET_RAW\n      - ALL\n',
    },
  ],
});

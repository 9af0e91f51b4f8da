import rule from '../../../engine/src/rules/compose/privileged';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['services:\n  a:\n    image: nginx:1.27\n    privileged: false\n', 'services:\n  a:\n    image: nginx:1.27\n'],
  invalid: [
    {
      code: 'services:\n  a:\n    image: nginx:1.27\n    # needs devices\n    privileged: true\n    restart: always\n',
      errors: [{ line: 5, column: 17, endColumn: 21, severity: 'error', message: 'Service "a" runs privileged: it has full access to the host\'s devices and kernel.', fixes: ['Remove `privileged: true`'] }],
      output: null,
      unsafeOutput: 'services:\n  a:\n    image: nginx:1.27\n    # needs devices\n    restart: always\n',
    },
  ],
});

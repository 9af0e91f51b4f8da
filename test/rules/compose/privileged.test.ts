import rule from '../../../engine/src/rules/compose/privileged';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [source`
    services:
      a:
        image: nginx:1.27
        privileged: false
  `, source`
    services:
      a:
        image: nginx:1.27
  `],
  invalid: [
    {
      code: source`
        services:
          a:
            image: nginx:1.27
            # needs devices
            privileged: true
            restart: always
      `,
      errors: [{ line: 5, column: 17, endColumn: 21, severity: 'error', message: 'Service "a" runs privileged: it has full access to the host\'s devices and kernel.', fixes: ['Remove `privileged: true`'] }],
      output: null,
      unsafeOutput: source`
        services:
          a:
            image: nginx:1.27
            # needs devices
            restart: always
      `,
    },
  ],
});

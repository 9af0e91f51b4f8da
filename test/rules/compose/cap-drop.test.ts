import rule from '../../../engine/src/rules/compose/cap-drop';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [source`
    services:
      a:
        image: nginx:1.27
        cap_drop: [ALL]
  `],
  invalid: [
    {
      code: source`
        services:
          a:
            image: nginx:1.27
          b:
            image: nginx:1.27
            cap_drop:
              - NET_RAW
      `,
      errors: [
        { line: 2, column: 3, severity: 'info', message: /drop them all/, fixes: ['Add `cap_drop: [ALL]`'] },
        { line: 4, column: 3 },
      ],
      output: null,
      unsafeOutput: source`
        services:
          a:
            image: nginx:1.27
            cap_drop:
              - ALL
          b:
            image: nginx:1.27
            cap_drop:
              - NET_RAW
              - ALL
      `,
    },
  ],
});

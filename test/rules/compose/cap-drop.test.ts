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
        { line: 2, column: 3, severity: 'info', message: /drop them all/, fixes: ['Add `cap_drop: [ALL]` (verify: "a" needs no capability)'] },
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
      {
      name: 'an image whose entrypoint switches user (postgres, gosu) keeps CHOWN, SETUID and SETGID',
      code: source`
        services:
          db:
            image: postgres:16
      `,
      errors: [{ line: 2, column: 3, fixes: ['Add `cap_drop: [ALL]`, keeping CHOWN, SETUID, SETGID for the postgres entrypoint (gosu) (verify: "db" needs no capability besides CHOWN, SETUID, SETGID)'] }],
      output: null,
      unsafeOutput: source`
        services:
          db:
            image: postgres:16
            cap_drop:
              - ALL
            cap_add:
              - CHOWN
              - SETUID
              - SETGID
      `,
    },
  ],
});

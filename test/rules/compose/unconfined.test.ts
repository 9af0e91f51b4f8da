import rule from '../../../engine/src/rules/compose/unconfined';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [source`
    services:
      a:
        image: nginx:1.27
        cap_add: [NET_ADMIN]
        security_opt: ["no-new-privileges:true", "seccomp=./profile.json"]
  `],
  invalid: [
    {
      code: source`
        services:
          a:
            image: nginx:1.27
            security_opt:
              - seccomp:unconfined
              - apparmor=unconfined
            cap_add: [ALL, CAP_SYS_ADMIN]
      `,
      errors: [
        { line: 5, column: 9, endColumn: 27, severity: 'error', message: /without its seccomp profile/ },
        { line: 6, column: 9, message: /without its AppArmor profile/ },
        { line: 7, column: 15, endColumn: 18, message: 'Service "a" is granted every capability (`cap_add: ALL`); add only the ones it needs.' },
        { line: 7, column: 20, message: /SYS_ADMIN/ },
      ],
    },
  ],
});

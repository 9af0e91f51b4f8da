import rule from '../../../engine/src/rules/compose/unconfined';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['services:\n  a:\n    image: nginx:1.27\n    cap_add: [NET_ADMIN]\n    security_opt: ["no-new-privileges:true", "seccomp=./profile.json"]\n'],
  invalid: [
    {
      code: 'services:\n  a:\n    image: nginx:1.27\n    security_opt:\n      - seccomp:unconfined\n      - apparmor=unconfined\n    cap_add: [ALL, CAP_SYS_ADMIN]\n',
      errors: [
        { line: 5, column: 9, endColumn: 27, severity: 'error', message: /without its seccomp profile/ },
        { line: 6, column: 9, message: /without its AppArmor profile/ },
        { line: 7, column: 15, endColumn: 18, message: 'Service "a" is granted every capability (`cap_add: ALL`); add only the ones it needs.' },
        { line: 7, column: 20, message: /SYS_ADMIN/ },
      ],
    },
  ],
});

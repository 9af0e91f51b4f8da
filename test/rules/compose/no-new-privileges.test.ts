import rule from '../../../engine/src/rules/compose/no-new-privileges';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['services:\n  a:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:true"]\n', 'services:\n  a:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges\n'],
  invalid: [
    {
      code: 'services:\n  a:\n    image: nginx:1.27\n  b:\n    image: nginx:1.27\n    security_opt:\n      - label:disable # selinux\n  c:\n    image: nginx:1.27\n    security_opt: [apparmor=docker-default]\n',
      errors: [
        { line: 2, column: 3, severity: 'info', message: 'Service "a" lets its processes gain privileges through setuid binaries; add `no-new-privileges:true`.', fixes: ['Add `security_opt: [no-new-privileges:true]`'] },
        { line: 4, column: 3 },
        { line: 8, column: 3 },
      ],
      output: 'services:\n  a:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n  b:\n    image: nginx:1.27\n    security_opt:\n      - label:disable # selinux\n      - no-new-privileges:true\n  c:\n    image: nginx:1.27\n    security_opt: [apparmor=docker-default, no-new-privileges:true]\n',
    },
  ],
});

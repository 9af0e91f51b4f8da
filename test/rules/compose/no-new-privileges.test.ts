import rule from '../../../engine/src/rules/compose/no-new-privileges';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [source`
    services:
      a:
        image: nginx:1.27
        security_opt: ["no-new-privileges:true"]
  `, source`
    services:
      a:
        image: nginx:1.27
        security_opt:
          - no-new-privileges
  `],
  invalid: [
    {
      code: source`
        services:
          a:
            image: nginx:1.27
          b:
            image: nginx:1.27
            security_opt:
              - label:disable # selinux
          c:
            image: nginx:1.27
            security_opt: [apparmor=docker-default]
      `,
      errors: [
        { line: 2, column: 3, severity: 'info', message: 'Service "a" lets its processes gain privileges through setuid binaries; add `no-new-privileges:true`.', fixes: ['Add `security_opt: [no-new-privileges:true]`'] },
        { line: 4, column: 3 },
        { line: 8, column: 3 },
      ],
      output: source`
        services:
          a:
            image: nginx:1.27
            security_opt:
              - no-new-privileges:true
          b:
            image: nginx:1.27
            security_opt:
              - label:disable # selinux
              - no-new-privileges:true
          c:
            image: nginx:1.27
            security_opt: [apparmor=docker-default, no-new-privileges:true]
      `,
    },
  ],
});

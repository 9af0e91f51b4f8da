import rule from '../../../engine/src/rules/dockerfile/default-shell';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nSHELL ["/bin/bash", "-c"]\nRUN ln -sf /bin/true /sbin/initctl\n',
    'FROM debian:12-slim\nRUN ln -s foo bar && echo /bin/sh\n',
    'FROM debian:12-slim\nRUN ln -s /bin/sh /usr/local/bin/sh-compat\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN ln -sfv /bin/bash /bin/sh\n',
      errors: [{ line: 2, column: 5, endColumn: 30, message: '`ln` replaces `/bin/sh` for every script in the image: use `SHELL` to change the shell of the `RUN` steps.' }],
    },
    {
      name: '/usr/bin/sh, ONBUILD RUN',
      code: 'FROM debian:12-slim\nONBUILD RUN ln -sf bash /usr/bin/sh\n',
      errors: [{ line: 2, column: 13, endColumn: 36 }],
    },
  ],
});

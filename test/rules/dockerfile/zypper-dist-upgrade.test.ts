import rule from '../../../engine/src/rules/dockerfile/zypper-dist-upgrade';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['FROM opensuse/leap:15.6\nRUN zypper -n patch && zypper -n update && zypper clean\n'],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper dist-upgrade\nONBUILD RUN zypper -n dup\n',
      errors: [{ line: 2, column: 5, endColumn: 24, message: '`zypper dist-upgrade` makes the image depend on the day of the build: use a newer base image instead.' }, { line: 3, column: 13, endColumn: 26 }],
    },
  ],
});

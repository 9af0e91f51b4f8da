import rule from '../../../engine/src/rules/dockerfile/numeric-user';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['FROM debian:12\nUSER 12345\n', 'FROM debian:12\nUSER 1234:5678\n', 'FROM debian:12\nUSER ${APP_UID}\n'],
  invalid: [
    {
      code: 'FROM debian:12\nUSER foobar\nUSER app:1000\n',
      errors: [{ line: 2, column: 6, endColumn: 12, message: "`USER foobar` is a name: a numeric UID (and GID) can be checked without reading the image's /etc/passwd." }, { line: 3, column: 6, endColumn: 14 }],
    },
  ],
});

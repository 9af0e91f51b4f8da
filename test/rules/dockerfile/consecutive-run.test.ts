import rule from '../../../engine/src/rules/dockerfile/consecutive-run';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN /foo.sh\nWORKDIR /\nRUN /bar.sh\n',
    { name: 'different mounts', code: 'FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh\n' },
    { name: 'a RUN that already chains commands was split on purpose', code: 'FROM debian:12\nRUN foo && bar\nRUN foobar\n' },
    { name: 'stages apart', code: 'FROM debian:12 AS a\nRUN foo\nFROM debian:12\nRUN bar\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN /foo.sh\n# a comment\nRUN /bar.sh\n',
      errors: [{ line: 4, column: 1, endColumn: 12, message: 'This `RUN` follows another one: chain them with `&&` into one layer.' }],
    },
  ],
});

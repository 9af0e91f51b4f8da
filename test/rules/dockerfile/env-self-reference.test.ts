import rule from '../../../engine/src/rules/dockerfile/env-self-reference';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nENV BLA="blubb"\nENV BLUBB="${BLA}/blubb"\n',
    'FROM debian:12\nENV BLA="blubb" BLUBB="${BLAFOO}/blubb" OTHER="$FOOBLA/x" TEXT="BLA/x"\n',
    'FROM debian:12\nARG BLA\nENV BLA=${BLA} PATH=/bla:${PATH}\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nENV BASE=/opt/app DATA=$BASE/data PATH=/bla:${PATH} PATH=/blubb:${PATH}\n',
      errors: [
        { line: 2, column: 24, endColumn: 34, message: '`$BASE` here is its value from before this `ENV`, not the one set just before in the same instruction: set `BASE` in an `ENV` of its own first.' },
        { line: 2, column: 58, endColumn: 72 },
      ],
    },
  ],
});

import rule from '../../../engine/src/rules/dockerfile/stage-name-reserved';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['FROM foo:bar AS foobar\nFROM scratch\n'],
  invalid: [
    {
      code: 'FROM foo:bar AS scratch\nFROM foo:bar as Context\n',
      errors: [
        { line: 1, column: 17, endColumn: 24, message: '`scratch` is a reserved name and cannot name a stage.' },
        { line: 2, column: 17, endColumn: 24 },
      ],
    },
  ],
});

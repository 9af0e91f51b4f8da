import rule from '../../../engine/src/rules/dockerfile/interactive-command';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['FROM debian:12\nRUN apt-get install -y ssh vim\n'],
  invalid: [
    {
      code: 'FROM debian:12\nRUN top\nRUN service nginx start\n',
      errors: [
        { line: 2, column: 5, endColumn: 8, message: "`top` in a build step does nothing useful: it runs once, without a terminal or the container's processes." },
        { line: 3, column: 5, endColumn: 24 },
      ],
    },
  ],
});

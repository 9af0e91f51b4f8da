import rule from '../../../engine/src/rules/dockerfile/curl-and-wget';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['FROM debian:12\nRUN curl -fsSLO a\nRUN curl -fsSLO b\n', { name: 'stages apart', code: 'FROM debian:12 AS a\nRUN wget a\nFROM debian:12\nRUN curl b\n' }],
  invalid: [
    {
      code: 'FROM node:22 AS foo\nRUN wget my.xyz\nRUN curl my.xyz\nRUN curl foo.com\n',
      errors: [{ line: 2, column: 5, endColumn: 16, message: 'This stage downloads with `curl` too: use one tool.' }],
    },
  ],
});

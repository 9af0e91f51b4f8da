import rule from '../../../engine/src/rules/dockerfile/no-sudo';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['FROM debian:12-slim\nRUN apt-get update\n', 'FROM debian:12-slim\nRUN apt-get install -y sudo\n', 'FROM debian:12-slim\nRUN echo sudo\n'],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN apt-get update && sudo -E apt-get install -y curl\n',
      errors: [{ line: 2, column: 23, endColumn: 27 }],
    },
  ],
});

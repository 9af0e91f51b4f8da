import rule from '../../../engine/src/rules/dockerfile/apt-not-apt-get';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['FROM debian:12\nRUN apt-get update && apt-get install -y python3\n', 'FROM debian:12\nRUN apt list --installed && apt-cache policy curl\n'],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt update && apt install -y python3\n',
      errors: [{ line: 2, column: 5, endColumn: 15, fixes: ['Use apt-get'], message: '`apt` is meant for people at a terminal: use `apt-get` in a Dockerfile.' }, { line: 2, column: 19, endColumn: 30 }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y python3\n',
    },
    {
      name: 'a path is not renamed',
      code: 'FROM debian:12\nRUN /usr/bin/apt install -y python3\n',
      errors: [{ line: 2, column: 5, endColumn: 25, fixes: [] }],
    },
  ],
});

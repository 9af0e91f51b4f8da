import rule from '../../../engine/src/rules/dockerfile/apt-update-alone';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n',
    'FROM debian:12-slim\nRUN apt-get update -qq && apt-get install -y curl\n',
  ],
  invalid: [
    {
      name: 'merged into the next install RUN across COPY and ENV',
      code: 'FROM debian:12-slim\n# refresh\nRUN apt-get update\nENV LANG=C.UTF-8\nRUN apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 3, column: 5, endColumn: 19, fixes: ['Merge apt-get update into the next install'] }],
      output: 'FROM debian:12-slim\n# refresh\nENV LANG=C.UTF-8\nRUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'no install after it: reported without a fix',
      code: 'FROM debian:12-slim\nRUN apt-get update\nCMD ["bash"]\n',
      errors: [{ line: 2, column: 5, fixes: [] }],
    },
    {
      name: 'with other commands in the same RUN: no fix',
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get upgrade -y\nRUN apt-get install -y curl\n',
      errors: [{ line: 2, column: 5, fixes: [] }],
    },
  ],
});

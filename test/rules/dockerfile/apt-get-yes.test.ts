import rule from '../../../engine/src/rules/dockerfile/apt-get-yes';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get install -y curl\n',
    'FROM debian:12-slim\nRUN apt-get install --yes curl\n',
    'FROM debian:12-slim\nRUN apt-get -qq install curl\n',
    'FROM debian:12-slim\nRUN apt-get install -qy curl\n',
    'FROM debian:12-slim\nRUN apt-get install --assume-yes curl\n',
    { name: 'simulation (postgres image)', code: 'FROM debian:12-slim\nRUN if apt-get install -s "postgresql-18-jit" > /dev/null 2>&1; then echo ok; fi\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install --no-install-recommends curl\n',
      errors: [{ line: 2, column: 23, endColumn: 38, fixes: ['Add -y'] }],
      output: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    },
    {
      name: 'in a heredoc',
      code: source`
        FROM debian:12-slim
        RUN <<EOF
        apt-get update
        apt-get install curl
        EOF
      `,
      errors: [{ line: 4, column: 1, endColumn: 16 }],
      output: source`
        FROM debian:12-slim
        RUN <<EOF
        apt-get update
        apt-get install -y curl
        EOF
      `,
    },
  ],
});

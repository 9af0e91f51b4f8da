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
    ...['-q -q', '--quiet --quiet', '-q --quiet', '-q=2', '--quiet=3', '-qq -y'].map((flags) => ({
      name: `quiet level 2 implies -y: ${flags}`,
      code: `FROM debian:12-slim\nRUN apt-get install ${flags} curl\n`,
    })),
    { name: 'ONBUILD RUN with -y', code: 'FROM debian:12-slim\nONBUILD RUN apt-get install -y curl\n' },
    { name: 'simulation (postgres image)', code: 'FROM debian:12-slim\nRUN if apt-get install -s "postgresql-18-jit" > /dev/null 2>&1; then echo ok; fi\n' },
  ],
  invalid: [
    ...['-q', '--quiet', '-q=1'].map((flags) => ({
      name: `quiet level 1 does not imply -y: ${flags}`,
      code: `FROM debian:12-slim\nRUN apt-get install ${flags} curl\n`,
      errors: [{ line: 2, column: 5, endColumn: 20 }],
      output: `FROM debian:12-slim\nRUN apt-get install -y ${flags} curl\n`,
    })),
    {
      name: 'ONBUILD RUN is checked and fixed like RUN',
      code: 'FROM debian:12-slim\nONBUILD RUN apt-get install curl\n',
      errors: [{ line: 2, column: 13, endColumn: 28, fixes: ['Add -y'] }],
      output: 'FROM debian:12-slim\nONBUILD RUN apt-get install -y curl\n',
    },
    {
      name: 'a snippet without FROM still gets the check',
      code: 'RUN apt-get install python\n',
      errors: [{ line: 1, column: 5, endColumn: 20 }],
      output: 'RUN apt-get install -y python\n',
    },
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

import rule from '../../../engine/src/rules/dockerfile/useradd-high-uid';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nRUN useradd app\n',
    'FROM debian:12-slim\nRUN useradd -u 12345 app\n',
    'FROM debian:12-slim\nRUN useradd -l -u 123456 app && useradd --no-log-init --uid=200000 other\n',
    'FROM debian:12-slim\nRUN useradd -rl -u 123456 app\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN groupadd -g 123456 app && useradd -u 123456 -g app app\n',
      errors: [{ line: 2, column: 31, endColumn: 59, fixes: ['Add -l'], message: '`useradd` with UID 123456 and without `-l` writes a large /var/log/lastlog into the layer: add `-l` (`--no-log-init`).' }],
      output: 'FROM debian:12-slim\nRUN groupadd -g 123456 app && useradd -l -u 123456 -g app app\n',
    },
    {
      name: '--uid=, ONBUILD RUN, a snippet without FROM',
      code: 'ONBUILD RUN useradd --uid=1000000 app\nRUN useradd -u1000000 app\n',
      errors: [{ line: 1, column: 13, endColumn: 38 }, { line: 2, column: 5, endColumn: 26 }],
      output: 'ONBUILD RUN useradd -l --uid=1000000 app\nRUN useradd -l -u1000000 app\n',
    },
  ],
});

import rule from '../../../engine/src/rules/dockerfile/wget-progress';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    ...['--progress=dot:giga', '-q', '--quiet', '-nv', '--no-verbose', '--output-file=/tmp/wget.log', '-o /tmp/wget.log', '--append-output=/tmp/w.log', '-a /tmp/w.log', '-qO-'].map((flag) => ({
      name: `quiet or redirected: ${flag}`,
      code: `FROM debian:12\nRUN wget ${flag} https://example.com/a.tgz\n`,
    })),
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN wget https://example.com/a.tgz\n',
      errors: [{ line: 2, column: 5, endColumn: 35, fixes: ['Add --progress=dot:giga'], message: '`wget` without `--progress` fills the build log with progress dots.' }],
      output: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/a.tgz\n',
    },
  ],
});

import rule from '../../../engine/src/rules/dockerfile/curl-pipe-shell';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nRUN curl -fsSL https://e.x/t.tgz | tar -xz\n',
    'FROM debian:12-slim\nRUN curl -fsSLo /tmp/i.sh https://e.x/i.sh && sh /tmp/i.sh\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN curl -fsSL https://e.x/install.sh | bash -s -- --yes\n',
      errors: [{ line: 2, column: 5, endColumn: 57, message: 'A download piped into `bash` runs unverified code: download to a file, verify its checksum, then run it.' }],
    },
    {
      name: 'wget through sudo sh, across a continuation',
      code: source`
        FROM debian:12-slim
        RUN wget -qO- https://e.x/i.sh \
            | sudo sh
      `,
      errors: [{ line: 2, column: 5, endLine: 3, endColumn: 14 }],
    },
  ],
});

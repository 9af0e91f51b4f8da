import rule from '../../../engine/src/rules/dockerfile/copy-not-add';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nCOPY app/ /app/\n',
    'FROM debian:12-slim\nADD rootfs.tar.gz /\n',
    'FROM debian:12-slim\nADD https://example.com/tool.tgz /opt/\n',
    'FROM debian:12-slim\nADD git@github.com:org/repo.git /src\n',
    'FROM debian:12-slim\nADD ${ARCHIVE} /opt/\n',
    { name: 'quoted archive and URL sources are unquoted', code: 'FROM debian:12-slim\nADD "file.tgz" /x/\nADD \'https://example.com/tool.tgz\' /opt/\n' },
  ],
  invalid: [
    {
      name: 'a quoted zip is not unpacked by ADD; a snippet without FROM is checked',
      code: 'ADD "file.zip" /usr/src/app/\n',
      errors: [{ line: 1, column: 1, endColumn: 29, fixes: ['Replace ADD with COPY'] }],
      output: 'COPY "file.zip" /usr/src/app/\n',
    },
    {
      code: source`
        FROM debian:12-slim
        # the app
        ADD --chown=app:app src/ config.yaml /app/
      `,
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 43, fixes: ['Replace ADD with COPY'] }],
      output: source`
        FROM debian:12-slim
        # the app
        COPY --chown=app:app src/ config.yaml /app/
      `,
    },
    {
      name: 'lower-case keyword and JSON form',
      code: 'FROM debian:12-slim\nadd ["a b.txt", "/app/"]\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM debian:12-slim\ncopy ["a b.txt", "/app/"]\n',
    },
    {
      name: 'ADD-only flag: reported without a fix',
      code: 'FROM debian:12-slim\nADD --checksum=sha256:abc file.txt /app/\n',
      errors: [{ line: 2, column: 1, fixes: [] }],
    },
  ],
});

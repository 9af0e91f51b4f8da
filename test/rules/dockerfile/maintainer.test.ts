import rule from '../../../engine/src/rules/dockerfile/maintainer';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['FROM alpine:3.22\nLABEL org.opencontainers.image.authors="Jane"\n'],
  invalid: [
    {
      code: 'FROM alpine:3.22\n# who\nMAINTAINER Jane Doe <jane@example.com>\nRUN true\n',
      errors: [{ line: 3, column: 1, endColumn: 39, severity: 'info', fixes: ['Replace with LABEL org.opencontainers.image.authors'] }],
      output: 'FROM alpine:3.22\n# who\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\nRUN true\n',
    },
    {
      name: 'quoted value, DL4000 on another line does not hide it',
      code: 'FROM alpine:3.22\n# hadolint ignore=DL4000\nRUN true\nmaintainer "ops team"\n',
      errors: [{ line: 4, column: 1 }],
      output: 'FROM alpine:3.22\n# hadolint ignore=DL4000\nRUN true\nlabel org.opencontainers.image.authors="ops team"\n',
    },
  ],
});

import rule from '../../../engine/src/rules/dockerfile/maintainer';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: ['FROM alpine:3.22\nLABEL org.opencontainers.image.authors="Jane"\n'],
  invalid: [
    {
      code: source`
        FROM alpine:3.22
        # who
        MAINTAINER Jane Doe <jane@example.com>
        RUN true
      `,
      errors: [{ line: 3, column: 1, endColumn: 39, severity: 'info', fixes: ['Replace with LABEL org.opencontainers.image.authors'] }],
      output: source`
        FROM alpine:3.22
        # who
        LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
        RUN true
      `,
    },
    {
      name: 'quoted value, DL4000 on another line does not hide it',
      code: source`
        FROM alpine:3.22
        # hadolint ignore=DL4000
        RUN true
        maintainer "ops team"
      `,
      errors: [{ line: 4, column: 1 }],
      output: source`
        FROM alpine:3.22
        # hadolint ignore=DL4000
        RUN true
        label org.opencontainers.image.authors="ops team"
      `,
    },
  ],
});

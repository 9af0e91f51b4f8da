import rule from '../../../engine/src/rules/dockerfile/label-key';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://example.com/repo"\n',
    'FROM alpine:3.20\nLABEL maintainer=me version=1.0 com.example/team_a=x\n',
    'FROM alpine:3.20\nLABEL "description"="quoted keys are read unquoted"\n',
  ],
  invalid: [
    {
      code: source`
        FROM alpine:3.20
        LABEL Maintainer=me
        LABEL com.docker.version=1 org.x..y=2 a--b=3
        LABEL my.label.=x "has space"=y 9lives=z
      `,
      errors: [
        { line: 2, column: 7, endColumn: 17, message: 'The label key `Maintainer` must start with a lower-case letter.' },
        { line: 3, column: 7, message: 'The label key `com.docker.version` uses a namespace Docker reserves for itself.' },
        { line: 3, column: 28, message: 'The label key `org.x..y` has two separators in a row.' },
        { line: 3, column: 39, message: 'The label key `a--b` has two separators in a row.' },
        { line: 4, column: 7, message: 'The label key `my.label.` must end with a lower-case letter or a digit.' },
        { line: 4, column: 19, message: 'The label key `has space` may only contain lower-case letters, digits, `.`, `-`, `_` and `/`.' },
        { line: 4, column: 33, message: 'The label key `9lives` must start with a lower-case letter.' },
      ],
    },
    {
      name: '# hadolint ignore=DL3048',
      code: 'FROM alpine:3.20\n# hadolint ignore=DL3048\nLABEL Maintainer=me\nLABEL Vendor=x\n',
      errors: [{ line: 4, column: 7 }],
    },
  ],
});

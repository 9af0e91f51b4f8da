import rule from '../../../engine/src/rules/dockerfile/apk-no-cache';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.22\nRUN apk add --no-cache curl\n',
    'FROM alpine:3.22\nRUN apk --no-cache add curl\n',
    'FROM alpine:3.22\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n',
    'FROM alpine:3.22\nRUN apk update\n',
  ],
  invalid: [
    {
      code: source`
        FROM node:22-alpine
        RUN apk add --virtual .build-deps python3 make \
         && npm ci && apk del .build-deps
      `,
      errors: [{ line: 2, column: 5, endColumn: 12, fixes: ['Add --no-cache'] }],
      output: source`
        FROM node:22-alpine
        RUN apk add --no-cache --virtual .build-deps python3 make \
         && npm ci && apk del .build-deps
      `,
    },
    {
      name: 'suppressed by the DL3019 alias only for its line',
      code: source`
        FROM alpine:3.22
        # hadolint ignore=DL3019
        RUN apk add curl
        RUN apk -U add git
      `,
      errors: [{ line: 4, column: 5, endColumn: 15 }],
      output: source`
        FROM alpine:3.22
        # hadolint ignore=DL3019
        RUN apk add curl
        RUN apk -U add --no-cache git
      `,
    },
  ],
});

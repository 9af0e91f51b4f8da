import rule from '../../../engine/src/rules/dockerfile/apk-no-cache';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.22\nRUN apk add --no-cache curl\n',
    'FROM alpine:3.22\nRUN apk --no-cache add curl\n',
    'FROM alpine:3.22\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n',
    'FROM alpine:3.22\nRUN apk update\n',
  ],
  invalid: [
    {
      code: 'FROM node:22-alpine\nRUN apk add --virtual .build-deps python3 make \\\n && npm ci && apk del .build-deps\n',
      errors: [{ line: 2, column: 5, endColumn: 12, fixes: ['Add --no-cache'] }],
      output: 'FROM node:22-alpine\nRUN apk add --no-cache --virtual .build-deps python3 make \\\n && npm ci && apk del .build-deps\n',
    },
    {
      name: 'suppressed by the DL3019 alias only for its line',
      code: 'FROM alpine:3.22\n# hadolint ignore=DL3019\nRUN apk add curl\nRUN apk -U add git\n',
      errors: [{ line: 4, column: 5, endColumn: 15 }],
      output: 'FROM alpine:3.22\n# hadolint ignore=DL3019\nRUN apk add curl\nRUN apk -U add --no-cache git\n',
    },
  ],
});

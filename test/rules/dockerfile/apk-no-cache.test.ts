import rule from '../../../engine/src/rules/dockerfile/apk-no-cache';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.22\nRUN apk add --no-cache curl\n',
    'FROM alpine:3.22\nRUN apk --no-cache add curl\n',
    'FROM alpine:3.22\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n',
    'FROM alpine:3.22\nRUN apk update\n',
    { name: 'a tmpfs mount on the cache folder keeps the index out of the layer', code: 'FROM alpine:3.22\nRUN --mount=type=tmpfs,target=/var/cache/apk apk add curl\n' },
    { name: 'ONBUILD RUN with --no-cache', code: 'FROM alpine:3.22\nONBUILD RUN apk add --no-cache curl\n' },
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
    {
      name: 'DL3018 is pinning (another rule): its ignore comment does not silence this one',
      code: source`
        FROM alpine:3.22
        # hadolint ignore=DL3018
        RUN apk add curl
      `,
      errors: [{ line: 3, column: 5, endColumn: 12 }],
      output: source`
        FROM alpine:3.22
        # hadolint ignore=DL3018
        RUN apk add --no-cache curl
      `,
    },
    {
      name: 'a cache mount on another folder does not keep the index out',
      code: 'FROM alpine:3.22\nRUN --mount=type=tmpfs,target=/var/cache/foo apk add -U curl\n',
      errors: [{ line: 2, column: 46, endColumn: 53 }],
      output: 'FROM alpine:3.22\nRUN --mount=type=tmpfs,target=/var/cache/foo apk add --no-cache -U curl\n',
    },
    {
      name: 'ONBUILD RUN is checked and fixed like RUN',
      code: 'FROM alpine:3.22\nONBUILD RUN apk add curl\n',
      errors: [{ line: 2, column: 13, endColumn: 20, fixes: ['Add --no-cache'] }],
      output: 'FROM alpine:3.22\nONBUILD RUN apk add --no-cache curl\n',
    },
    {
      name: 'a snippet without FROM still gets the check',
      code: 'RUN apk add curl\n',
      errors: [{ line: 1, column: 5, endColumn: 12 }],
      output: 'RUN apk add --no-cache curl\n',
    },
  ],
});

import rule from '../../../engine/src/rules/dockerfile/multiple-cmd';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      FROM node:22-alpine
      ENTRYPOINT ["tini", "--"]
      CMD ["node", "server.js"]
    `,
    { name: 'one CMD per stage', code: source`
      FROM node:22-alpine AS test
      CMD ["npm", "test"]
      FROM node:22-alpine
      CMD ["node", "server.js"]
    ` },
  ],
  invalid: [
    {
      code: source`
        FROM node:22-alpine
        CMD ["node", "worker.js"]
        HEALTHCHECK CMD true
        HEALTHCHECK NONE
        CMD ["node", "server.js"]
      `,
      errors: [
        { line: 2, column: 1, endColumn: 26, code: 'DL4003', message: 'Only the last `CMD` of a stage takes effect: this one is overridden by line 5.' },
        { line: 3, column: 1, endColumn: 21, code: 'DL3012' },
      ],
    },
    {
      name: 'each problem names its hadolint code: ignoring DL4004 leaves the CMD problem',
      code: source`
        FROM node:22-alpine
        # hadolint ignore=DL4004
        ENTRYPOINT ["a"]
        # hadolint ignore=DL4004
        CMD ["a"]
        ENTRYPOINT ["b"]
        CMD ["b"]
      `,
      errors: [{ line: 5, column: 1, endColumn: 10, code: 'DL4003' }],
    },
  ],
});

import rule from '../../../engine/src/rules/dockerfile/multiple-cmd';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:22-alpine\nENTRYPOINT ["tini", "--"]\nCMD ["node", "server.js"]\n',
    { name: 'one CMD per stage', code: 'FROM node:22-alpine AS test\nCMD ["npm", "test"]\nFROM node:22-alpine\nCMD ["node", "server.js"]\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22-alpine\nCMD ["node", "worker.js"]\nHEALTHCHECK CMD true\nHEALTHCHECK NONE\nCMD ["node", "server.js"]\n',
      errors: [
        { line: 2, column: 1, endColumn: 26, message: 'Only the last `CMD` of a stage takes effect: this one is overridden by line 5.' },
        { line: 3, column: 1, endColumn: 21 },
      ],
    },
  ],
});

import rule from '../../../engine/src/rules/dockerfile/syntax';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:22-alpine\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
    { name: 'style warnings of the validator are left to the other rules', code: 'FROM node:22\nCMD a\nCMD b\nMAINTAINER x\nworkdir a\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22-alpine\nEXPOSE port\nFOO bar\nCOPY\n',
      errors: [
        { line: 2, column: 8, endColumn: 12, message: 'Invalid containerPort: port', severity: 'error' },
        { line: 3, column: 1, message: 'Unknown instruction: FOO' },
        { line: 4, column: 1, message: 'COPY requires at least two arguments' },
      ],
    },
  ],
});

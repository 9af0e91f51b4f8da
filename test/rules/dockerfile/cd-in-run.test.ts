import rule from '../../../engine/src/rules/dockerfile/cd-in-run';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['FROM node:22-alpine\nWORKDIR /app\nRUN npm ci\n', 'FROM node:22-alpine\nRUN echo cd /app\n'],
  invalid: [
    {
      code: 'FROM node:22-alpine\nRUN cd /app && npm ci\n',
      errors: [{ line: 2, column: 5, endColumn: 12, severity: 'info' }],
    },
  ],
});

import rule from '../../../engine/src/rules/dockerfile/cd-in-run';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [source`
    FROM node:22-alpine
    WORKDIR /app
    RUN npm ci
  `, 'FROM node:22-alpine\nRUN echo cd /app\n'],
  invalid: [
    {
      code: 'FROM node:22-alpine\nRUN cd /app && npm ci\n',
      errors: [{ line: 2, column: 5, endColumn: 12, severity: 'info' }],
    },
  ],
});

import rule from '../../../engine/src/rules/dockerfile/casing';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM node:22-alpine AS build\nRUN npm ci\n',
    'from node:22-alpine as build\nrun npm ci\n',
  ],
  invalid: [
    {
      name: 'FROM ... as',
      code: 'FROM python:3.9.23-slim as builder\nRUN pip install poetry\n',
      errors: [{ line: 1, column: 25, endColumn: 27, message: '`as` and `FROM` are in different cases: write `AS`.', fixes: ['Write AS'] }],
      output: 'FROM python:3.9.23-slim AS builder\nRUN pip install poetry\n',
    },
    {
      name: 'minority casing follows the majority; AS follows what FROM becomes',
      code: source`
        From node:22 as build
        RUN npm ci
        run npm test
        COPY . .
      `,
      errors: [
        { line: 1, column: 1, endColumn: 5, message: '`From` should be in the case most instructions of this file use: `FROM`.' },
        { line: 1, column: 14, endColumn: 16 },
        { line: 3, column: 1, endColumn: 4 },
      ],
      output: source`
        FROM node:22 AS build
        RUN npm ci
        RUN npm test
        COPY . .
      `,
    },
  ],
});

import rule from '../../../engine/src/rules/dockerfile/npm-omit-dev-before-build';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:22-alpine AS build\nRUN npm ci\nRUN npm run build\n',
    { name: 'omit=dev in the runtime stage only', code: 'FROM node:22-alpine AS build\nRUN npm ci && npm run build\nFROM node:22-alpine\nRUN npm ci --omit=dev\nCMD ["node", "dist/server.js"]\n' },
    { name: 'build before the production install', code: 'FROM node:22-alpine\nRUN npm ci && npm run build && npm prune --omit=dev\n' },
    'FROM node:22-alpine\nRUN npm ci --omit=dev\nRUN npm run start\n',
  ],
  invalid: [
    {
      name: 'the frontend: npm ci --only=production, then npm run build',
      code: 'FROM node:18-alpine AS builder\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --only=production\nCOPY . .\nRUN npm run build\nFROM node:18-alpine\n',
      errors: [{ line: 4, column: 12, endColumn: 29, severity: 'error', message: '`--only=production` leaves out the dev dependencies, but `npm run build` runs later in this stage and needs them.', fixes: ['Remove --only=production'] }],
      output: 'FROM node:18-alpine AS builder\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nFROM node:18-alpine\n',
    },
    {
      name: 'separate value word and --production in one RUN',
      code: 'FROM node:22\nRUN npm install --omit dev --no-audit && npm i --production && npm run build:prod\n',
      errors: [{ line: 2, column: 17, endColumn: 27 }, { line: 2, column: 48, endColumn: 60 }],
      output: 'FROM node:22\nRUN npm install --no-audit && npm i && npm run build:prod\n',
    },
  ],
});

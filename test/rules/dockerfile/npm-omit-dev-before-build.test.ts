import rule from '../../../engine/src/rules/dockerfile/npm-omit-dev-before-build';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      FROM node:22-alpine AS build
      RUN npm ci
      RUN npm run build
    `,
    { name: 'omit=dev in the runtime stage only', code: source`
      FROM node:22-alpine AS build
      RUN npm ci && npm run build
      FROM node:22-alpine
      RUN npm ci --omit=dev
      CMD ["node", "dist/server.js"]
    ` },
    { name: 'build before the production install', code: 'FROM node:22-alpine\nRUN npm ci && npm run build && npm prune --omit=dev\n' },
    source`
      FROM node:22-alpine
      RUN npm ci --omit=dev
      RUN npm run start
    `,
  ],
  invalid: [
    {
      name: 'the frontend: npm ci --only=production, then npm run build',
      code: source`
        FROM node:18-alpine AS builder
        WORKDIR /app
        COPY package*.json ./
        RUN npm ci --only=production
        COPY . .
        RUN npm run build
        FROM node:18-alpine
      `,
      errors: [{ line: 4, column: 12, endColumn: 29, severity: 'error', message: '`--only=production` leaves out the dev dependencies, but `npm run build` runs later in this stage and needs them.', fixes: ['Remove --only=production'] }],
      output: source`
        FROM node:18-alpine AS builder
        WORKDIR /app
        COPY package*.json ./
        RUN npm ci
        COPY . .
        RUN npm run build
        FROM node:18-alpine
      `,
    },
    {
      name: 'separate value word and --production in one RUN',
      code: 'FROM node:22\nRUN npm install --omit dev --no-audit && npm i --production && npm run build:prod\n',
      errors: [{ line: 2, column: 17, endColumn: 27 }, { line: 2, column: 48, endColumn: 60 }],
      output: 'FROM node:22\nRUN npm install --no-audit && npm i && npm run build:prod\n',
    },
  ],
});

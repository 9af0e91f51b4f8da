import rule from '../../../engine/src/rules/compose/non-root';
import { ruleTester } from '../../lib/rule-tester';

const rootDockerfile = 'FROM python:3.12-slim\nRUN pip install flask\nCOPY . /app\n# start\nCMD ["python", "/app/main.py"]\n';

ruleTester(rule, {
  valid: [
    { code: 'services:\n  api:\n    build: ./api\n    user: "1000"\n', files: { 'api/Dockerfile': rootDockerfile } },
    { name: 'Dockerfile switches user', code: 'services:\n  api:\n    build: ./api\n', files: { 'api/Dockerfile': 'FROM node:22-alpine\nUSER node\nCMD ["node", "index.js"]\n' } },
    { name: 'no Dockerfile to read', code: 'services:\n  api:\n    build: ./api\n' },
    { name: 'image only', code: 'services:\n  api:\n    image: nginx:1.27\n' },
    {
      name: 'the stage the service builds (build.target) switches user; the last stage, not built, does not',
      code: 'services:\n  api:\n    build:\n      context: ./api\n      target: app\n',
      files: { 'api/Dockerfile': 'FROM node:22-alpine AS app\nUSER node\nCMD ["node", "index.js"]\nFROM app AS debug\nUSER root\nRUN apk add strace\n' },
    },
  ],
  invalid: [
    {
      name: 'build.target: the user is created at the end of that stage, not of the file',
      code: 'services:\n  api:\n    build:\n      context: ./api\n      target: app\n',
      files: { 'api/Dockerfile': 'FROM python:3.12-slim AS app\nCOPY . /app\n\n# a separate image of tools\nFROM alpine:3.20 AS tools\nRUN apk add git\n' },
      errors: [{ line: 2, column: 3, fixes: ['Create a non-root user "app" and switch to it in api/Dockerfile'] }],
      output: null,
      unsafeOutput: null,
      unsafeFiles: { 'api/Dockerfile': 'FROM python:3.12-slim AS app\nCOPY . /app\nRUN groupadd -r app && useradd -r -g app app\nUSER app\n\n# a separate image of tools\nFROM alpine:3.20 AS tools\nRUN apk add git\n' },
    },
    {
      name: 'build.target that a later stage builds on: reported without a fix (that stage would inherit the USER)',
      code: 'services:\n  api:\n    build:\n      context: ./api\n      target: builder\n',
      files: { 'api/Dockerfile': 'FROM python:3.12-slim AS builder\nCOPY . /app\nFROM builder AS dev-envs\nRUN apt-get update && apt-get install -y git\n' },
      errors: [{ line: 2, column: 3, fixes: [] }],
    },
    {
      name: 'creates a user in the Dockerfile; a second service using it is reported without a second edit',
      code: 'services:\n  api:\n    build: ./api\n  worker:\n    build:\n      context: ./api\n',
      files: { 'api/Dockerfile': rootDockerfile },
      errors: [
        { line: 2, column: 3, endColumn: 6, severity: 'warning', message: 'Service "api" runs as root: its Dockerfile sets no non-root USER and there is no `user:` here.', fixes: ['Create a non-root user "app" and switch to it in api/Dockerfile'] },
        { line: 4, column: 3, fixes: [] },
      ],
      output: null,
      unsafeOutput: null,
      unsafeFiles: { 'api/Dockerfile': 'FROM python:3.12-slim\nRUN pip install flask\nCOPY . /app\nRUN groupadd -r app && useradd -r -g app app\nUSER app\n# start\nCMD ["python", "/app/main.py"]\n' },
    },
    {
      name: 'last USER is root; node image has its own user',
      code: 'services:\n  web:\n    build: .\n',
      files: { Dockerfile: 'FROM node:22\nUSER root\nRUN npm ci\nCMD ["node", "server.js"]\n' },
      errors: [{ line: 2, column: 3, fixes: ['Run as the image\'s "node" user in Dockerfile'] }],
      output: null,
      unsafeOutput: null,
      unsafeFiles: { Dockerfile: 'FROM node:22\nUSER root\nRUN npm ci\nUSER node\nCMD ["node", "server.js"]\n' },
    },
    // Issue 15: the lines added to the Dockerfile must stand as instructions of their own.
    {
      name: 'the Dockerfile ends in an unterminated heredoc: reported without a fix',
      code: 'services:\n  api:\n    build: .\n',
      files: { Dockerfile: 'FROM debian:12-slim\nRUN <<EOF\nmake\n' },
      errors: [{ line: 2, column: 3, fixes: [] }],
    },
    {
      name: 'the Dockerfile ends in a dangling \\: the escape goes before the user is added',
      code: 'services:\n  api:\n    build: .\n',
      files: { Dockerfile: 'FROM debian:12-slim\nRUN make \\' },
      errors: [{ line: 2, column: 3, fixes: ['Create a non-root user "app" and switch to it in Dockerfile'] }],
      output: null,
      unsafeOutput: null,
      unsafeFiles: { Dockerfile: 'FROM debian:12-slim\nRUN make\nRUN groupadd -r app && useradd -r -g app app\nUSER app\n' },
    },
  ],
});

import rule from '../../../engine/src/rules/dockerfile/secret-in-arg-env';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    { name: 'ordinary ids are public', code: 'FROM node:22-alpine\nARG CLIENT_ID\nARG GITHUB_APP_ID=12345\n' },
    'FROM node:22-alpine\nENV DB_PASSWORD_FILE=/run/secrets/db_password\n',
    'FROM node:22-alpine\nENV GOOGLE_CLIENT_ID=abc AUTH_ENABLED=true TOKEN_TTL=3600\n',
    'FROM node:22-alpine\nENV API_KEY=""\n',
    'FROM python:3.13-slim\nENV PYTHONUNBUFFERED=1\n',
  ],
  invalid: [
    {
      name: 'an ARG without a value still lands in the history with the value passed to the build (a warning)',
      code: 'ARG AWS_ACCESS_KEY_ID\nFROM node:22-alpine\nARG NPM_TOKEN\nARG openai_api_key\n',
      errors: [
        { line: 1, column: 5, endColumn: 22, severity: 'warning' },
        { line: 3, column: 5, endColumn: 14, severity: 'warning' },
        { line: 4, column: 5, endColumn: 19, severity: 'warning' },
      ],
    },
    {
      name: 'AWS_ACCESS_KEY_ID is a credential, not a public id',
      code: 'FROM node:22-alpine\nENV AWS_ACCESS_KEY_ID=AKIAEXAMPLE\n',
      errors: [{ line: 2, column: 5, endColumn: 22, severity: 'error' }],
    },
    {
      code: source`
        ARG GITHUB_TOKEN=ghp_example
        FROM node:22-alpine
        ENV NODE_ENV=production JWT_SECRET=s3cr3t
        ENV DB_PASSWORD changeme
      `,
      errors: [
        { line: 1, column: 5, endColumn: 17, severity: 'error', message: '`ARG GITHUB_TOKEN` puts a secret into the image (visible with `docker history`/`docker inspect`): pass it with `RUN --mount=type=secret,id=github_token` at build time, or as a Docker secret at run time.' },
        { line: 3, column: 25, endColumn: 35 },
        { line: 4, column: 5, endColumn: 16 },
      ],
    },
    {
      name: 'BuildKit check=skip for another check does not suppress it; the message never shows the value',
      code: source`
        # check=skip=JSONArgsRecommended
        FROM node:22-alpine
        ENV apiKey=abc123
      `,
      errors: [{ line: 3, column: 5, message: /^(?!.*abc123)/ }],
    },
  ],
});

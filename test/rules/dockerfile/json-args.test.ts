import rule from '../../../engine/src/rules/dockerfile/json-args';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM node:22-alpine\nCMD ["node", "server.js"]\n',
    source`
      FROM node:22-alpine
      ENTRYPOINT ["tini", "--"]
      CMD ["node", "server.js"]
    `,
    'FROM node:22-alpine\nRUN echo shell form is fine in RUN\n',
  ],
  invalid: [
    {
      name: 'the AI server: plain words become a JSON array',
      code: 'FROM python:3.9.23-slim\nCMD poetry run python -m ai_server.main\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 40, fixes: ['Use the exec form: CMD ["poetry", "run", "python", "-m", "ai_server.main"]'] }],
      output: 'FROM python:3.9.23-slim\nCMD ["poetry", "run", "python", "-m", "ai_server.main"]\n',
    },
    {
      name: 'the frontend: a variable needs a shell, so sh -c with exec',
      code: source`
        FROM node:18-alpine
        ENV PORT=5173
        CMD serve -s dist -l $PORT
      `,
      errors: [{ line: 3, column: 1 }],
      output: source`
        FROM node:18-alpine
        ENV PORT=5173
        CMD ["sh", "-c", "exec serve -s dist -l $PORT"]
      `,
    },
    {
      name: 'a chain keeps the shell without exec; continuation lines joined',
      code: source`
        FROM debian:12-slim
        ENTRYPOINT ./migrate && \
            ./server
      `,
      errors: [{ line: 2, column: 1, endLine: 3, endColumn: 13 }],
      output: 'FROM debian:12-slim\nENTRYPOINT ["sh", "-c", "./migrate && ./server"]\n',
    },
    {
      name: 'with # escape=` the backtick continues the line and a backslash is a plain character',
      code: source`
        # escape=\`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        CMD node \`
            C:\app\server.js
      `,
      errors: [{ line: 3, column: 1, endLine: 4, endColumn: 21 }],
      output: source`
        # escape=\`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        CMD ["sh", "-c", "exec node C:\\app\\server.js"]
      `,
    },
    {
      name: 'a comment line inside a continuation is not part of the command (as the Dockerfile parser reads it) and goes above it',
      code: source`
        FROM debian:12-slim
        CMD ./server \
        # the port
            --port 8080
      `,
      errors: [{ line: 2, column: 1 }],
      output: source`
        FROM debian:12-slim
        # the port
        CMD ["./server", "--port", "8080"]
      `,
    },
    {
      name: 'BuildKit check=skip for another check keeps it; for this one removes it',
      code: source`
        # check=skip=FromAsCasing
        FROM debian:12-slim
        CMD bash
      `,
      errors: [{ line: 3, column: 1 }],
      output: source`
        # check=skip=FromAsCasing
        FROM debian:12-slim
        CMD ["bash"]
      `,
    },
  ],
});

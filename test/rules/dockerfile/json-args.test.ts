import rule from '../../../engine/src/rules/dockerfile/json-args';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:22-alpine\nCMD ["node", "server.js"]\n',
    'FROM node:22-alpine\nENTRYPOINT ["tini", "--"]\nCMD ["node", "server.js"]\n',
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
      code: 'FROM node:18-alpine\nENV PORT=5173\nCMD serve -s dist -l $PORT\n',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM node:18-alpine\nENV PORT=5173\nCMD ["sh", "-c", "exec serve -s dist -l $PORT"]\n',
    },
    {
      name: 'a chain keeps the shell without exec; continuation lines joined',
      code: 'FROM debian:12-slim\nENTRYPOINT ./migrate && \\\n    ./server\n',
      errors: [{ line: 2, column: 1, endLine: 3, endColumn: 13 }],
      output: 'FROM debian:12-slim\nENTRYPOINT ["sh", "-c", "./migrate && ./server"]\n',
    },
    {
      name: 'with # escape=` the backtick continues the line and a backslash is a plain character',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD node `\n    C:\\app\\server.js\n',
      errors: [{ line: 3, column: 1, endLine: 4, endColumn: 21 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["sh", "-c", "exec node C:\\\\app\\\\server.js"]\n',
    },
    {
      name: 'a comment line inside a continuation is not part of the command (as the Dockerfile parser reads it) and goes above it',
      code: 'FROM debian:12-slim\nCMD ./server \\\n# the port\n    --port 8080\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM debian:12-slim\n# the port\nCMD ["./server", "--port", "8080"]\n',
    },
    {
      name: 'BuildKit check=skip for another check keeps it; for this one removes it',
      code: '# check=skip=FromAsCasing\nFROM debian:12-slim\nCMD bash\n',
      errors: [{ line: 3, column: 1 }],
      output: '# check=skip=FromAsCasing\nFROM debian:12-slim\nCMD ["bash"]\n',
    },
  ],
});

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
      name: 'BuildKit check=skip for another check keeps it; for this one removes it',
      code: '# check=skip=FromAsCasing\nFROM debian:12-slim\nCMD bash\n',
      errors: [{ line: 3, column: 1 }],
      output: '# check=skip=FromAsCasing\nFROM debian:12-slim\nCMD ["bash"]\n',
    },
  ],
});

import rule from '../../../engine/src/rules/dockerfile/poetry-no-dev';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM python:3.13-slim\nRUN poetry install --only=main --no-root\n',
    'FROM python:3.13-slim\nRUN poetry install --without dev\n',
    'FROM python:3.13-slim\nRUN echo poetry install --no-dev\n',
  ],
  invalid: [
    {
      name: 'the AI server',
      code: source`
        FROM python:3.9.23-slim
        # Install dependencies
        RUN poetry install --no-dev --no-root
      `,
      errors: [{ line: 3, column: 20, endColumn: 28, fixes: ['Replace --no-dev with --only=main'] }],
      output: source`
        FROM python:3.9.23-slim
        # Install dependencies
        RUN poetry install --only=main --no-root
      `,
    },
    {
      name: 'the seed\'s improved Dockerfile: --only=main already there, no duplicate',
      code: 'FROM python:3.9.23-slim\nRUN poetry install --only=main --no-dev\n',
      errors: [{ line: 2, column: 32, endColumn: 40, fixes: ['Remove --no-dev (--only=main is already there)'] }],
      output: 'FROM python:3.9.23-slim\nRUN poetry install --only=main\n',
    },
    {
      name: 'exec form',
      code: 'FROM python:3.13-slim\nRUN ["poetry", "install", "--no-dev"]\n',
      errors: [{ line: 2, column: 27, endColumn: 37 }],
      output: 'FROM python:3.13-slim\nRUN ["poetry", "install", "--only=main"]\n',
    },
  ],
});

import rule from '../../../engine/src/rules/dockerfile/pip-no-cache-dir';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM python:3.13-slim\nRUN pip install --no-cache-dir flask\n',
    source`
      FROM python:3.13-slim
      ENV PIP_NO_CACHE_DIR=1
      RUN pip install flask
    `,
    'FROM python:3.13-slim\nRUN PIP_NO_CACHE_DIR=1 pip install flask\n',
    'FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
    'FROM python:3.13-slim\nRUN pip freeze > requirements.txt\n',
  ],
  invalid: [
    {
      name: 'the AI server installs Poetry',
      code: source`
        FROM python:3.9.23-slim
        # Install Poetry
        RUN pip install poetry
      `,
      errors: [{ line: 3, column: 5, endColumn: 16, fixes: ['Add --no-cache-dir'] }],
      output: source`
        FROM python:3.9.23-slim
        # Install Poetry
        RUN pip install --no-cache-dir poetry
      `,
    },
    {
      name: 'pip3 and python -m pip',
      code: 'FROM python:3.13-slim\nRUN pip3 install -U pip && python3 -m pip install -r requirements.txt\n',
      errors: [{ line: 2, column: 5, endColumn: 17 }, { line: 2, column: 28, endColumn: 50 }],
      output: 'FROM python:3.13-slim\nRUN pip3 install --no-cache-dir -U pip && python3 -m pip install --no-cache-dir -r requirements.txt\n',
    },
  ],
});

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
    { name: 'a tmpfs mount on the cache folder', code: 'FROM python:3.13-slim\nRUN --mount=type=tmpfs,target=/root/.cache/pip pip install flask\n' },
    ...['on', 'YES', 'true', '0', 'off', 'no', 'false', '"0"'].map((value) => ({
      name: `pip disables its cache for any boolean value: ENV PIP_NO_CACHE_DIR=${value}`,
      code: `FROM python:3.13-slim\nENV PIP_NO_CACHE_DIR=${value}\nRUN pip install flask\n`,
    })),
    ...['export PIP_NO_CACHE_DIR=1 &&', 'export PIP_NO_CACHE_DIR=off;', 'PIP_NO_CACHE_DIR=false;', 'PIP_NO_CACHE_DIR=no'].map((prefix) => ({
      name: `set in the RUN before pip: ${prefix}`,
      code: `FROM python:3.13-slim\nRUN ${prefix} pip install flask\n`,
    })),
    {
      name: 'ENV in a stage this one builds on',
      code: source`
        FROM python:3.13-slim AS base
        ENV PIP_NO_CACHE_DIR=1
        FROM base
        RUN pip install six
      `,
    },
    { name: 'ENV before pip in a snippet without FROM', code: 'ENV PIP_NO_CACHE_DIR=yes\nRUN pip install flask\n' },
    { name: 'ONBUILD RUN with --no-cache-dir', code: 'FROM python:3.13-slim\nONBUILD RUN pip install --no-cache-dir flask\n' },
    { name: 'pipx and pipenv are other tools', code: 'FROM python:3.13-slim\nRUN pipx install black && pipenv install\n' },
  ],
  invalid: [
    {
      name: 'ENV in a stage this one does not build on',
      code: source`
        FROM python:3.13-slim AS base
        ENV PIP_NO_CACHE_DIR=1
        FROM python:3.13-slim
        RUN pip install six
      `,
      errors: [{ line: 4, column: 5, endColumn: 16 }],
      output: source`
        FROM python:3.13-slim AS base
        ENV PIP_NO_CACHE_DIR=1
        FROM python:3.13-slim
        RUN pip install --no-cache-dir six
      `,
    },
    {
      name: 'ENV after the RUN, and a value pip refuses, do not count',
      code: 'FROM python:3.13-slim\nRUN PIP_NO_CACHE_DIR=maybe pip install flask\nENV PIP_NO_CACHE_DIR=1\n',
      errors: [{ line: 2, column: 28, endColumn: 39 }],
      output: 'FROM python:3.13-slim\nRUN PIP_NO_CACHE_DIR=maybe pip install --no-cache-dir flask\nENV PIP_NO_CACHE_DIR=1\n',
    },
    {
      name: 'ONBUILD RUN is checked and fixed like RUN',
      code: 'FROM python:3.13-slim\nONBUILD RUN pip2 install MySQL_python\n',
      errors: [{ line: 2, column: 13, endColumn: 25, fixes: ['Add --no-cache-dir'] }],
      output: 'FROM python:3.13-slim\nONBUILD RUN pip2 install --no-cache-dir MySQL_python\n',
    },
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

import rule from '../../../engine/src/rules/dockerfile/healthcheck';
import { ruleTester } from '../../lib/rule-tester';

const OPTIONS = '--interval=30s --timeout=10s --start-period=30s --retries=3';

ruleTester(rule, {
  valid: [
    {
      name: 'the stage compose builds (build.target) has a HEALTHCHECK; the last stage is not built',
      filename: 'app/Dockerfile',
      code: 'FROM python:3.12-alpine AS builder\nHEALTHCHECK CMD wget -q --spider http://localhost:8000/ || exit 1\nCMD ["python3", "app.py"]\nFROM builder AS dev-envs\nRUN apk add git\nFROM alpine:3.20 AS other\n',
      files: { '../compose.yaml': 'services:\n  web:\n    build:\n      context: app\n      target: builder\n' },
    },
    'FROM debian:12-slim\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nCMD ["/app"]\n',
    'FROM debian:12-slim\nHEALTHCHECK NONE\n',
    { name: 'inherited from the stage it builds on', code: 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD curl -f http://localhost/\nFROM base\nCMD ["nginx"]\n' },
    'FROM scratch\nCOPY app /app\n',
    {
      name: 'a compose service building this Dockerfile defines a healthcheck (two folders up)',
      filename: 'backend/api/Dockerfile',
      code: 'FROM python:3.13-slim\nEXPOSE 8000\nCMD ["python", "-m", "api"]\n',
      files: { '../../docker-compose.yml': 'services:\n  api:\n    build: ./backend/api\n    healthcheck:\n      test: ["CMD", "true"]\n' },
    },
  ],
  invalid: [
    {
      name: 'the AI server: curl is installed, probe its EXPOSEd port; compose has no healthcheck',
      filename: 'backend/ai_server/Dockerfile',
      code: 'FROM python:3.9.23-slim\nRUN apt-get update && apt-get install -y gcc curl && rm -rf /var/lib/apt/lists/*\nEXPOSE 9999\n# start\nCMD poetry run python -m ai_server.main\n',
      files: { '../../docker-compose.yml': 'services:\n  ai_server:\n    build:\n      context: ./backend/ai_server\n      dockerfile: Dockerfile\n' },
      errors: [{ line: 1, column: 1, endColumn: 24, severity: 'info', fixes: ['Add a HEALTHCHECK (curl on port 9999)'] }],
      output: `FROM python:3.9.23-slim\nRUN apt-get update && apt-get install -y gcc curl && rm -rf /var/lib/apt/lists/*\nEXPOSE 9999\nHEALTHCHECK ${OPTIONS} CMD curl -f http://localhost:9999/ || exit 1\n# start\nCMD poetry run python -m ai_server.main\n`,
    },
    {
      name: 'the probe asks the health route the source next to the Dockerfile declares',
      code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\nEXPOSE 8000\nCMD ["uvicorn", "app.main:app"]\n',
      files: { 'app/main.py': '@app.get("/api/health")\ndef health():\n    return {"ok": True}\n' },
      errors: [{ line: 1, column: 1, severity: 'info', fixes: ['Add a HEALTHCHECK (curl of /api/health on port 8000)'] }],
      output: `FROM python:3.12-slim\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\nEXPOSE 8000\nHEALTHCHECK ${OPTIONS} CMD curl -f http://localhost:8000/api/health || exit 1\nCMD ["uvicorn", "app.main:app"]\n`,
    },
    {
      name: 'the frontend: alpine has busybox wget',
      code: 'FROM node:18-alpine AS builder\nRUN npm ci\nFROM node:18-alpine\nEXPOSE 5173\nCMD serve -s dist -l $PORT\n',
      errors: [{ line: 3, column: 1, fixes: ['Add a HEALTHCHECK (wget on port 5173)'] }],
      output: `FROM node:18-alpine AS builder\nRUN npm ci\nFROM node:18-alpine\nEXPOSE 5173\nHEALTHCHECK ${OPTIONS} CMD wget -q --spider http://localhost:5173/ || exit 1\nCMD serve -s dist -l $PORT\n`,
    },
    {
      name: 'slim python without curl: a Python probe',
      code: 'FROM python:3.13-slim\nEXPOSE 8000\nCMD ["python", "app.py"]\n',
      errors: [{ line: 1, column: 1, fixes: ['Add a HEALTHCHECK (Python on port 8000)'] }],
      output: `FROM python:3.13-slim\nEXPOSE 8000\nHEALTHCHECK ${OPTIONS} CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/', timeout=5)"]\nCMD ["python", "app.py"]\n`,
    },
    {
      name: 'the health route is searched in the build context compose gives, not only next to the Dockerfile',
      filename: 'docker/Dockerfile',
      code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\nEXPOSE 8000\nCMD ["python", "/app/src/main.py"]\n',
      files: { '../compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n', '../src/main.py': '@app.get("/healthz")\n' },
      errors: [{ line: 1, column: 1, fixes: ['Add a HEALTHCHECK (curl of /healthz on port 8000)'] }],
      output: `FROM python:3.12-slim\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\nEXPOSE 8000\nHEALTHCHECK ${OPTIONS} CMD curl -f http://localhost:8000/healthz || exit 1\nCMD ["python", "/app/src/main.py"]\n`,
    },
    {
      name: 'no EXPOSE and no port known: reported without a fix',
      code: 'FROM debian:12-slim\nCMD ["/app"]\n',
      errors: [{ line: 1, column: 1, fixes: [] }],
    },
    {
      name: 'no EXPOSE: the port the image listens on by default (nginx: 80)',
      code: 'FROM nginx:1.27-alpine\nCOPY dist /usr/share/nginx/html\n',
      errors: [{ line: 1, column: 1, fixes: ['Add a HEALTHCHECK (wget on port 80)'] }],
      output: `FROM nginx:1.27-alpine\nCOPY dist /usr/share/nginx/html\nHEALTHCHECK ${OPTIONS} CMD wget -q --spider http://localhost:80/ || exit 1\n`,
    },
    {
      name: 'no EXPOSE: the container port of the compose service that builds it; the stage it targets, not the last one',
      filename: 'app/Dockerfile',
      code: 'FROM python:3.12-alpine AS builder\nCOPY . /app\n\n# tools for the dev container\nFROM builder AS dev-envs\nRUN apk add git\nCMD ["python3", "/app/app.py"]\n',
      files: { '../compose.yaml': 'services:\n  web:\n    build:\n      context: app\n      target: builder\n    ports:\n      - "8000:8000"\n' },
      errors: [{ line: 1, column: 1, endColumn: 35, message: 'The stage compose builds (`builder`) has no `HEALTHCHECK`, and no compose service building this Dockerfile defines a `healthcheck`.', fixes: ['Add a HEALTHCHECK (wget on port 8000)'] }],
      // The builder stage has no CMD: the HEALTHCHECK goes at its end, above the blank line and comment of the next FROM.
      output: `FROM python:3.12-alpine AS builder\nCOPY . /app\nHEALTHCHECK ${OPTIONS} CMD wget -q --spider http://localhost:8000/ || exit 1\n\n# tools for the dev container\nFROM builder AS dev-envs\nRUN apk add git\nCMD ["python3", "/app/app.py"]\n`,
    },
    // Issue 15: the HEALTHCHECK must stand as an instruction of its own.
    {
      name: 'an unterminated heredoc: the rest of the file is its body, so no HEALTHCHECK is inserted',
      code: 'FROM python:3.12-alpine\nEXPOSE 8000\nRUN <<EOF\npip install flask\n',
      errors: [{ line: 1, column: 1, fixes: [] }],
      output: null,
    },
    {
      name: 'a last line ending in \\ without a final line break: the escape goes, the HEALTHCHECK follows',
      code: 'FROM python:3.12-alpine\nEXPOSE 8000\nRUN pip install flask \\',
      errors: [{ line: 1, column: 1, fixes: ['Add a HEALTHCHECK (wget on port 8000)'] }],
      output: `FROM python:3.12-alpine\nEXPOSE 8000\nRUN pip install flask\nHEALTHCHECK ${OPTIONS} CMD wget -q --spider http://localhost:8000/ || exit 1\n`,
    },
  ],
});

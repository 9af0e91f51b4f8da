import rule from '../../../engine/src/rules/dockerfile/healthcheck';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

const OPTIONS = '--interval=30s --timeout=10s --start-period=30s --retries=3';

ruleTester(rule, {
  valid: [
    {
      name: 'the stage compose builds (build.target) has a HEALTHCHECK; the last stage is not built',
      filename: 'app/Dockerfile',
      code: source`
        FROM python:3.12-alpine AS builder
        HEALTHCHECK CMD wget -q --spider http://127.0.0.1:8000/ || exit 1
        CMD ["python3", "app.py"]
        FROM builder AS dev-envs
        RUN apk add git
        FROM alpine:3.20 AS other
      `,
      files: { '../compose.yaml': source`
        services:
          web:
            build:
              context: app
              target: builder
      ` },
    },
    source`
      FROM debian:12-slim
      HEALTHCHECK CMD curl -f http://localhost/ || exit 1
      CMD ["/app"]
    `,
    'FROM debian:12-slim\nHEALTHCHECK NONE\n',
    { name: 'inherited from the stage it builds on', code: source`
      FROM nginx:1.27 AS base
      HEALTHCHECK CMD curl -f http://localhost/
      FROM base
      CMD ["nginx"]
    ` },
    'FROM scratch\nCOPY app /app\n',
    {
      name: 'a compose service building this Dockerfile defines a healthcheck (two folders up)',
      filename: 'backend/api/Dockerfile',
      code: source`
        FROM python:3.13-slim
        EXPOSE 8000
        CMD ["python", "-m", "api"]
      `,
      files: { '../../docker-compose.yml': source`
        services:
          api:
            build: ./backend/api
            healthcheck:
              test: ["CMD", "true"]
      ` },
    },
  ],
  invalid: [
    {
      name: 'the AI server: curl is installed, probe its EXPOSEd port; compose has no healthcheck',
      filename: 'backend/ai_server/Dockerfile',
      code: source`
        FROM python:3.9.23-slim
        RUN apt-get update && apt-get install -y gcc curl && rm -rf /var/lib/apt/lists/*
        EXPOSE 9999
        # start
        CMD poetry run python -m ai_server.main
      `,
      files: { '../../docker-compose.yml': source`
        services:
          ai_server:
            build:
              context: ./backend/ai_server
              dockerfile: Dockerfile
      ` },
      errors: [{ line: 1, column: 1, endColumn: 24, severity: 'info', fixes: ['Add a HEALTHCHECK (curl on port 9999) (verify: `/` answers with a 2xx status)'] }],
      output: null,
      unsafeOutput: `FROM python:3.9.23-slim\nRUN apt-get update && apt-get install -y gcc curl && rm -rf /var/lib/apt/lists/*\nEXPOSE 9999\nHEALTHCHECK ${OPTIONS} CMD curl -f http://127.0.0.1:9999/ || exit 1\n# start\nCMD poetry run python -m ai_server.main\n`,
    },
    {
      name: 'the probe asks the health route the source next to the Dockerfile declares',
      code: source`
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y curl
        COPY . /app
        EXPOSE 8000
        CMD ["uvicorn", "app.main:app"]
      `,
      files: { 'app/main.py': source`
        @app.get("/api/health")
        def health():
            return {"ok": True}
      ` },
      errors: [{ line: 1, column: 1, severity: 'info', fixes: ['Add a HEALTHCHECK (curl of /api/health on port 8000)'] }],
      output: `FROM python:3.12-slim\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\nEXPOSE 8000\nHEALTHCHECK ${OPTIONS} CMD curl -f http://127.0.0.1:8000/api/health || exit 1\nCMD ["uvicorn", "app.main:app"]\n`,
    },
    {
      name: 'the frontend: alpine has busybox wget',
      code: source`
        FROM node:18-alpine AS builder
        RUN npm ci
        FROM node:18-alpine
        EXPOSE 5173
        CMD serve -s dist -l $PORT
      `,
      errors: [{ line: 3, column: 1, fixes: ['Add a HEALTHCHECK (wget on port 5173) (verify: `/` answers with a 2xx status)'] }],
      output: null,
      unsafeOutput: `FROM node:18-alpine AS builder\nRUN npm ci\nFROM node:18-alpine\nEXPOSE 5173\nHEALTHCHECK ${OPTIONS} CMD wget -q --spider http://127.0.0.1:5173/ || exit 1\nCMD serve -s dist -l $PORT\n`,
    },
    {
      name: 'slim python without curl: a Python probe',
      code: source`
        FROM python:3.13-slim
        EXPOSE 8000
        CMD ["python", "app.py"]
      `,
      errors: [{ line: 1, column: 1, fixes: ['Add a HEALTHCHECK (Python on port 8000) (verify: `/` answers with a 2xx status)'] }],
      output: null,
      unsafeOutput: `FROM python:3.13-slim\nEXPOSE 8000\nHEALTHCHECK ${OPTIONS} CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/', timeout=5)"]\nCMD ["python", "app.py"]\n`,
    },
    {
      name: 'the health route is searched in the build context compose gives, not only next to the Dockerfile',
      filename: 'docker/Dockerfile',
      code: source`
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y curl
        COPY . /app
        EXPOSE 8000
        CMD ["python", "/app/src/main.py"]
      `,
      files: { '../compose.yaml': source`
        services:
          api:
            build:
              context: .
              dockerfile: docker/Dockerfile
      `, '../src/main.py': '@app.get("/healthz")\n' },
      errors: [{ line: 1, column: 1, fixes: ['Add a HEALTHCHECK (curl of /healthz on port 8000)'] }],
      output: `FROM python:3.12-slim\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\nEXPOSE 8000\nHEALTHCHECK ${OPTIONS} CMD curl -f http://127.0.0.1:8000/healthz || exit 1\nCMD ["python", "/app/src/main.py"]\n`,
    },
    {
      name: 'no EXPOSE and no port known: reported without a fix',
      code: 'FROM debian:12-slim\nCMD ["/app"]\n',
      errors: [{ line: 1, column: 1, fixes: [] }],
    },
    {
      name: 'no EXPOSE: the port the image listens on by default (nginx: 80)',
      code: 'FROM nginx:1.27-alpine\nCOPY dist /usr/share/nginx/html\n',
      errors: [{ line: 1, column: 1, fixes: ['Add a HEALTHCHECK (curl on port 80) (verify: `/` answers with a 2xx status)'] }],
      output: null,
      unsafeOutput: `FROM nginx:1.27-alpine\nCOPY dist /usr/share/nginx/html\nHEALTHCHECK ${OPTIONS} CMD curl -f http://127.0.0.1:80/ || exit 1\n`,
    },
    {
      name: 'one image, several services with different commands (web, worker): no HEALTHCHECK in the image',
      filename: 'app/Dockerfile',
      code: 'FROM python:3.12\nEXPOSE 8000\nCMD ["gunicorn", "app:app"]\n',
      files: { '../compose.yaml': 'services:\n  web:\n    build: ./app\n  worker:\n    build: ./app\n    command: ["celery", "worker"]\n' },
      errors: [{ line: 1, column: 1, message: /"web", "worker" run it with different commands: give each its own healthcheck in compose/, fixes: [] }],
    },
    {
      name: 'no EXPOSE: the container port of the compose service that builds it; the stage it targets, not the last one',
      filename: 'app/Dockerfile',
      code: source`
        FROM python:3.12-alpine AS builder
        COPY . /app

        # tools for the dev container
        FROM builder AS dev-envs
        RUN apk add git
        CMD ["python3", "/app/app.py"]
      `,
      files: { '../compose.yaml': source`
        services:
          web:
            build:
              context: app
              target: builder
            ports:
              - "8000:8000"
      ` },
      errors: [{ line: 1, column: 1, endColumn: 35, message: 'The stage compose builds (`builder`) has no `HEALTHCHECK`, and no compose service building this Dockerfile defines a `healthcheck`.', fixes: ['Add a HEALTHCHECK (wget on port 8000) (verify: `/` answers with a 2xx status)'] }],
      // The builder stage has no CMD: the HEALTHCHECK goes at its end, above the blank line and comment of the next FROM.
      output: null,
      unsafeOutput: `FROM python:3.12-alpine AS builder\nCOPY . /app\nHEALTHCHECK ${OPTIONS} CMD wget -q --spider http://127.0.0.1:8000/ || exit 1\n\n# tools for the dev container\nFROM builder AS dev-envs\nRUN apk add git\nCMD ["python3", "/app/app.py"]\n`,
    },
    // Issue 15: the HEALTHCHECK must stand as an instruction of its own.
    {
      name: 'an unterminated heredoc: the rest of the file is its body, so no HEALTHCHECK is inserted',
      code: source`
        FROM python:3.12-alpine
        EXPOSE 8000
        RUN <<EOF
        pip install flask
      `,
      errors: [{ line: 1, column: 1, fixes: [] }],
      output: null,
    },
    {
      name: 'a last line ending in \\ without a final line break: the escape goes, the HEALTHCHECK follows',
      code: 'FROM python:3.12-alpine\nEXPOSE 8000\nRUN pip install flask \\',
      errors: [{ line: 1, column: 1, fixes: ['Add a HEALTHCHECK (wget on port 8000) (verify: `/` answers with a 2xx status)'] }],
      output: null,
      unsafeOutput: `FROM python:3.12-alpine\nEXPOSE 8000\nRUN pip install flask\nHEALTHCHECK ${OPTIONS} CMD wget -q --spider http://127.0.0.1:8000/ || exit 1\n`,
    },
  ],
});

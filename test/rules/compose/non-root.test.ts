import rule from '../../../engine/src/rules/compose/non-root';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

const rootDockerfile = source`
  FROM python:3.12-slim
  RUN pip install flask
  COPY . /app
  # start
  CMD ["python", "/app/main.py"]
`;

ruleTester(rule, {
  valid: [
    { name: 'the Dockerfile builds on an image that runs as non-root (knowledge base: grafana USER 472)', code: source`
      services:
        dashboards:
          build: ./grafana
    `, files: { 'grafana/Dockerfile': source`
      FROM grafana/grafana:11.2.0
      COPY dashboards /etc/grafana/dashboards
    ` } },
    { name: 'the USER is set in the stage the final one builds on', code: source`
      services:
        api:
          build: ./api
    `, files: { 'api/Dockerfile': source`
      FROM python:3.12-slim AS base
      RUN useradd -r app
      USER app
      FROM base
      CMD ["python", "app.py"]
    ` } },
    { code: source`
      services:
        api:
          build: ./api
          user: "1000"
    `, files: { 'api/Dockerfile': rootDockerfile } },
    { name: 'Dockerfile switches user', code: source`
      services:
        api:
          build: ./api
    `, files: { 'api/Dockerfile': source`
      FROM node:22-alpine
      USER node
      CMD ["node", "index.js"]
    ` } },
    { name: 'no Dockerfile to read', code: source`
      services:
        api:
          build: ./api
    ` },
    { name: 'image only', code: source`
      services:
        api:
          image: nginx:1.27
    ` },
    {
      name: 'the stage the service builds (build.target) switches user; the last stage, not built, does not',
      code: source`
        services:
          api:
            build:
              context: ./api
              target: app
      `,
      files: { 'api/Dockerfile': source`
        FROM node:22-alpine AS app
        USER node
        CMD ["node", "index.js"]
        FROM app AS debug
        USER root
        RUN apk add strace
      ` },
    },
  ],
  invalid: [
    {
      name: 'build.target: the user is created at the end of that stage, not of the file',
      code: source`
        services:
          api:
            build:
              context: ./api
              target: app
      `,
      files: { 'api/Dockerfile': source`
        FROM python:3.12-slim AS app
        COPY . /app

        # a separate image of tools
        FROM alpine:3.20 AS tools
        RUN apk add git
      ` },
      errors: [{ line: 2, column: 3, fixes: ['Create a non-root user "app" and switch to it in api/Dockerfile'] }],
      output: null,
      unsafeOutput: null,
      unsafeFiles: { 'api/Dockerfile': source`
        FROM python:3.12-slim AS app
        COPY . /app
        RUN groupadd -r app && useradd -r -g app app
        USER app

        # a separate image of tools
        FROM alpine:3.20 AS tools
        RUN apk add git
      ` },
    },
    {
      name: 'build.target that a later stage builds on: reported without a fix (that stage would inherit the USER)',
      code: source`
        services:
          api:
            build:
              context: ./api
              target: builder
      `,
      files: { 'api/Dockerfile': source`
        FROM python:3.12-slim AS builder
        COPY . /app
        FROM builder AS dev-envs
        RUN apt-get update && apt-get install -y git
      ` },
      errors: [{ line: 2, column: 3, fixes: [] }],
    },
    {
      name: 'creates a user in the Dockerfile; a second service using it is reported without a second edit',
      code: source`
        services:
          api:
            build: ./api
          worker:
            build:
              context: ./api
      `,
      files: { 'api/Dockerfile': rootDockerfile },
      errors: [
        { line: 2, column: 3, endColumn: 6, severity: 'warning', message: 'Service "api" runs as root: its Dockerfile sets no non-root USER and there is no `user:` here.', fixes: ['Create a non-root user "app" and switch to it in api/Dockerfile'] },
        { line: 4, column: 3, fixes: [] },
      ],
      output: null,
      unsafeOutput: null,
      unsafeFiles: { 'api/Dockerfile': source`
        FROM python:3.12-slim
        RUN pip install flask
        COPY . /app
        RUN groupadd -r app && useradd -r -g app app
        USER app
        # start
        CMD ["python", "/app/main.py"]
      ` },
    },
    {
      name: 'last USER is root; node image has its own user',
      code: source`
        services:
          web:
            build: .
      `,
      files: { Dockerfile: source`
        FROM node:22
        USER root
        RUN npm ci
        CMD ["node", "server.js"]
      ` },
      errors: [{ line: 2, column: 3, fixes: ['Run as the image\'s "node" user in Dockerfile'] }],
      output: null,
      unsafeOutput: null,
      unsafeFiles: { Dockerfile: source`
        FROM node:22
        USER root
        RUN npm ci
        USER node
        CMD ["node", "server.js"]
      ` },
    },
    // Issue 15: the lines added to the Dockerfile must stand as instructions of their own.
    {
      name: 'the Dockerfile ends in an unterminated heredoc: reported without a fix',
      code: source`
        services:
          api:
            build: .
      `,
      files: { Dockerfile: source`
        FROM debian:12-slim
        RUN <<EOF
        make
      ` },
      errors: [{ line: 2, column: 3, fixes: [] }],
    },
    {
      name: 'the Dockerfile ends in a dangling \\: the escape goes before the user is added',
      code: source`
        services:
          api:
            build: .
      `,
      files: { Dockerfile: 'FROM debian:12-slim\nRUN make \\' },
      errors: [{ line: 2, column: 3, fixes: ['Create a non-root user "app" and switch to it in Dockerfile'] }],
      output: null,
      unsafeOutput: null,
      unsafeFiles: { Dockerfile: source`
        FROM debian:12-slim
        RUN make
        RUN groupadd -r app && useradd -r -g app app
        USER app
      ` },
    },
  ],
});

import rule from '../../../engine/src/rules/dockerfile/non-root-user';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    { name: 'the base image runs as a non-root user (knowledge base: grafana USER 472)', code: 'FROM grafana/grafana:11.2.0\nCOPY dashboards /etc/grafana/dashboards\n' },
    { name: 'the base image runs as a non-root uid (knowledge base: bitnami USER 1001)', code: 'FROM bitnami/postgresql:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n' },
    { name: 'a numeric non-root USER with a group', code: 'FROM debian:bookworm-slim\nUSER 1000:1000\nCMD ["/app"]\n' },
    { name: 'USER through an ARG whose value is a non-root uid', code: 'FROM debian:bookworm-slim\nARG UID=1000\nRUN useradd -u $UID app\nUSER $UID\nCMD ["/app"]\n' },
    { name: 'USER through an ARG without a value: not known to be root', code: 'FROM debian:bookworm-slim\nARG RUN_AS\nUSER ${RUN_AS}\nCMD ["/app"]\n' },
    source`
      FROM python:3.13-slim
      RUN groupadd -r app && useradd -r -g app app
      USER app
      CMD ["python"]
    `,
    { name: 'only the final stage counts', code: source`
      FROM node:22 AS build
      RUN npm ci
      FROM node:22-alpine
      USER node
      CMD ["node", "x.js"]
    ` },
    'FROM gcr.io/distroless/static-debian12\nUSER nonroot:nonroot\n',
    'FROM debian:12-slim\nUSER 1000:1000\n',
    { name: 'USER inherited from the stage it builds on', code: source`
      FROM node:22-alpine AS base
      USER node
      FROM base
      CMD ["node", "x.js"]
    ` },
    'FROM gcr.io/distroless/python3-debian12:nonroot\nCMD ["app.py"]\n',
    'FROM nginxinc/nginx-unprivileged:1.27-alpine\nEXPOSE 8080\n',
    { name: 'an artifact image (files on scratch, no CMD): nothing runs it', code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n' },
    { name: 'a base image by its name, on an image that starts no server, without CMD', filename: 'Dockerfile.base', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy\n' },
  ],
  invalid: [
    {
      name: 'Debian family (the AI server): groupadd/useradd and USER before CMD, after the last RUN',
      code: source`
        FROM python:3.9.23-slim
        WORKDIR /app
        RUN pip install --no-cache-dir poetry
        COPY . .
        EXPOSE 9999
        # start
        CMD ["python", "-m", "ai_server.main"]
      `,
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 24, message: 'The final stage has no `USER`, so the container runs as root.', fixes: ['Create a non-root user "app" and switch to it (verify: the app writes nothing under /app (owned by root; "app" cannot write there))'] }],
      unsafeOutput: source`
        FROM python:3.9.23-slim
        WORKDIR /app
        RUN pip install --no-cache-dir poetry
        COPY . .
        EXPOSE 9999
        RUN groupadd -r app && useradd -r -g app app
        USER app
        # start
        CMD ["python", "-m", "ai_server.main"]
      `,
    },
    {
      name: 'node image (the frontend): its own node user',
      code: source`
        FROM node:18-alpine AS builder
        RUN npm ci
        FROM node:18-alpine
        WORKDIR /app
        RUN npm install -g serve
        COPY --from=builder /app/dist ./dist
        ENV PORT=5173
        EXPOSE 5173
        CMD serve -s dist -l $PORT
      `,
      errors: [{ line: 3, column: 1, fixes: ['Run as the image\'s "node" user (verify: the app writes nothing under /app (owned by root; "node" cannot write there))'] }],
      unsafeOutput: source`
        FROM node:18-alpine AS builder
        RUN npm ci
        FROM node:18-alpine
        WORKDIR /app
        RUN npm install -g serve
        COPY --from=builder /app/dist ./dist
        ENV PORT=5173
        EXPOSE 5173
        USER node
        CMD serve -s dist -l $PORT
      `,
    },
    {
      name: 'Alpine family: addgroup -S/adduser -S',
      code: source`
        FROM alpine:3.22
        RUN apk add --no-cache tini
        ENTRYPOINT ["tini", "--"]
        CMD ["/app"]
      `,
      errors: [{ line: 1, column: 1 }],
      unsafeOutput: source`
        FROM alpine:3.22
        RUN apk add --no-cache tini
        RUN addgroup -S app && adduser -S -G app app
        USER app
        ENTRYPOINT ["tini", "--"]
        CMD ["/app"]
      `,
    },
    {
      name: 'distroless: nonroot, appended at the end without CMD',
      code: 'FROM golang:1.25 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app',
      errors: [{ line: 3, column: 1 }],
      unsafeOutput: source`
        FROM golang:1.25 AS build
        RUN go build -o /app .
        FROM gcr.io/distroless/static-debian12
        COPY --from=build /app /app
        USER nonroot
      `,
    },
    {
      name: 'scratch: a numeric user',
      code: source`
        FROM scratch
        COPY app /app
        ENTRYPOINT ["/app"]
      `,
      errors: [{ line: 1, column: 1, fixes: ['Run as user 65532:65532'] }],
      unsafeOutput: source`
        FROM scratch
        COPY app /app
        USER 65532:65532
        ENTRYPOINT ["/app"]
      `,
    },
    {
      name: 'USER through an ARG whose value is root',
      code: 'FROM debian:bookworm-slim\nARG RUN_AS=root\nUSER ${RUN_AS}\nCMD ["/app"]\n',
      errors: [{ line: 3, column: 1, message: 'The last `USER` of the final stage is root, so the container runs as root.', fixes: ['Create a non-root user "app" and switch to it'] }],
      unsafeOutput: 'FROM debian:bookworm-slim\nARG RUN_AS=root\nUSER ${RUN_AS}\nRUN groupadd -r app && useradd -r -g app app\nUSER app\nCMD ["/app"]\n',
    },
    {
      name: 'USER through an ENV of the stage it builds on whose value is uid 0',
      code: 'FROM debian:bookworm-slim AS base\nENV RUN_AS=0\nFROM base\nUSER $RUN_AS:0\nCMD ["/app"]\n',
      errors: [{ line: 4, column: 1, message: 'The last `USER` of the final stage is root, so the container runs as root.', fixes: ['Create a non-root user "app" and switch to it'] }],
      unsafeOutput: 'FROM debian:bookworm-slim AS base\nENV RUN_AS=0\nFROM base\nUSER $RUN_AS:0\nRUN groupadd -r app && useradd -r -g app app\nUSER app\nCMD ["/app"]\n',
    },
    {
      name: 'a user created and then renamed with usermod -l: the fix switches to its new name',
      code: 'FROM debian:bookworm-slim\nRUN useradd -r app && usermod -l svc app\nCMD ["/app"]\n',
      errors: [{ line: 1, column: 1, fixes: ['Switch to the "svc" user created in this stage'] }],
      unsafeOutput: 'FROM debian:bookworm-slim\nRUN useradd -r app && usermod -l svc app\nUSER svc\nCMD ["/app"]\n',
    },
    {
      name: 'the image\'s own user renamed by the stage (node → app): the fix uses the name it has now',
      code: 'FROM node:22-slim\nRUN usermod --login app node\nCMD ["node", "server.js"]\n',
      errors: [{ line: 1, column: 1, fixes: ['Run as the image\'s "app" user'] }],
      unsafeOutput: 'FROM node:22-slim\nRUN usermod --login app node\nUSER app\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'a user created under a name given by an ARG: the fix switches to that variable, not to a new user',
      code: 'FROM python:3.12-slim\nARG APP_USER=web\nRUN groupadd -r "${APP_USER}" && useradd -r -g "${APP_USER}" "$APP_USER"\nCMD ["python", "app.py"]\n',
      errors: [{ line: 1, column: 1, fixes: ['Switch to the "${APP_USER}" user created in this stage'] }],
      unsafeOutput: 'FROM python:3.12-slim\nARG APP_USER=web\nRUN groupadd -r "${APP_USER}" && useradd -r -g "${APP_USER}" "$APP_USER"\nUSER ${APP_USER}\nCMD ["python", "app.py"]\n',
    },
    {
      name: 'a user created in the stage but never switched to',
      code: source`
        FROM debian:bookworm-slim
        RUN groupadd -r appgroup && useradd -r -g appgroup appuser
        CMD ["/app/api_server"]
      `,
      errors: [{ line: 1, column: 1, fixes: ['Switch to the "appuser" user created in this stage'] }],
      unsafeOutput: source`
        FROM debian:bookworm-slim
        RUN groupadd -r appgroup && useradd -r -g appgroup appuser
        USER appuser
        CMD ["/app/api_server"]
      `,
    },
    {
      name: 'the last USER is root',
      code: source`
        FROM node:22-alpine
        USER node
        RUN npm ci
        USER root
        CMD ["node", "server.js"]
      `,
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 10, message: 'The last `USER` of the final stage is root, so the container runs as root.' }],
      unsafeOutput: source`
        FROM node:22-alpine
        USER node
        RUN npm ci
        USER root
        USER node
        CMD ["node", "server.js"]
      `,
    },
    {
      name: 'CRLF kept; DL3002 alias suppresses nothing else',
      code: 'FROM ubuntu:24.04\r\nCMD ["bash"]\r\n',
      errors: [{ line: 1, column: 1 }],
      unsafeOutput: 'FROM ubuntu:24.04\r\nRUN groupadd -r app && useradd -r -g app app\r\nUSER app\r\nCMD ["bash"]\r\n',
    },
    // Issue 15: lines added at the end of the file must stand as instructions of their own.
    {
      name: 'an unterminated heredoc: the rest of the file is its body (BuildKit refuses it), so nothing is inserted',
      code: source`
        FROM debian:12-slim
        COPY . /app
        RUN <<EOF
        apt-get update
        echo done
      `,
      errors: [{ line: 1, column: 1, fixes: [] }],
      unsafeOutput: null,
    },
    {
      name: 'a heredoc terminator indented without <<- ends nothing: the CMD below is heredoc body, nothing is inserted',
      code: 'FROM debian:12-slim\nRUN <<EOF\n\techo hi\n\tEOF\nCMD ["/app"]\n',
      errors: [{ line: 1, column: 1, fixes: [] }],
      unsafeOutput: null,
    },
    {
      name: 'a terminated heredoc at the end of the file without a final line break: appended after its terminator',
      code: 'FROM debian:12-slim\nRUN <<EOF\napt-get update\nEOF',
      errors: [{ line: 1, column: 1 }],
      unsafeOutput: source`
        FROM debian:12-slim
        RUN <<EOF
        apt-get update
        EOF
        RUN groupadd -r app && useradd -r -g app app
        USER app
      `,
    },
    {
      name: 'a last line ending in \\ without a final line break: the dangling escape goes (BuildKit ends the RUN at the end of the file), the RUN means the same',
      code: 'FROM debian:12-slim\nCOPY . /app\nRUN make install \\',
      errors: [{ line: 1, column: 1 }],
      unsafeOutput: source`
        FROM debian:12-slim
        COPY . /app
        RUN make install
        RUN groupadd -r app && useradd -r -g app app
        USER app
      `,
    },
    {
      name: 'a continued last instruction followed only by a comment and blank lines (which continue it too)',
      code: 'FROM debian:12-slim\nRUN make \\\n    install \\  \n# done\n\n',
      errors: [{ line: 1, column: 1 }],
      unsafeOutput: source`
        FROM debian:12-slim
        RUN make \
            install
        # done

        RUN groupadd -r app && useradd -r -g app app
        USER app
      `,
    },
    {
      name: '# escape=` with CRLF: a final ` continues the RUN, and goes',
      code: '# escape=`\r\nFROM debian:12-slim\r\nRUN make install `\r\n',
      errors: [{ line: 2, column: 1 }],
      unsafeOutput: '# escape=`\r\nFROM debian:12-slim\r\nRUN make install\r\nRUN groupadd -r app && useradd -r -g app app\r\nUSER app\r\n',
    },
    {
      name: '# escape=`: a final \\ is no continuation and stays',
      code: '# escape=`\nFROM debian:12-slim\nRUN echo C:\\',
      errors: [{ line: 2, column: 1 }],
      unsafeOutput: source`
        # escape=\`
        FROM debian:12-slim
        RUN echo C:\
        RUN groupadd -r app && useradd -r -g app app
        USER app
      `,
    },
      {
      name: 'nginx binds port 80: no USER, the message says why',
      code: 'FROM nginx:1.27\nCOPY dist /usr/share/nginx/html\n',
      errors: [{ line: 1, column: 1, message: 'The final stage has no `USER`, so the container runs as root. No fix: it listens on port 80, below 1024, which a non-root user cannot bind without CAP_NET_BIND_SERVICE (move it to a port above 1024, or use an unprivileged variant of the image).', fixes: [] }],
    },
    {
      name: 'an entrypoint that drops privileges itself (gosu): no USER',
      code: 'FROM debian:bookworm-slim\nCOPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh", "gosu", "app"]\nCMD ["serve"]\n',
      errors: [{ line: 1, column: 1, message: /No fix: its ENTRYPOINT switches user itself \(gosu\)/, fixes: [] }],
    },
    {
      name: 'an entrypoint script with su-exec installed for it (PUID pattern): no USER, the message says why',
      code: 'FROM alpine:3.20\nRUN apk --no-cache add ca-certificates su-exec\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["./app"]\n',
      errors: [{ line: 1, column: 1, message: 'The final stage has no `USER`, so the container runs as root. No fix: it installs su-exec for its ENTRYPOINT, which then switches user itself; a USER would break it.', fixes: [] }],
    },
    {
      name: 'postgres: its entrypoint switches to the postgres user itself',
      code: 'FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n',
      errors: [{ line: 1, column: 1, message: /No fix: it listens on port 5432|No fix: the postgres image's entrypoint starts as root and switches user itself \(gosu\)/, fixes: [] }],
    },
      {
      name: 'named as a base image but resting on a server image (nginx runs): still checked',
      filename: 'Dockerfile.base',
      code: 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n',
      errors: [{ line: 1, column: 1, fixes: [] }],
    },
  ],
});

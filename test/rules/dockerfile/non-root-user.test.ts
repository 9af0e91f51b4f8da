import rule from '../../../engine/src/rules/dockerfile/non-root-user';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM python:3.13-slim\nRUN groupadd -r app && useradd -r -g app app\nUSER app\nCMD ["python"]\n',
    { name: 'only the final stage counts', code: 'FROM node:22 AS build\nRUN npm ci\nFROM node:22-alpine\nUSER node\nCMD ["node", "x.js"]\n' },
    'FROM gcr.io/distroless/static-debian12\nUSER nonroot:nonroot\n',
    'FROM debian:12-slim\nUSER 1000:1000\n',
    { name: 'USER inherited from the stage it builds on', code: 'FROM node:22-alpine AS base\nUSER node\nFROM base\nCMD ["node", "x.js"]\n' },
    'FROM gcr.io/distroless/python3-debian12:nonroot\nCMD ["app.py"]\n',
    'FROM nginxinc/nginx-unprivileged:1.27-alpine\nEXPOSE 8080\n',
  ],
  invalid: [
    {
      name: 'Debian family (the AI server): groupadd/useradd and USER before CMD, after the last RUN',
      code: 'FROM python:3.9.23-slim\nWORKDIR /app\nRUN pip install --no-cache-dir poetry\nCOPY . .\nEXPOSE 9999\n# start\nCMD ["python", "-m", "ai_server.main"]\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 24, message: 'The final stage has no `USER`, so the container runs as root.', fixes: ['Create a non-root user "app" and switch to it'] }],
      unsafeOutput: 'FROM python:3.9.23-slim\nWORKDIR /app\nRUN pip install --no-cache-dir poetry\nCOPY . .\nEXPOSE 9999\nRUN groupadd -r app && useradd -r -g app app\nUSER app\n# start\nCMD ["python", "-m", "ai_server.main"]\n',
    },
    {
      name: 'node image (the frontend): its own node user',
      code: 'FROM node:18-alpine AS builder\nRUN npm ci\nFROM node:18-alpine\nWORKDIR /app\nRUN npm install -g serve\nCOPY --from=builder /app/dist ./dist\nENV PORT=5173\nEXPOSE 5173\nCMD serve -s dist -l $PORT\n',
      errors: [{ line: 3, column: 1, fixes: ['Run as the image\'s "node" user'] }],
      unsafeOutput: 'FROM node:18-alpine AS builder\nRUN npm ci\nFROM node:18-alpine\nWORKDIR /app\nRUN npm install -g serve\nCOPY --from=builder /app/dist ./dist\nENV PORT=5173\nEXPOSE 5173\nUSER node\nCMD serve -s dist -l $PORT\n',
    },
    {
      name: 'Alpine family: addgroup -S/adduser -S',
      code: 'FROM alpine:3.22\nRUN apk add --no-cache tini\nENTRYPOINT ["tini", "--"]\nCMD ["/app"]\n',
      errors: [{ line: 1, column: 1 }],
      unsafeOutput: 'FROM alpine:3.22\nRUN apk add --no-cache tini\nRUN addgroup -S app && adduser -S -G app app\nUSER app\nENTRYPOINT ["tini", "--"]\nCMD ["/app"]\n',
    },
    {
      name: 'distroless: nonroot, appended at the end without CMD',
      code: 'FROM golang:1.25 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app',
      errors: [{ line: 3, column: 1 }],
      unsafeOutput: 'FROM golang:1.25 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nUSER nonroot\n',
    },
    {
      name: 'scratch: a numeric user',
      code: 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 1, column: 1, fixes: ['Run as user 65532:65532'] }],
      unsafeOutput: 'FROM scratch\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
    },
    {
      name: 'a user created in the stage but never switched to',
      code: 'FROM debian:bookworm-slim\nRUN groupadd -r appgroup && useradd -r -g appgroup appuser\nCMD ["/app/api_server"]\n',
      errors: [{ line: 1, column: 1, fixes: ['Switch to the "appuser" user created in this stage'] }],
      unsafeOutput: 'FROM debian:bookworm-slim\nRUN groupadd -r appgroup && useradd -r -g appgroup appuser\nUSER appuser\nCMD ["/app/api_server"]\n',
    },
    {
      name: 'the last USER is root',
      code: 'FROM node:22-alpine\nUSER node\nRUN npm ci\nUSER root\nCMD ["node", "server.js"]\n',
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 10, message: 'The last `USER` of the final stage is root, so the container runs as root.' }],
      unsafeOutput: 'FROM node:22-alpine\nUSER node\nRUN npm ci\nUSER root\nUSER node\nCMD ["node", "server.js"]\n',
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
      code: 'FROM debian:12-slim\nCOPY . /app\nRUN <<EOF\napt-get update\necho done\n',
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
      unsafeOutput: 'FROM debian:12-slim\nRUN <<EOF\napt-get update\nEOF\nRUN groupadd -r app && useradd -r -g app app\nUSER app\n',
    },
    {
      name: 'a last line ending in \\ without a final line break: the dangling escape goes (BuildKit ends the RUN at the end of the file), the RUN means the same',
      code: 'FROM debian:12-slim\nCOPY . /app\nRUN make install \\',
      errors: [{ line: 1, column: 1 }],
      unsafeOutput: 'FROM debian:12-slim\nCOPY . /app\nRUN make install\nRUN groupadd -r app && useradd -r -g app app\nUSER app\n',
    },
    {
      name: 'a continued last instruction followed only by a comment and blank lines (which continue it too)',
      code: 'FROM debian:12-slim\nRUN make \\\n    install \\  \n# done\n\n',
      errors: [{ line: 1, column: 1 }],
      unsafeOutput: 'FROM debian:12-slim\nRUN make \\\n    install\n# done\n\nRUN groupadd -r app && useradd -r -g app app\nUSER app\n',
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
      unsafeOutput: '# escape=`\nFROM debian:12-slim\nRUN echo C:\\\nRUN groupadd -r app && useradd -r -g app app\nUSER app\n',
    },
  ],
});

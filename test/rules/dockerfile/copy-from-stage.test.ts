import rule from '../../../engine/src/rules/dockerfile/copy-from-stage';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      FROM golang:1.25 AS Builder
      RUN go build -o /app .
      FROM debian:12-slim
      COPY --from=builder /app /app
      COPY --from=0 /etc/ssl /etc/ssl
    `,
    { name: 'image references with a tag, digest or registry', code: 'FROM debian:12-slim\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nCOPY --from=ghcr.io/org/tool /tool /tool\nCOPY --from=${BASE} /x /x\n' },
  ],
  invalid: [
    {
      name: 'a misspelt stage: the unsafe fix renames it to the one close stage',
      code: source`
        FROM golang:1.25 AS builder
        RUN go build -o /app .
        FROM debian:12-slim
        COPY --from=buidler /app /app
      `,
      errors: [{ line: 4, column: 13, endColumn: 20, code: 'DL3022', message: '`COPY --from=buidler` names no earlier stage, so the image `buidler` would be pulled: did you mean the stage `builder`?', fixes: ['Copy from stage builder (verify this stage is meant, not an image named buidler)'] }],
      unsafeOutput: source`
        FROM golang:1.25 AS builder
        RUN go build -o /app .
        FROM debian:12-slim
        COPY --from=builder /app /app
      `,
    },
    {
      name: 'a later stage, a stage index past the earlier ones, the stage itself, a name close to two stages',
      code: source`
        FROM debian:12-slim AS app
        COPY --from=build1 /a /a
        COPY --from=1 /b /b
        COPY --from=app /c /c
        COPY --from=0 /d /d
        FROM debian:12-slim AS build1
        FROM debian:12-slim AS build2
        FROM debian:12-slim
        COPY --from=build3 /e /e
        COPY --from=foo /f /f
      `,
      errors: [
        { line: 2, column: 13, code: 'DL3022', message: '`COPY --from=build1` names a stage defined further down: only earlier stages count, so the image `build1` would be pulled.', fixes: [] },
        { line: 3, column: 13, code: 'DL3022' },
        { line: 4, column: 13, code: 'DL3023', severity: 'error' },
        { line: 5, column: 13, code: 'DL3023', severity: 'error' },
        { line: 9, column: 13, code: 'DL3022', fixes: [] },
        { line: 10, column: 13, code: 'DL3022', fixes: [] },
      ],
    },
  ],
});

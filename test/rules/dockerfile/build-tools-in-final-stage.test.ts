import * as fs from 'node:fs';
import * as path from 'node:path';
import rule from '../../../engine/src/rules/dockerfile/build-tools-in-final-stage';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

const AI_SERVER = fs.readFileSync(path.join(__dirname, '../../../examples/vrecommendation/backend/ai_server/Dockerfile'), 'utf8');

const AI_SERVER_CONVERTED = `FROM python:3.9.23-slim AS builder

WORKDIR /app

# System dependencies for building wheels
RUN apt-get update && apt-get install -y \\
    gcc \\
    g++ \\
    curl \\
    && rm -rf /var/lib/apt/lists/*

# Install Poetry
RUN pip install poetry

# Configure Poetry
RUN poetry config virtualenvs.create false

# Copy Poetry files
COPY pyproject.toml poetry.lock* ./

# Dependencies go into a virtual environment that the runtime stage copies
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"

# Install dependencies
RUN poetry install --no-dev --no-root

# Copy application code
COPY . .

# Runtime stage: no compilers or build tools
FROM python:3.9.23-slim

WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN groupadd -r app && useradd -r -g app app
COPY --from=builder /opt/venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
COPY --from=builder /app /app
USER app

EXPOSE 9999

CMD python -m ai_server.main
`;

ruleTester(rule, {
  valid: [
    { name: 'the API server: -dev packages only in the builder stage', code: source`
      FROM golang:1.24.4 AS builder
      WORKDIR /app
      RUN apt-get update && apt-get install -y --no-install-recommends librdkafka-dev && rm -rf /var/lib/apt/lists/*
      RUN go build -o /app/api_server ./cmd/server
      FROM debian:bookworm-slim
      RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates librdkafka1 curl && rm -rf /var/lib/apt/lists/*
      COPY --from=builder /app/api_server /app/api_server
    ` },
    { name: 'apk virtual package removed in the same RUN', code: 'FROM node:22-alpine\nRUN apk add --no-cache --virtual .build-deps python3 make g++ && npm ci && apk del .build-deps\n' },
    'FROM python:3.13-slim\nRUN pip install --no-cache-dir flask\n',
    { name: 'purged in the same RUN (postgres image)', code: 'FROM debian:12-slim\nRUN apt-get update; apt-get install -y --no-install-recommends dpkg-dev gcc; make; apt-get purge -y --auto-remove; rm -rf /var/lib/apt/lists/*\n' },
  ],
  invalid: [
    {
      name: 'the AI server: gcc/g++ and Poetry, converted to a builder and a runtime stage',
      code: AI_SERVER,
      errors: [
        { line: 7, column: 5, endLine: 8, endColumn: 8, severity: 'info', message: 'The final image keeps the build tools `gcc`, `g++`: build in a separate stage and copy only the results.', fixes: ['Convert to multi-stage build'] },
        { line: 13, column: 17, endColumn: 23, fixes: ['Convert to multi-stage build'] },
      ],
      unsafeOutput: AI_SERVER_CONVERTED,
    },
    {
      name: 'Go toolchain as the final image',
      code: source`
        FROM golang:1.25
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/app .
        ENTRYPOINT ["/out/app"]
      `,
      errors: [{ line: 1, column: 6, endColumn: 17 }],
      unsafeOutput: source`
        FROM golang:1.25 AS builder
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/app .

        # Runtime stage: no compilers or build tools
        FROM gcr.io/distroless/static-debian12
        COPY --from=builder /out/app /out/app
        USER nonroot

        ENTRYPOINT ["/out/app"]
      `,
    },
    {
      name: 'npm run build in the final stage (single stage Node)',
      code: source`
        FROM node:22-alpine
        WORKDIR /app
        COPY . .
        RUN npm ci && npm run build
        CMD ["node", "dist/index.js"]
      `,
      errors: [{ line: 4, column: 15, endColumn: 28 }],
      unsafeOutput: source`
        FROM node:22-alpine AS builder
        WORKDIR /app
        COPY . .
        RUN npm ci && npm run build

        # Keep only the production dependencies for the runtime stage
        RUN npm prune --omit=dev

        # Runtime stage: no compilers or build tools
        FROM node:22-alpine

        WORKDIR /app
        ENV NODE_ENV=production
        COPY --from=builder /app /app
        USER node

        CMD ["node", "dist/index.js"]
      `,
    },
    // Issue 15: the new lines must not continue the last instruction, nor land in a heredoc body.
    {
      name: 'the last RUN ends in a dangling \\ without a final line break: the escape goes, the builder stage ends there',
      code: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build \\',
      errors: [{ line: 4, column: 15, endColumn: 28 }],
      unsafeOutput: source`
        FROM node:22-alpine AS builder
        WORKDIR /app
        COPY . .
        RUN npm ci && npm run build

        # Keep only the production dependencies for the runtime stage
        RUN npm prune --omit=dev

        # Runtime stage: no compilers or build tools
        FROM node:22-alpine

        WORKDIR /app
        ENV NODE_ENV=production
        COPY --from=builder /app /app
        USER node
      `,
    },
    {
      name: 'an unterminated heredoc: reported without a conversion',
      code: source`
        FROM node:22-alpine
        WORKDIR /app
        COPY . .
        RUN npm ci && npm run build
        RUN <<EOF
        npm test
      `,
      errors: [{ line: 4, column: 15, endColumn: 28, fixes: [] }],
    },
  ],
});

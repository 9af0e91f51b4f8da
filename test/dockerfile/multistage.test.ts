import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll, memoryWorkspace } from '../../engine/src/index';
import { parseDockerfile } from '../../engine/src/dockerfile/model';
import { installedPackages } from '../../engine/src/dockerfile/facts';
import { isBuildTool } from '../../engine/src/dockerfile/multistage';
import rule from '../../engine/src/rules/dockerfile/build-tools-in-final-stage';
import { source } from '../lib/yaml-tag';

/** Applies "Convert to multi-stage build" and reads the result's structure. */
function convert(text: string) {
  const result = fixAll('/w/Dockerfile', text, { unsafe: true, only: [rule.meta.id], ruleSet: [rule], workspace: memoryWorkspace({}), onRuleError: (_id, error) => { throw error; } });
  const file = parseDockerfile('/w/Dockerfile', result.output);
  const final = file.finalStage!;
  const keywords = (keyword: string) => final.instructions.filter((i) => i.getKeyword() === keyword).map((i) => i.getArgumentsContent() ?? '');
  const users = keywords('USER');
  return {
    output: result.output,
    remaining: result.remaining.map((problem) => problem.ruleId),
    stages: file.stages.map((stage) => `${stage.baseImage}${stage.name ? ` AS ${stage.name}` : ''}`),
    finalTools: [...installedPackages(file, final)].filter(isBuildTool),
    copiesFrom: final.instructions.filter((i) => i.getKeyword() === 'COPY' && /--from=builder/.test(file.text.slice(file.rangeOf(i).start, file.rangeOf(i).end))).length,
    lastUser: users[users.length - 1],
    cmd: keywords('CMD'),
    finalRuns: keywords('RUN'),
  };
}

describe('Convert to multi-stage build', () => {
  it('Python with pip: venv in the builder, gcc left behind, non-root runtime', () => {
    const r = convert(source`
      FROM python:3.12-slim
      WORKDIR /srv
      RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev libpq5 && rm -rf /var/lib/apt/lists/*
      COPY requirements.txt .
      RUN pip install --no-cache-dir -r requirements.txt
      COPY . .
      EXPOSE 8000
      CMD ["gunicorn", "app:app"]
    `);
    assert.deepEqual(r.stages, ['python:3.12-slim AS builder', 'python:3.12-slim']);
    assert.deepEqual(r.finalTools, []);
    assert.equal(r.copiesFrom, 2);
    assert.equal(r.lastUser, 'app');
    assert.deepEqual(r.cmd, ['["gunicorn", "app:app"]']);
    assert.deepEqual(r.finalRuns, ['apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*', 'groupadd -r app && useradd -r -g app app']);
    assert.deepEqual(r.remaining, []);
    assert.match(r.output, /RUN python -m venv \/opt\/venv\nENV VIRTUAL_ENV=\/opt\/venv PATH="\/opt\/venv\/bin:\$PATH"\nRUN pip install --no-cache-dir -r requirements.txt/);
  });

  it('Python on Alpine with Poetry: addgroup/adduser, poetry run dropped from CMD', () => {
    const r = convert(source`
      FROM python:3.13-alpine
      WORKDIR /app
      RUN apk add --no-cache gcc musl-dev
      RUN pip install --no-cache-dir poetry
      COPY pyproject.toml poetry.lock ./
      RUN poetry install --only=main --no-root
      COPY . .
      CMD ["poetry", "run", "python", "-m", "app"]
    `);
    assert.deepEqual(r.stages, ['python:3.13-alpine AS builder', 'python:3.13-alpine']);
    assert.deepEqual(r.finalTools, []);
    assert.deepEqual(r.finalRuns, ['addgroup -S app && adduser -S -G app app']);
    assert.equal(r.lastUser, 'app');
    assert.equal(r.copiesFrom, 2);
    assert.deepEqual(r.remaining, []);
  });

  it('Node: build in the builder, prune dev dependencies, USER node in the runtime', () => {
    const r = convert(source`
      FROM node:22-alpine
      WORKDIR /app
      RUN apk add --no-cache python3 make g++
      COPY package*.json ./
      RUN npm ci
      COPY . .
      RUN npm run build
      EXPOSE 3000
      CMD ["node", "dist/server.js"]
    `);
    assert.deepEqual(r.stages, ['node:22-alpine AS builder', 'node:22-alpine']);
    assert.deepEqual(r.finalTools, []);
    assert.deepEqual(r.finalRuns, ['apk add --no-cache python3']);
    assert.equal(r.lastUser, 'node');
    assert.equal(r.copiesFrom, 1);
    assert.match(r.output, /RUN npm run build\n\n# Keep only the production dependencies for the runtime stage\nRUN npm prune --omit=dev\n/);
    assert.deepEqual(r.remaining, []);
  });

  it('Go with CGO disabled: distroless static runtime as nonroot', () => {
    const r = convert(source`
      FROM golang:1.25
      WORKDIR /src
      COPY . .
      RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server
      EXPOSE 8080
      ENTRYPOINT ["/out/server"]
    `);
    assert.deepEqual(r.stages, ['golang:1.25 AS builder', 'gcr.io/distroless/static-debian12']);
    assert.equal(r.lastUser, 'nonroot');
    assert.equal(r.copiesFrom, 1);
    assert.match(r.output, /COPY --from=builder \/out\/server \/out\/server\nUSER nonroot\n\nEXPOSE 8080\n\nENTRYPOINT \["\/out\/server"\]\n$/);
    assert.deepEqual(r.remaining, []);
  });

  it('Go with cgo (and a relative -o): a Debian runtime with its own user', () => {
    const r = convert(source`
      FROM golang:1.25
      WORKDIR /src
      COPY . .
      RUN go build -o bin/app .
      CMD ["/src/bin/app"]
    `);
    assert.deepEqual(r.stages, ['golang:1.25 AS builder', 'debian:12-slim']);
    assert.deepEqual(r.finalRuns, ['groupadd -r app && useradd -r -g app app']);
    assert.equal(r.lastUser, 'app');
    assert.match(r.output, /COPY --from=builder \/src\/bin\/app \/src\/bin\/app\n/);
  });

  it('no conversion for multi-stage files or without WORKDIR: the problem stays, without a fix', () => {
    for (const text of [
      source`
        FROM python:3.13-slim
        RUN apt-get install -y gcc
        CMD ["python"]
      `,
      source`
        FROM debian:12 AS base
        RUN true
        FROM base
        RUN apt-get install -y gcc
      `,
    ]) {
      const r = convert(text);
      assert.equal(r.output, text);
      assert.deepEqual(r.remaining, ['dockerfile/build-tools-in-final-stage']);
    }
  });
});

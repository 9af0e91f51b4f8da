// The second fix of compose/healthcheck-tool: install the missing tool in the service's Dockerfile (other file).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { applyEdits, lint, memoryWorkspace } from '../../engine/src/index';
import { source } from '../lib/yaml-tag';

it('compose/healthcheck-tool installs curl before USER in a Debian-based Dockerfile', () => {
  const dockerfile = source`
    FROM python:3.12-slim
    COPY . /app
    USER nobody
    CMD ["python", "/app/main.py"]
  `;
  const code = source`
    services:
      api:
        build: .
        healthcheck:
          test: ["CMD", "curl", "-f", "http://127.0.0.1:8000/"]
  `;
  const result = lint('/w/compose.yaml', code, { only: ['compose/healthcheck-tool'], workspace: memoryWorkspace({ '/w/Dockerfile': dockerfile }) });
  const install = result.problems[0].fixes[1];
  assert.equal(install.title, 'Install curl in Dockerfile');
  assert.deepEqual(install.edits, []);
  const change = install.otherFiles![0];
  assert.equal(change.kind, 'edit');
  assert.equal(change.path, '/w/Dockerfile');
  assert.equal(applyEdits(dockerfile, change.kind === 'edit' ? change.edits : []), source`
    FROM python:3.12-slim
    COPY . /app
    RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
    USER nobody
    CMD ["python", "/app/main.py"]
  `);
});

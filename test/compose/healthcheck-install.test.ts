// The second fix of compose/healthcheck-tool: install the missing tool in the service's Dockerfile (other file).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { applyEdits, lint, memoryWorkspace } from '../../engine/src/index';

it('compose/healthcheck-tool installs curl before USER in a Debian-based Dockerfile', () => {
  const dockerfile = 'FROM python:3.12-slim\nCOPY . /app\nUSER nobody\nCMD ["python", "/app/main.py"]\n';
  const code = 'services:\n  api:\n    build: .\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/"]\n';
  const result = lint('/w/compose.yaml', code, { only: ['compose/healthcheck-tool'], workspace: memoryWorkspace({ '/w/Dockerfile': dockerfile }) });
  const install = result.problems[0].fixes[1];
  assert.equal(install.title, 'Install curl in Dockerfile');
  assert.deepEqual(install.edits, []);
  const change = install.otherFiles![0];
  assert.equal(change.kind, 'edit');
  assert.equal(change.path, '/w/Dockerfile');
  assert.equal(applyEdits(dockerfile, change.kind === 'edit' ? change.edits : []), 'FROM python:3.12-slim\nCOPY . /app\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\nCMD ["python", "/app/main.py"]\n');
});

/**
 * The design review's findings on the example workspace (examples/vrecommendation): the AI server and frontend
 * Dockerfiles get what the seed describes, the API server's good Dockerfile gets nothing false.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixAll, lint } from '../../engine/src/index';
import { diskWorkspace } from '../../engine/src/node';
import { parseDockerfile } from '../../engine/src/dockerfile/model';

const ROOT = path.resolve(__dirname, '../../examples/vrecommendation');

function findings(relative: string, today: string): string[] {
  const file = path.join(ROOT, relative);
  const text = fs.readFileSync(file, 'utf8');
  const result = lint(file, text, { workspace: diskWorkspace(ROOT), today: new Date(today), onRuleError: (_id, error) => { throw error; } });
  return result.problems.filter((p) => p.ruleId.startsWith('dockerfile/')).map((p) => `${text.slice(0, p.start).split('\n').length} ${p.ruleId}`);
}

describe('examples/vrecommendation Dockerfiles', () => {
  // Shortly after the design review: Python 3.9 just reached its end of life (2025-10-31).
  const REVIEW = '2025-11-01T00:00:00Z';

  it('AI server: EOL Python, root, no healthcheck, apt recommends, pip cache, build tools, --no-dev, no .dockerignore, shell-form CMD', () => {
    assert.deepEqual(findings('backend/ai_server/Dockerfile', REVIEW), [
      '1 dockerfile/healthcheck',
      '1 dockerfile/non-root-user',
      '1 dockerfile/base-image-eol',
      '6 dockerfile/apt-no-install-recommends',
      '7 dockerfile/build-tools-in-final-stage',
      '13 dockerfile/pip-no-cache-dir',
      '13 dockerfile/build-tools-in-final-stage',
      '22 dockerfile/poetry-no-dev',
      '25 dockerfile/dockerignore',
      '29 dockerfile/json-args',
    ]);
  });

  it('frontend: EOL Node 18 in both stages, --only=production before the build, no .dockerignore, root, shell-form CMD', () => {
    assert.deepEqual(findings('frontend/project/Dockerfile', REVIEW), [
      '1 dockerfile/base-image-eol',
      '7 dockerfile/npm-omit-dev-before-build',
      '9 dockerfile/dockerignore',
      '13 dockerfile/healthcheck',
      '13 dockerfile/non-root-user',
      '13 dockerfile/base-image-eol',
      '24 dockerfile/json-args',
    ]);
  });

  it('API server: nothing at review time', () => {
    assert.deepEqual(findings('backend/api_server/Dockerfile', REVIEW), []);
  });

  it('API server today (2026-11-25): only the Go 1.24 builder, past its end of life since Go 1.26 shipped', () => {
    assert.deepEqual(findings('backend/api_server/Dockerfile', '2026-11-25T00:00:00Z'), ['2 dockerfile/base-image-eol']);
  });

  it('fixing everything (safe and unsafe) leaves both images non-root, with a .dockerignore in both build contexts', () => {
    for (const [relative, user] of [['backend/ai_server/Dockerfile', 'app'], ['frontend/project/Dockerfile', 'node']] as const) {
      const file = path.join(ROOT, relative);
      const text = fs.readFileSync(file, 'utf8');
      const result = fixAll(file, text, { workspace: diskWorkspace(ROOT), today: new Date(REVIEW), unsafe: true, onRuleError: (_id, error) => { throw error; } });
      const fixed = parseDockerfile(file, result.output);
      const users = fixed.finalStage!.instructions.filter((i) => i.getKeyword() === 'USER').map((i) => i.getArgumentsContent());
      assert.equal(users[users.length - 1], user, relative);
      const runs = fixed.finalStage!.instructions.filter((i) => i.getKeyword() === 'RUN' || i.getKeyword() === 'CMD').map((i) => i.getArgumentsContent() ?? '');
      assert.ok(!runs.some((line) => /\b(gcc|g\+\+|poetry)\b/.test(line)), `no build tool runs in the final stage:\n${runs.join('\n')}`);
      const created = result.otherFiles.map((changed) => path.relative(ROOT, changed.path));
      assert.deepEqual(created, [path.join(path.dirname(relative), '.dockerignore')]);
      assert.deepEqual(result.remaining.map((p) => p.ruleId).filter((id) => id !== 'dockerfile/base-image-eol'), [], `${relative}:\n${result.output}`);
    }
  });
});

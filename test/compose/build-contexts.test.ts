/**
 * The build contexts of a compose file's services, and where a `.dockerignore` line keeps a folder out of them: only
 * in a folder something builds from (never next to a compose file whose services only pull images).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { dockerignoreExclusions, isRemoteOrUnknownContext, localBuildContexts } from '../../engine/src/compose/build-contexts';
import { parseCompose } from '../../engine/src/compose/model';
import { createProject, memoryWorkspace } from '../../engine/src/index';

const ROOT = path.resolve('/workspace/app');
const at = (relative: string) => path.join(ROOT, relative);

function setup(compose: string, files: Record<string, string>) {
  const composePath = at('compose.yaml');
  const all: Record<string, string> = { [composePath]: compose };
  for (const [relative, text] of Object.entries(files)) all[at(relative)] = text;
  return { file: parseCompose(composePath, compose), project: createProject(memoryWorkspace(all)) };
}

describe('compose build contexts', () => {
  it('remote and interpolated contexts are not folders of the workspace', () => {
    for (const remote of ['https://github.com/o/r.git#main', 'git://host/r.git', 'git@github.com:o/r.git', 'github.com/o/r', '${APP_DIR:-.}', './$DIR']) assert.equal(isRemoteOrUnknownContext(remote), true, remote);
    for (const local of ['.', './api', '../shared', 'api/v2', 'C:\\src']) assert.equal(isRemoteOrUnknownContext(local), false, local);
  });

  it('local contexts that exist, each once; not remote ones, not missing folders', () => {
    const { file, project } = setup(
      'services:\n  api:\n    build: ./api\n  worker:\n    build:\n      context: ./api\n      dockerfile: Dockerfile.worker\n  remote:\n    build: https://github.com/o/r.git\n  gone:\n    build: ./missing\n  db:\n    image: postgres:17\n',
      { 'api/Dockerfile': 'FROM scratch\n' },
    );
    assert.deepEqual(localBuildContexts(file, project), [at('api')]);
  });

  it('nothing builds from the compose folder (images only): no .dockerignore is written', () => {
    const { file, project } = setup('services:\n  db:\n    image: postgres:17\n', {});
    assert.deepEqual(dockerignoreExclusions(file, project, at('secrets')), []);
  });

  it('a context below the excluded folder\'s parent does not contain it: nothing written there', () => {
    const { file, project } = setup('services:\n  api:\n    build: ./api\n', { 'api/Dockerfile': 'FROM scratch\n' });
    assert.deepEqual(dockerignoreExclusions(file, project, at('secrets')), []);
  });

  it('the compose folder as context gets `secrets/`; a context above it the path from there; BuildKit\'s own ignore file too', () => {
    const { file, project } = setup(
      'services:\n  api:\n    build: .\n  web:\n    build:\n      context: ..\n      dockerfile: app/web.Dockerfile\n',
      { Dockerfile: 'FROM scratch\n', 'web.Dockerfile': 'FROM scratch\n', 'web.Dockerfile.dockerignore': '.git\n' },
    );
    assert.deepEqual(dockerignoreExclusions(file, project, at('secrets')), [
      { kind: 'ensureLines', path: at('.dockerignore'), lines: ['secrets/'] },
      { kind: 'ensureLines', path: path.join(ROOT, '..', '.dockerignore'), lines: ['app/secrets/'] },
      { kind: 'ensureLines', path: at('web.Dockerfile.dockerignore'), lines: ['app/secrets/'] },
    ]);
  });
});

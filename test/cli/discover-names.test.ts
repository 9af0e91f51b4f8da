// Which files a folder search finds: compose files by every name people give them, other YAML files by content,
// and never a YAML file that only looks like one (a CI config, Helm values, a GitLab `services:` list).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discover } from '../../cli/src/discover';
import { corpusRoot as corpus } from '../lib/corpus';

const service = 'services:\n  web:\n    image: nginx:1.27\n';

const files: Record<string, string | undefined> = {
  // found by name (content does not matter)
  'compose.yaml': service,
  'docker-compose-dev.yml': service,
  'docker-compose-test.yml': service,
  'docker-compose.prod.yml': 'services:\n  web:\n    restart: always\n',
  'compose-debug.yaml': service,
  'api.compose.yaml': service,
  'docker-stack.yml': service,
  'docker-stack-prod.yaml': service,
  'stack.yml': service,
  'docker-swarm.yml': service,
  // found by content
  'deploy/app.yml': service,
  'deploy/built.yaml': 'services:\n  api:\n    build: .\n',
  // not compose files
  'composer.yaml': 'require: {}\n',
  'my-compose.yml': 'services: []\n',
  '.gitlab-ci.yml': 'services:\n  - postgres:16\ntest:\n  script: [make]\n',
  '.github/workflows/ci.yml': 'jobs:\n  test:\n    services:\n      db:\n        image: postgres:16\n',
  'chart/values.yaml': 'services:\n  web:\n    image:\n      repository: nginx\n      tag: "1.27"\n',
  'docs/mkdocs.yml': 'site_name: x\n',
  'broken.yml': 'services:\n  web: [\n',
};

describe('discover: compose file names and content', () => {
  it('finds every compose file name and YAML files whose content is compose, and nothing else', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-discover-'));
    try {
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text ?? '');
      }
      const found = discover(['.'], { cwd: dir }).map((target) => `${path.relative(dir, target.absolutePath)}:${target.kind}`);
      assert.deepEqual(found, [
        'api.compose.yaml:compose',
        'compose-debug.yaml:compose',
        'compose.yaml:compose',
        'deploy/app.yml:compose',
        'deploy/built.yaml:compose',
        'docker-compose-dev.yml:compose',
        'docker-compose-test.yml:compose',
        'docker-compose.prod.yml:compose',
        'docker-stack-prod.yaml:compose',
        'docker-stack.yml:compose',
        'docker-swarm.yml:compose',
        'stack.yml:compose',
      ]);
      // --kind dockerfile does not read YAML files at all.
      assert.deepEqual(discover(['.'], { cwd: dir, kind: 'dockerfile' }), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds exactly the compose files of the corpus (MANIFEST), none taken wrongly', () => {
    const manifest = fs.readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
    const expected = manifest.filter((row) => row[2] === 'compose').map((row) => row[1]).sort();
    const found = discover(['.'], { cwd: corpus, kind: 'compose' }).map((target) => path.relative(corpus, target.absolutePath)).sort();
    assert.equal(found.length, expected.length);
    assert.deepEqual(found, expected);
  });
});

/**
 * The pre-commit hooks (.pre-commit-hooks.yaml) in real pre-commit (Debian's 3.0.4, installed by scripts/test.mjs),
 * on staged files of a temp git repository. pre-commit installs a `language: node` hook repository by `npm pack`ing
 * its root and `npm install -g` of the tarball; offline, the test gives pre-commit the root's tarball as the hooks'
 * dependency (a `repo: local` copy of our hook definitions), so the same package and the same hook definitions run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml, stringify } from 'yaml';
import { COMPOSE_FILE_NAME, DOCKERFILE_NAME, baseName, isComposeFileName, isDockerfileName } from '../../engine/src/core/file-names';
import { cli } from '../cli/helpers';
import { npm, repoRoot, tempDir } from './pack';

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  [key: string]: unknown;
}
const hooks = parseYaml(fs.readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** A pre-commit `files` pattern (Python `re.search` on the path) as a JS RegExp: inline (?a)/(?i) flags become flags. */
function jsPattern(files: string): RegExp {
  const flags = /^\(\?([ai]+)\)/.exec(files);
  return new RegExp(flags ? files.slice(flags[0].length) : files, flags?.[1].includes('i') ? 'i' : '');
}

describe('.pre-commit-hooks.yaml', () => {
  it('has check and fix hooks for compose files and Dockerfiles, language node, running docker-harden', () => {
    assert.deepEqual(
      hooks.map((hook) => [hook.id, hook.entry, hook.language]),
      [
        ['docker-harden-compose', 'docker-harden check', 'node'],
        ['docker-harden-dockerfile', 'docker-harden check', 'node'],
        ['docker-harden-compose-fix', 'docker-harden fix', 'node'],
        ['docker-harden-dockerfile-fix', 'docker-harden fix', 'node'],
      ],
    );
  });

  it('file patterns are the CLI\'s file-name rules (engine/src/core/file-names.ts) applied to a path', () => {
    // A name rule anchored at the start of the name is anchored after the last `/` of a path; \w stays ASCII ((?a)).
    const compose = `(?ai)${COMPOSE_FILE_NAME.source.replace(/^\^/, '(^|/)')}`;
    const dockerfile = `(?a)${DOCKERFILE_NAME.source.replace(/^\^/, '(^|/)')}`;
    assert.deepEqual(hooks.map((hook) => hook.files), [compose, dockerfile, compose, dockerfile]);
    const samples = ['docker-compose.yml', 'deploy/compose.prod.yaml', 'a/b/docker-compose-dev.yml', 'api.compose.yaml', 'stack.yml', 'x/docker-stack.yml', 'COMPOSE.YML', 'composer.yaml', 'my-compose.yml', 'compose.yml.bak', 'notes.yaml', 'Dockerfile', 'app/Dockerfile.dev', 'api.Dockerfile', 'Containerfile', 'dockerfile', 'Dockerfile/readme.md', 'x/Dockerfiles', 'docs/build.dockerfile'];
    for (const sample of samples) {
      assert.equal(jsPattern(hooks[0].files).test(sample), isComposeFileName(baseName(sample)), sample);
      assert.equal(jsPattern(hooks[1].files).test(sample), isDockerfileName(baseName(sample)), sample);
    }
  });
});

describe('pre-commit on staged files', () => {
  let work = '';
  let project = '';
  let tarball = '';
  const env = () => ({ ...process.env, PRE_COMMIT_HOME: path.join(work, 'pre-commit-home'), npm_config_cache: path.join(work, 'npm-cache'), npm_config_offline: 'true', npm_config_update_notifier: 'false', XDG_CACHE_HOME: path.join(work, 'xdg'), NO_COLOR: '1' });
  const git = (...args: string[]) => {
    const result = spawnSync('git', args, { cwd: project, encoding: 'utf8' });
    assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  const preCommit = (...args: string[]) => {
    const result = spawnSync('pre-commit', ['run', '--color', 'never', ...args], { cwd: project, encoding: 'utf8', env: env(), timeout: 300_000 });
    if (result.error) throw new Error(`pre-commit does not run (${result.error.message}): npm test installs Debian's pre-commit (apt-get install pre-commit)`);
    return { status: result.status, output: result.stdout + result.stderr };
  };

  before(() => {
    work = tempDir('pre-commit');
    // `npm pack` of the repository root, as pre-commit does it: stdout must be the tarball's name alone.
    const packed = npm(['pack', repoRoot, '--pack-destination', work], work, path.join(work, 'npm-cache'));
    assert.equal(packed.status, 0, packed.stderr);
    assert.equal(packed.stdout, `docker-harden-${version}.tgz\n`);
    tarball = path.join(work, packed.stdout.trim());
    const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
    assert.deepEqual(listing, ['package/LICENSE', 'package/README.md', 'package/bin/docker-harden.js', 'package/dist/cli-dockerfile-language-service.js', 'package/dist/cli.js', 'package/package.json', 'package/scripts/build-after-install.cjs']);

    project = path.join(work, 'project');
    fs.mkdirSync(path.join(project, 'app'), { recursive: true });
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    fs.writeFileSync(path.join(project, 'docker-compose.yml'), 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n    environment:\n      DB_PASSWORD: hunter2\n');
    fs.writeFileSync(path.join(project, 'app', 'Dockerfile'), 'FROM debian:bookworm\nRUN curl -k https://example.com/install.sh -o /tmp/install.sh\nCMD echo hi\n');
    // Staged, a compose file by content only: the hooks' patterns leave it out (the CLI would lint a named file by content).
    fs.writeFileSync(path.join(project, 'notes.yaml'), 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n');
    const config = { repos: [{ repo: 'local', hooks: hooks.map((hook) => ({ ...hook, additional_dependencies: [tarball] })) }] };
    fs.writeFileSync(path.join(project, '.pre-commit-config.yaml'), stringify(config));
    git('add', '.');
    // Not staged: pre-commit run (without --all-files) never passes it to a hook.
    fs.writeFileSync(path.join(project, 'compose.dev.yaml'), 'services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: hunter2\n');
  });
  after(() => fs.rmSync(work, { recursive: true, force: true, maxRetries: 3 }));

  it('the compose hook lints the staged compose file as `docker-harden check` does, and fails on its error', () => {
    const run = preCommit('docker-harden-compose');
    assert.equal(run.status, 1, run.output);
    const expected = cli(['check', 'docker-compose.yml'], project);
    assert.equal(expected.status, 1);
    assert.ok(run.output.includes(expected.stdout), run.output);
    assert.match(run.output, /^docker-harden \(compose files\)\.+Failed$/m);
    assert.ok(!run.output.includes('compose.dev.yaml') && !run.output.includes('notes.yaml'), run.output);
  });

  it('the Dockerfile hook lints the staged Dockerfile and fails on its error', () => {
    const run = preCommit('docker-harden-dockerfile');
    assert.equal(run.status, 1, run.output);
    const expected = cli(['check', 'app/Dockerfile'], project);
    assert.match(expected.stdout, /dockerfile\/tls-verification/);
    assert.ok(run.output.includes(expected.stdout), run.output);
  });

  it('the fix hook applies the safe fixes (as `docker-harden fix`) and stops the commit with the file changed', () => {
    const copy = path.join(work, 'copy');
    fs.mkdirSync(copy);
    fs.copyFileSync(path.join(project, 'docker-compose.yml'), path.join(copy, 'docker-compose.yml'));
    assert.equal(cli(['fix', 'docker-compose.yml'], copy).status, 1);
    const run = preCommit('docker-harden-compose-fix');
    assert.equal(run.status, 1, run.output);
    assert.match(run.output, /files were modified by this hook/);
    const fixed = fs.readFileSync(path.join(project, 'docker-compose.yml'), 'utf8');
    assert.equal(fixed, fs.readFileSync(path.join(copy, 'docker-compose.yml'), 'utf8'));
    assert.ok(!fixed.startsWith('version:'), 'the obsolete version key is removed by the safe fix');
    assert.match(fixed, /^ {4}restart: unless-stopped$/m);
    assert.equal(fs.readFileSync(path.join(project, 'compose.dev.yaml'), 'utf8').includes('healthcheck'), false, 'an unstaged file is not fixed');
  });

  it('passes once the staged files have no error', () => {
    fs.writeFileSync(path.join(project, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n');
    git('add', 'docker-compose.yml');
    const run = preCommit('docker-harden-compose');
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /^docker-harden \(compose files\)\.+Passed$/m);
  });
});

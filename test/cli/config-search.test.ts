/**
 * Where `.docker-harden.yaml` and `.hadolint.yaml` are found (issue 16): next to the file or in a folder above it, up
 * to the repository root (a `.git` folder marks it), whatever folder the command runs in; a sub-project with its own
 * config uses its own.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigResolver, loadConfig } from '../../engine/src/index';
import { diskConfigFiles } from '../../engine/src/node';
import { source } from '../lib/yaml-tag';
import { cli, onlyRulesConfig, removeProject, tempProject } from './helpers';

/** Config lookups on disk, as the CLI's. */
const files = diskConfigFiles();

const made: string[] = [];
after(() => made.forEach(removeProject));
function project(files: Record<string, string>): string {
  const dir = tempProject(files);
  made.push(dir);
  return dir;
}

/** json-args (DL3025) and apk-no-cache (DL3018/DL3019) report on this Dockerfile. */
const dockerfile = source`
  FROM alpine:3.22
  RUN apk add curl
  USER nobody
  CMD echo hi
`;
const rules = ['dockerfile/json-args', 'dockerfile/apk-no-cache'];

function layout(): string {
  return project({
    '.git/HEAD': '',
    '.docker-harden.yaml': onlyRulesConfig(rules),
    '.hadolint.yaml': 'ignored: [DL3025]\n',
    'services/api/Dockerfile': dockerfile,
    // A sub-project with its own config and its own .hadolint.yaml.
    'services/legacy/.docker-harden.yaml': onlyRulesConfig([...rules, 'dockerfile/casing']),
    'services/legacy/.hadolint.yaml': 'ignored: [DL3018, DL3019]\n',
    'services/legacy/worker/Dockerfile': dockerfile,
    // A folder with only its own .hadolint.yaml: the repository's config, this .hadolint.yaml.
    'services/web/.hadolint.yaml': 'ignored: []\n',
    'services/web/Dockerfile': dockerfile,
  });
}

function ruleIds(run: { stdout: string }): [string, string[]][] {
  return JSON.parse(run.stdout).files.map((file: { path: string; problems: { ruleId: string }[] }) => [file.path, file.problems.map((problem) => problem.ruleId)]);
}

describe('config search from the file up to the repository root', () => {
  it('the resolver: nearest .docker-harden.yaml and nearest .hadolint.yaml, each up to the .git folder', () => {
    const dir = layout();
    const resolver = new ConfigResolver({ files });
    const api = resolver.forPath(path.join(dir, 'services/api/Dockerfile'));
    assert.deepEqual([api.file, api.hadolintFile, api.hadolintIgnored], [path.join(dir, '.docker-harden.yaml'), path.join(dir, '.hadolint.yaml'), ['DL3025']]);
    const legacy = resolver.forPath(path.join(dir, 'services/legacy/worker/Dockerfile'));
    assert.deepEqual([legacy.file, legacy.hadolintIgnored, legacy.root], [path.join(dir, 'services/legacy/.docker-harden.yaml'), ['DL3018', 'DL3019'], path.join(dir, 'services/legacy')]);
    const web = resolver.forPath(path.join(dir, 'services/web/Dockerfile'));
    assert.deepEqual([web.file, web.hadolintFile, web.hadolintIgnored], [path.join(dir, '.docker-harden.yaml'), path.join(dir, 'services/web/.hadolint.yaml'), []]);
    // The config file is read and parsed once, whatever .hadolint.yaml goes with it.
    assert.equal(web.config, api.config);
  });

  it('a config below the repository root still finds the .hadolint.yaml at the root; no .hadolint.yaml above the .git folder', () => {
    const dir = project({
      '.hadolint.yaml': 'ignored: [DL3006]\n',
      'repo/.git/HEAD': '',
      'repo/.hadolint.yaml': 'ignored: [DL3025]\n',
      'repo/app/.docker-harden.yaml': 'profile: strict\n',
      'repo/app/Dockerfile': dockerfile,
      'other/.git/HEAD': '',
      'other/app/Dockerfile': dockerfile,
    });
    assert.deepEqual(loadConfig(path.join(dir, 'repo/app/Dockerfile'), { files }).hadolintIgnored, ['DL3025']);
    assert.deepEqual(loadConfig(path.join(dir, 'other/app/Dockerfile'), { files }).hadolintIgnored, []);
  });

  it('CLI check of a nested file from the repository root, from its own folder, and of the whole tree', () => {
    const dir = layout();
    assert.deepEqual(ruleIds(cli(['check', '--format', 'json', 'services/api/Dockerfile'], dir)), [['services/api/Dockerfile', ['dockerfile/apk-no-cache']]]);
    assert.deepEqual(ruleIds(cli(['check', '--format', 'json', 'Dockerfile'], path.join(dir, 'services/api'))), [['Dockerfile', ['dockerfile/apk-no-cache']]]);
    assert.deepEqual(ruleIds(cli(['check', '--format', 'json', 'Dockerfile'], path.join(dir, 'services/legacy/worker'))), [['Dockerfile', ['dockerfile/json-args']]]);
    assert.deepEqual(ruleIds(cli(['check', '--format', 'json'], dir)), [
      ['services/api/Dockerfile', ['dockerfile/apk-no-cache']],
      ['services/legacy/worker/Dockerfile', ['dockerfile/json-args']],
      ['services/web/Dockerfile', ['dockerfile/apk-no-cache', 'dockerfile/json-args']],
    ]);
  });

  it('a broken config in force with several .hadolint.yaml files is reported once', () => {
    const dir = project({
      '.git/HEAD': '',
      '.docker-harden.yaml': 'profile: paranoid\n',
      'a/.hadolint.yaml': 'ignored: [DL3025]\n',
      'a/Dockerfile': dockerfile,
      'b/Dockerfile': dockerfile,
    });
    const files = ruleIds(cli(['check', '--format', 'json'], dir));
    assert.deepEqual(files.filter(([file]) => file === '.docker-harden.yaml'), [['.docker-harden.yaml', ['config/schema']]]);
  });
});

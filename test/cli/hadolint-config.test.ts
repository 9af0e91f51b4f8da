/**
 * `.hadolint.yaml` in the CLI: the exit status (`failure-threshold`, `no-fail`; `--fail-on` wins when given), the
 * severities of `override:` and `ignored:` in the output, and the hadolint codes in SARIF.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { source } from '../lib/yaml-tag';
import { cli, removeProject, repoRoot, tempProject } from './helpers';

const made: string[] = [];
after(() => made.forEach(removeProject));

/** Problems: json-args and non-root-user (warnings), healthcheck (info). */
const DOCKERFILE = 'FROM ubuntu:24.04\nCMD echo hi\n';
/** A compose file with an error (a literal secret). */
const COMPOSE = source`
  services:
    db:
      image: postgres:16
      environment:
        POSTGRES_PASSWORD: hunter2
`;

function run(files: Record<string, string>, args: string[] = []) {
  const dir = tempProject({ '.git/HEAD': '', ...files });
  made.push(dir);
  const result = cli(['check', '--format', 'json', ...args, '.'], dir);
  const rows = (JSON.parse(result.stdout).files as { path: string; problems: { ruleId: string; severity: string }[] }[]).flatMap((file) =>
    file.problems.map((p) => `${file.path} ${p.ruleId} ${p.severity}`),
  );
  return { status: result.status, rows };
}

describe('.hadolint.yaml in the CLI', () => {
  const cases: { name: string; files: Record<string, string>; args?: string[]; status: number }[] = [
    { name: 'no .hadolint.yaml: --fail-on error by default, warnings pass', files: { Dockerfile: DOCKERFILE }, status: 0 },
    { name: 'failure-threshold: warning fails on the warnings', files: { Dockerfile: DOCKERFILE, '.hadolint.yaml': 'failure-threshold: warning\n' }, status: 1 },
    { name: 'failure-threshold: style fails on an info', files: { Dockerfile: 'FROM ubuntu:24.04\nUSER nobody\nCMD ["true"]\n', '.hadolint.yaml': 'failure-threshold: style\n' }, status: 1 },
    { name: 'failure-threshold: error passes on warnings', files: { Dockerfile: DOCKERFILE, '.hadolint.yaml': 'failure-threshold: error\n' }, status: 0 },
    { name: 'no-fail passes on an error in the Dockerfile', files: { Dockerfile: DOCKERFILE, '.hadolint.yaml': 'no-fail: true\noverride:\n  error: [DL3025]\n' }, status: 0 },
    { name: 'without no-fail the same error fails', files: { Dockerfile: DOCKERFILE, '.hadolint.yaml': 'override:\n  error: [DL3025]\n' }, status: 1 },
    { name: '--fail-on given wins over no-fail', files: { Dockerfile: DOCKERFILE, '.hadolint.yaml': 'no-fail: true\n' }, args: ['--fail-on', 'warning'], status: 1 },
    { name: 'no-fail is about Dockerfiles: an error in a compose file still fails', files: { Dockerfile: DOCKERFILE, 'compose.yaml': COMPOSE, '.hadolint.yaml': 'no-fail: true\n' }, status: 1 },
  ];
  for (const c of cases) {
    it(`exit status: ${c.name}`, () => assert.equal(run(c.files, c.args).status, c.status));
  }

  it('override and ignored in the output', () => {
    const { rows } = run({ Dockerfile: DOCKERFILE, '.hadolint.yaml': 'ignored: [DL3057]\noverride:\n  error: [DL3025]\n  style: [DL3002]\n' });
    assert.deepEqual(rows, ['Dockerfile dockerfile/non-root-user info', 'Dockerfile dockerfile/json-args error']);
  });

  it('disable-ignore-pragma, trustedRegistries and label-schema', () => {
    const { rows } = run({
      Dockerfile: '# hadolint ignore=DL3025\nFROM quay.io/team/app:1\nLABEL version=latest\nUSER app\nHEALTHCHECK CMD ["true"]\nCMD app\n',
      '.hadolint.yaml': 'disable-ignore-pragma: true\ntrustedRegistries: [docker.io]\nlabel-schema:\n  version: semver\n',
    });
    assert.deepEqual(rows, ['Dockerfile dockerfile/trusted-registry error', 'Dockerfile dockerfile/label-schema warning', 'Dockerfile dockerfile/json-args warning']);
  });

  it('what is not hadolint\'s config is reported on .hadolint.yaml (warnings), and the rest applies', () => {
    const files = { Dockerfile: DOCKERFILE, '.hadolint.yaml': 'ignored: [DL3057, DL3002]\ntrustedRegistry: docker.io\nno-fail: "yes"\n' };
    const { status, rows } = run(files);
    assert.equal(status, 0);
    assert.deepEqual(rows, ['.hadolint.yaml config/hadolint warning', '.hadolint.yaml config/hadolint warning', 'Dockerfile dockerfile/json-args warning']);
    assert.equal(run(files, ['--fail-on', 'warning']).status, 1);
    const dir = tempProject({ '.git/HEAD': '', ...files });
    made.push(dir);
    const stylish = cli(['check', '.'], dir).stdout;
    assert.match(stylish, /\.hadolint\.yaml\n\s+2:1\s+warning\s+Unknown key "trustedRegistry"; hadolint's keys are: .*config\/hadolint\n\s+3:10\s+warning\s+no-fail must be true or false\.\s+config\/hadolint/);
  });
});

describe('hadolint codes in SARIF', () => {
  it('rules carry their codes (deprecatedIds, relationships to a hadolint taxonomy, tags), results of several-code rules their own', () => {
    const dir = tempProject({ '.git/HEAD': '', Dockerfile: 'FROM alpine\nLABEL version=x\n', '.hadolint.yaml': 'label-schema:\n  version: semver\n' });
    made.push(dir);
    const log = JSON.parse(cli(['check', '--format', 'sarif', '.'], dir).stdout);
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
    delete schema.$schema;
    delete schema.id;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid: boolean = validate(structuredClone(log));
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    const [sarifRun] = log.runs;
    const rule = (id: string) => sarifRun.tool.driver.rules.find((r: { id: string }) => r.id === id);
    const imageTag = rule('dockerfile/image-tag');
    assert.deepEqual(imageTag.deprecatedIds, ['DL3006', 'DL3007']);
    assert.deepEqual(imageTag.relationships, [
      { target: { id: 'DL3006', toolComponent: { name: 'hadolint' } }, kinds: ['superset'] },
      { target: { id: 'DL3007', toolComponent: { name: 'hadolint' } }, kinds: ['superset'] },
    ]);
    assert.deepEqual(imageTag.properties, { tags: ['docker', 'dockerfile', 'DL3006', 'DL3007'], precision: 'high', aliases: ['DL3006', 'DL3007'] });
    const jsonArgs = rule('dockerfile/json-args');
    assert.deepEqual([jsonArgs.deprecatedIds, jsonArgs.relationships[0].kinds, jsonArgs.properties.aliases], [['DL3025'], ['equal'], ['DL3025', 'JSONArgsRecommended']]);
    // A rule without hadolint codes has none of it.
    const healthcheck = rule('compose/healthcheck');
    assert.deepEqual([healthcheck.deprecatedIds, healthcheck.relationships, healthcheck.properties], [undefined, undefined, { tags: ['docker', 'compose'], precision: 'high' }]);
    const [taxonomy] = sarifRun.taxonomies;
    assert.equal(taxonomy.name, 'hadolint');
    assert.deepEqual(taxonomy.taxa.find((taxon: { id: string }) => taxon.id === 'DL3006'), { id: 'DL3006', helpUri: 'https://github.com/hadolint/hadolint/wiki/DL3006' });
    const ids = taxonomy.taxa.map((taxon: { id: string }) => taxon.id);
    assert.deepEqual(ids, [...ids].sort());
    for (const each of sarifRun.tool.driver.rules) for (const code of each.deprecatedIds ?? []) assert.ok(ids.includes(code), code);
    const results = sarifRun.results.map((r: { ruleId: string; properties?: { hadolintCode?: string } }) => [r.ruleId, r.properties?.hadolintCode]);
    assert.deepEqual(results.filter(([id]: string[]) => id === 'dockerfile/label-schema' || id === 'dockerfile/image-tag'), [
      ['dockerfile/image-tag', 'DL3006'],
      ['dockerfile/label-schema', 'DL3056'],
    ]);
  });
});

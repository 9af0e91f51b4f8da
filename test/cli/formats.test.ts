/** `--format sarif` (validated against the SARIF 2.1.0 JSON schema) and `--format github` (workflow commands). */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { allRules, docsUrl } from '../../engine/src/index';
import { source } from '../lib/yaml-tag';
import { cli, exampleDir, onlyRulesConfig, removeProject, repoRoot, tempProject } from './helpers';

const made: string[] = [];
after(() => made.forEach(removeProject));

/** The official SARIF 2.1.0 schema, as shipped in @microsoft/jest-sarif (a devDependency). */
function sarifValidator() {
  const schemaPath = path.join(repoRoot, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
  // A draft-04 schema: ajv 8 reads it once the draft-04 `$schema`/`id` markers are dropped (it uses no draft-04-only keyword).
  delete schema.$schema;
  delete schema.id;
  // unicodeRegExp off: the schema's `language` pattern has a stray `]` that only the `u` flag rejects.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const compiled = ajv.compile(schema);
  // A plain boolean (not a type guard), so the logs keep their `any` type in the assertions below.
  return Object.assign((data: unknown): boolean => compiled(data), {
    get errors() {
      return compiled.errors;
    },
  });
}

const COMPOSE = source`
  version: "3.8"
  services:
    web:
      image: nginx:1.27
      environment:
        DB_PASSWORD: hunter2
        NOTE: "100%, done: yes"
`;

describe('--format sarif', () => {
  const validate = sarifValidator();

  it('validates against the SARIF 2.1.0 schema on the example, with rule metadata and results', () => {
    const run = cli(['check', '--format', 'sarif', 'examples/vrecommendation'], repoRoot);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    const log = JSON.parse(run.stdout);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.equal(log.version, '2.1.0');
    const [sarifRun] = log.runs;
    const driver = sarifRun.tool.driver;
    assert.equal(driver.name, 'docker-harden');
    assert.equal(driver.version, JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
    // Every rule is described: help URI = its docs page, default level from its severity, full description.
    for (const rule of allRules) {
      const entry = driver.rules.find((r: { id: string }) => r.id === rule.meta.id);
      assert.ok(entry, rule.meta.id);
      assert.equal(entry.helpUri, docsUrl(rule.meta.id));
      assert.equal(entry.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note' }[rule.meta.severity]);
      assert.equal(entry.shortDescription.text, rule.meta.description);
      assert.equal(entry.fullDescription.text, rule.meta.rationale || rule.meta.description);
    }
    assert.equal(sarifRun.columnKind, 'utf16CodeUnits');
    assert.equal(sarifRun.originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(repoRoot).href}/`);
    // Results point at files relative to the source root, and their rule index matches.
    const json = JSON.parse(cli(['check', '--format', 'json', 'examples/vrecommendation'], repoRoot).stdout);
    const expected = json.files.flatMap((file: { path: string; problems: { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }[] }) =>
      file.problems.map((p) => [file.path, p.ruleId, p.line, p.column, p.endLine, p.endColumn, p.message]),
    );
    const actual = sarifRun.results.map((r: { ruleId: string; ruleIndex: number; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[] }) => {
      assert.equal(driver.rules[r.ruleIndex].id, r.ruleId);
      const location = r.locations[0].physicalLocation;
      assert.equal(location.artifactLocation.uriBaseId, '%SRCROOT%');
      const region = location.region;
      return [location.artifactLocation.uri, r.ruleId, region.startLine, region.startColumn, region.endLine, region.endColumn, r.message.text];
    });
    assert.deepEqual(actual, expected);
    assert.ok(actual.length > 10);
    const admin = sarifRun.results.find((r: { message: { text: string } }) => r.message.text.includes('ADMIN_PASSWORD'));
    assert.equal(admin.level, 'error');
    const version = sarifRun.results.find((r: { ruleId: string }) => r.ruleId === 'compose/obsolete-version');
    assert.equal(version.level, 'note');
  });

  it('is valid with no results, and config problems carry their own rule metadata', () => {
    const clean = tempProject({ 'Dockerfile': source`
      FROM alpine:3.20
      USER nobody
      CMD ["true"]
    `, '.docker-harden.yaml': onlyRulesConfig(['dockerfile/json-args']) });
    made.push(clean);
    const empty = JSON.parse(cli(['check', '--format', 'sarif'], clean).stdout);
    assert.ok(validate(empty), JSON.stringify(validate.errors));
    assert.deepEqual(empty.runs[0].results, []);

    const broken = tempProject({ 'docker-compose.yml': COMPOSE, '.docker-harden.yaml': source`
      rules:
        compose/helthcheck: off
      profile: loose
    ` });
    made.push(broken);
    const run = cli(['check', '--format', 'sarif'], broken);
    const log = JSON.parse(run.stdout);
    assert.ok(validate(log), JSON.stringify(validate.errors));
    const configResults = log.runs[0].results.filter((r: { ruleId: string }) => r.ruleId.startsWith('config/'));
    assert.deepEqual(
      configResults.map((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) => [
        r.ruleId,
        r.locations[0].physicalLocation.artifactLocation.uri,
        r.locations[0].physicalLocation.region.startLine,
      ]),
      [
        ['config/unknown-rule', '.docker-harden.yaml', 2],
        ['config/schema', '.docker-harden.yaml', 3],
      ],
    );
    for (const result of configResults) assert.equal(log.runs[0].tool.driver.rules[result.ruleIndex].id, result.ruleId);
  });

  it('the validator does reject a broken log (the test would catch a bad SARIF)', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] }), false, 'driver.name is required');
    assert.equal(validate({ version: '2.0.0', runs: [] }), false, 'version must be 2.1.0');
  });
});

describe('--format github', () => {
  it('prints one workflow command per problem, with warning/notice for the other severities and escaped values', () => {
    const dir = tempProject({
      'docker-compose.yml': COMPOSE,
      'app/Dockerfile': 'FROM alpine:3.20\nCMD echo hi\n',
      '.docker-harden.yaml': onlyRulesConfig(['compose/obsolete-version', 'compose/secret-in-environment', 'dockerfile/json-args']),
    });
    made.push(dir);
    const run = cli(['check', '--format', 'github'], dir);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        '::warning file=app/Dockerfile,line=2,col=1,endLine=2,endColumn=12,title=dockerfile/json-args::`CMD` in shell form runs under /bin/sh, which does not pass SIGTERM to the process; use the JSON (exec) form.',
        '::notice file=docker-compose.yml,line=1,col=1,endLine=1,endColumn=8,title=compose/obsolete-version::The top-level `version` key is obsolete: Compose ignores it and warns on every run.',
        '::error file=docker-compose.yml,line=6,col=7,endLine=6,endColumn=18,title=compose/secret-in-environment::"DB_PASSWORD" holds a secret written in the compose file; move it to a Docker secret.',
        '',
      ].join('\n'),
    );
  });

  it('escapes %, line breaks, commas and colons as GitHub expects', async () => {
    const { escapeData, escapeProperty } = await import('../../cli/src/formats/github');
    assert.equal(escapeData('50% done\r\nnext: a,b'), '50%25 done%0D%0Anext: a,b');
    assert.equal(escapeProperty('dir,with:odd%name'), 'dir%2Cwith%3Aodd%25name');
  });

  it('a file name with a comma or colon is escaped in the annotation', () => {
    const dir = tempProject({ 'odd,name:1/Dockerfile': 'FROM alpine:3.20\nCMD echo hi\n', '.docker-harden.yaml': onlyRulesConfig(['dockerfile/json-args']) });
    made.push(dir);
    const run = cli(['check', '--format', 'github'], dir);
    assert.match(run.stdout, /^::warning file=odd%2Cname%3A1\/Dockerfile,line=2,col=1,/);
  });

  it('the example gives one annotation per problem of the JSON report', () => {
    const github = cli(['check', '--format', 'github'], exampleDir).stdout.trimEnd().split('\n');
    const json = JSON.parse(cli(['check', '--format', 'json'], exampleDir).stdout);
    const count = json.files.reduce((n: number, f: { problems: unknown[] }) => n + f.problems.length, 0);
    assert.equal(github.length, count);
    for (const line of github) assert.match(line, /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=(compose|dockerfile)\/[a-z-]+::\S/);
  });
});

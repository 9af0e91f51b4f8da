/** `.docker-harden.yaml`: the engine's loader (positions of config problems, never a throw) and its use by the CLI. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { allRules, ConfigResolver, lintOptionsFromConfig, loadConfig, parseConfig } from '../../engine/src/index';
import { diskConfigFiles } from '../../engine/src/node';
import { source } from '../lib/yaml-tag';
import { cli, onlyRulesConfig, removeProject, repoRoot, tempProject } from './helpers';

/** Config lookups on disk, as the CLI's. */
const files = diskConfigFiles();

const made: string[] = [];
after(() => made.forEach(removeProject));
function project(files: Record<string, string>): string {
  const dir = tempProject(files);
  made.push(dir);
  return dir;
}

/** The text a problem's range covers. */
const covered = (text: string, problem: { start: number; end: number }) => text.slice(problem.start, problem.end);

describe('parseConfig', () => {
  it('reads every key of a valid config, resolving rule aliases', () => {
    const text = source`
      # team defaults
      rules:
        compose/healthcheck: off
        DL3002: error            # hadolint's id for dockerfile/non-root-user
        compose/restart-policy: warning
      profile: strict
      ignore:
        - legacy/
        - "**/docker-compose.dev.yml"
      defaults:
        resources: { cpus: 0.5, memory: 512M }
        logging: { maxSize: 20m, maxFile: 5 }
        restart: on-failure
      projects:
        - files: [compose.yaml, compose.prod.yaml]
      roles:
        docker-compose.ci.yml: test
        deploy/*.yml: production
    `;
    assert.deepEqual(parseConfig(text), {
      config: {
        rules: { 'compose/healthcheck': 'off', 'dockerfile/non-root-user': 'error', 'compose/restart-policy': 'warning' },
        profile: 'strict',
        ignore: ['legacy/', '**/docker-compose.dev.yml'],
        defaults: { resources: { cpus: '0.5', memory: '512M' }, logging: { maxSize: '20m', maxFile: '5' }, restart: 'on-failure' },
        projects: [['compose.yaml', 'compose.prod.yaml']],
        roles: { 'docker-compose.ci.yml': 'test', 'deploy/*.yml': 'production' },
      },
      problems: [],
    });
    assert.deepEqual(parseConfig(''), { config: { rules: {}, ignore: [], defaults: {}, projects: [], roles: {} }, problems: [] });
    assert.deepEqual(parseConfig('# only a comment\n').problems, []);
  });

  it('reports each fault at its key or value and keeps what is valid', () => {
    const text = source`
      rules:
        compose/helthcheck: off
        compose/obsolete-version: loud
        dockerfile/json-args: info
      profile: paranoid
      ignore: [vendor/, 3]
      defaults:
        resources: { memory: lots }
        restart: sometimes
      colour: blue
    `;
    const { config, problems } = parseConfig(text);
    assert.deepEqual(
      problems.map((p) => [p.ruleId, p.severity, covered(text, p), p.message]),
      [
        ['config/unknown-rule', 'error', 'compose/helthcheck', 'Unknown rule "compose/helthcheck"; did you mean "compose/healthcheck"?'],
        ['config/schema', 'error', 'loud', 'rules.compose/obsolete-version: must be one of "off", "info", "warning", "error".'],
        ['config/schema', 'error', 'paranoid', 'profile: must be one of "recommended", "strict".'],
        ['config/schema', 'error', '3', 'ignore.1: must be a string.'],
        ['config/schema', 'error', 'lots', 'defaults.resources.memory: invalid value (Memory limit, e.g. "512M" or "1g").'],
        ['config/schema', 'error', 'sometimes', 'defaults.restart: must be one of "no", "always", "on-failure", "unless-stopped".'],
        ['config/schema', 'error', 'colour', 'Unknown key "colour"; expected one of: rules, profile, ignore, defaults, projects, roles.'],
      ],
    );
    assert.deepEqual(config, { rules: { 'dockerfile/json-args': 'info' }, ignore: ['vendor/'], defaults: { resources: {} }, projects: [], roles: {} });
  });

  it('YAML syntax errors, a list, a binary file: problems, not exceptions', () => {
    const broken = 'rules:\n  compose/healthcheck: [off\n';
    const syntax = parseConfig(broken).problems;
    assert.equal(syntax.length >= 1, true);
    assert.equal(syntax[0].ruleId, 'config/schema');
    assert.match(syntax[0].message, /^YAML syntax error: /);
    assert.ok(syntax[0].start > 0 && syntax[0].start <= broken.length);
    const list = parseConfig('- rules\n- profile\n').problems;
    assert.deepEqual(list.map((p) => [p.message, p.start]), [['The configuration: must be a map.', 0]]);
    assert.deepEqual(parseConfig('\u0000\u0001binary').problems.map((p) => p.message), ['The config file is not a text file.']);
    const typed = parseConfig('rules: [a, b]\nignore: "*.yml"\n').problems;
    assert.deepEqual(typed.map((p) => p.message), ['rules: must be a map.', 'ignore: must be a list.']);
  });

  it('a YAML alias bomb in the config ends with a problem', () => {
    const levels = ['a: &a [x,x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < 8; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const started = Date.now();
    const { problems } = parseConfig(`${levels.join('\n')}\n`);
    assert.ok(Date.now() - started < 5000);
    assert.ok(problems.length >= 1);
  });

  it('never throws, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = parseConfig(text);
        for (const problem of result.problems) assert.ok(problem.start >= 0 && problem.end >= problem.start && problem.end <= text.length);
      }),
      { numRuns: 300 },
    );
    const keys = fc.constantFrom('rules', 'profile', 'ignore', 'defaults', 'resources', 'compose/healthcheck', 'DL3008', 'x');
    const values = fc.constantFrom('off', 'warning', 'strict', '[a, 1]', '{cpus: -1}', '~', '&a b', '*a', '!!binary x', '"');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), keys, values), { maxLength: 12 }), (lines) => {
        const text = lines.map(([depth, key, value]) => `${'  '.repeat(depth)}${key}: ${value}`).join('\n');
        parseConfig(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('loadConfig', () => {
  it('finds the config at the workspace root by walking up, and stops at a .git folder', () => {
    const dir = project({
      '.docker-harden.yml': 'rules:\n  compose/healthcheck: off\n',
      'deploy/stack/docker-compose.yml': '',
      'vendor/.git/HEAD': '',
      'vendor/lib/compose.yaml': '',
    });
    const loaded = loadConfig(path.join(dir, 'deploy/stack/docker-compose.yml'), { files });
    assert.equal(loaded.root, dir);
    assert.equal(loaded.file, path.join(dir, '.docker-harden.yml'));
    assert.equal(loaded.rootMarker, 'config');
    assert.deepEqual(loaded.config.rules, { 'compose/healthcheck': 'off' });
    const inRepo = loadConfig(path.join(dir, 'vendor/lib/compose.yaml'), { files });
    assert.deepEqual([inRepo.root, inRepo.file, inRepo.rootMarker, inRepo.config.rules], [path.join(dir, 'vendor'), undefined, 'git', {}]);
    // .yaml wins over .yml in the same folder.
    fs.writeFileSync(path.join(dir, '.docker-harden.yaml'), 'profile: strict\n');
    assert.equal(loadConfig(dir, { files }).file, path.join(dir, '.docker-harden.yaml'));
  });

  it('an explicit config file is used as it is; a missing one is an error, not an exception', () => {
    const dir = project({ 'ci/harden.yaml': 'profile: strict\n', 'compose.yaml': '' });
    const resolver = new ConfigResolver({ files, configFile: path.join(dir, 'ci/harden.yaml') });
    const loaded = resolver.forPath(path.join(dir, 'compose.yaml'));
    assert.equal(loaded.config.profile, 'strict');
    assert.equal(resolver.forPath(path.join(dir, 'other/compose.yaml')), loaded, 'loaded once');
    const missing = loadConfig(dir, { files, configFile: path.join(dir, 'nope.yaml') });
    assert.equal(missing.error, `cannot read the config file ${path.join(dir, 'nope.yaml')}`);
  });

  it('honours .hadolint.yaml `ignored:` next to it, for Dockerfiles only', () => {
    const dir = project({ '.git/HEAD': '', '.hadolint.yaml': source`
      ignored:
        - DL3008
        - DL3025
    `, 'Dockerfile': '' });
    const loaded = loadConfig(path.join(dir, 'Dockerfile'), { files });
    assert.deepEqual(loaded.hadolintIgnored, ['DL3008', 'DL3025']);
    assert.deepEqual(lintOptionsFromConfig(loaded, 'dockerfile').ignored, ['DL3008', 'DL3025']);
    assert.equal(lintOptionsFromConfig(loaded, 'compose').ignored, undefined);
    const brokenHadolint = project({ '.git/HEAD': '', '.hadolint.yaml': 'ignored: [DL3008\n' });
    assert.deepEqual(loadConfig(brokenHadolint, { files }).hadolintIgnored, []);
  });

  it('ignore patterns follow .gitignore syntax, relative to the root', () => {
    const dir = project({ '.docker-harden.yaml': source`
      ignore:
        - legacy/
        - "*.dev.yml"
        - "!keep.dev.yml"
    ` });
    const loaded = loadConfig(dir, { files });
    const ignored = (p: string) => loaded.isIgnored(path.join(dir, p));
    assert.deepEqual(
      ['legacy/compose.yaml', 'legacy/a/b/Dockerfile', 'docker-compose.dev.yml', 'sub/compose.dev.yml', 'keep.dev.yml', 'compose.yaml', '../outside/x.dev.yml'].map(ignored),
      [true, true, true, true, false, false, false],
    );
  });
});

describe('the CLI applies the config', () => {
  const compose = source`
    services:
      web:
        image: nginx:1.27
        environment:
          API_TOKEN: abc
  `;

  it('rule severities and off, with --rule on top', () => {
    const dir = project({
      'compose.yaml': compose,
      '.docker-harden.yaml': onlyRulesConfig(['compose/secret-in-environment', 'compose/restart-policy'], ''),
    });
    const ids = (args: string[]) =>
      JSON.parse(cli(['check', '--format', 'json', ...args], dir).stdout).files[0].problems.map((p: { ruleId: string; severity: string }) => `${p.ruleId}:${p.severity}`);
    assert.deepEqual(ids([]), ['compose/restart-policy:info', 'compose/secret-in-environment:error']);
    fs.appendFileSync(path.join(dir, '.docker-harden.yaml'), '');
    const config = fs.readFileSync(path.join(dir, '.docker-harden.yaml'), 'utf8').replace('rules:\n', source`
      rules:
        compose/restart-policy: error
        compose/secret-in-environment: off
    `);
    fs.writeFileSync(path.join(dir, '.docker-harden.yaml'), config);
    assert.deepEqual(ids([]), ['compose/restart-policy:error']);
    assert.equal(cli(['check'], dir).status, 1);
    assert.deepEqual(ids(['--rule', 'compose/restart-policy=off', '--rule', 'compose/secret-in-environment=warning']), ['compose/secret-in-environment:warning']);
    assert.equal(cli(['check', '--rule', 'compose/restart-policy=info'], dir).status, 0);
  });

  it('the strict profile turns the strict rules on as warnings; --profile overrides the config', () => {
    const strictIds = allRules.filter((rule) => rule.kind === 'compose' && rule.meta.strict).map((rule) => rule.meta.id).sort();
    const dir = project({ 'compose.yaml': compose, '.docker-harden.yaml': 'profile: strict\n' });
    const reported = (args: string[]) => {
      const report = JSON.parse(cli(['check', '--format', 'json', ...args], dir).stdout);
      return report.files[0].problems.filter((p: { ruleId: string }) => strictIds.includes(p.ruleId)).map((p: { ruleId: string; severity: string }) => `${p.ruleId}:${p.severity}`).sort();
    };
    // This service sets none of no-new-privileges, cap_drop, read_only: every strict compose rule fires.
    assert.deepEqual(reported([]), strictIds.map((id) => `${id}:warning`));
    assert.deepEqual(reported(['--profile', 'recommended']), []);
    fs.writeFileSync(path.join(dir, '.docker-harden.yaml'), 'profile: recommended\n');
    assert.deepEqual(reported([]), []);
    assert.deepEqual(reported(['--profile', 'strict']), strictIds.map((id) => `${id}:warning`));
  });

  it('an invalid config is reported on the config file, and its valid part still applies', () => {
    const dir = project({
      'compose.yaml': compose,
      '.docker-harden.yaml': `${onlyRulesConfig(['compose/secret-in-environment'])}  compose/secret-in-enviroment: off\nprofile: extreme\n`,
    });
    const run = cli(['check', '--format', 'json'], dir);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    const report = JSON.parse(run.stdout);
    const configLines = fs.readFileSync(path.join(dir, '.docker-harden.yaml'), 'utf8').split('\n');
    const typoLine = configLines.findIndex((line) => line.includes('compose/secret-in-enviroment')) + 1;
    assert.deepEqual(report.files, [
      {
        path: '.docker-harden.yaml',
        problems: [
          {
            ruleId: 'config/unknown-rule',
            severity: 'error',
            message: 'Unknown rule "compose/secret-in-enviroment"; did you mean "compose/secret-in-environment"?',
            line: typoLine,
            column: 3,
            endLine: typoLine,
            endColumn: 31,
            fix: null,
          },
          {
            ruleId: 'config/schema',
            severity: 'error',
            message: 'profile: must be one of "recommended", "strict".',
            line: typoLine + 1,
            column: 10,
            endLine: typoLine + 1,
            endColumn: 17,
            fix: null,
          },
        ],
      },
      {
        path: 'compose.yaml',
        problems: [
          {
            ruleId: 'compose/secret-in-environment',
            severity: 'error',
            message: '"API_TOKEN" holds a secret written in the compose file; move it to a Docker secret.',
            line: 5,
            column: 7,
            endLine: 5,
            endColumn: 16,
            fix: { safe: false, title: 'Convert "API_TOKEN" to a Docker secret (file secrets/api_token.txt) (verify: "web" reads API_TOKEN_FILE)' },
          },
        ],
      },
    ]);
    // A config made of YAML junk: reported, and the lint runs with the defaults.
    fs.writeFileSync(path.join(dir, '.docker-harden.yaml'), 'rules: {\n');
    const junk = cli(['check', '--format', 'json'], dir);
    assert.equal(junk.status, 1);
    const files = JSON.parse(junk.stdout).files;
    assert.equal(files[0].path, '.docker-harden.yaml');
    assert.match(files[0].problems[0].message, /^YAML syntax error: /);
    assert.ok(files[1].problems.some((p: { ruleId: string }) => p.ruleId === 'compose/healthcheck'), 'default rules apply');
  });

  it('--config FILE replaces the search; ignore globs skip files; .hadolint.yaml ignores Dockerfile rules', () => {
    const dir = project({
      '.git/HEAD': '',
      'compose.yaml': compose,
      'legacy/compose.yaml': compose,
      'app/Dockerfile': source`
        FROM alpine:3.20
        USER nobody
        CMD echo hi
      `,
      '.hadolint.yaml': 'ignored:\n  - DL3025\n',
      '.docker-harden.yaml': onlyRulesConfig(['compose/secret-in-environment', 'dockerfile/json-args'], 'ignore:\n  - legacy/\n'),
      'ci/strict.yaml': 'rules:\n  compose/secret-in-environment: off\n',
    });
    const files = (args: string[]) =>
      JSON.parse(cli(['check', '--format', 'json', ...args], dir).stdout).files.map((f: { path: string; problems: { ruleId: string }[] }) => [f.path, f.problems.map((p) => p.ruleId)]);
    assert.deepEqual(files([]), [
      ['app/Dockerfile', []],
      ['compose.yaml', ['compose/secret-in-environment']],
    ]);
    // An ignored file named explicitly is skipped with a note.
    const explicit = cli(['check', 'legacy/compose.yaml'], dir);
    assert.deepEqual([explicit.status, explicit.stderr], [0, 'docker-harden: legacy/compose.yaml is ignored by the config\'s ignore patterns\ndocker-harden: no compose files or Dockerfiles found in legacy/compose.yaml\n']);
    // --config: another file, found relative to the working folder; its folder's .hadolint.yaml (none) applies.
    const withConfig = files(['--config', 'ci/strict.yaml']);
    assert.deepEqual(withConfig.map(([p]: [string]) => p), ['app/Dockerfile', 'compose.yaml', 'legacy/compose.yaml']);
    assert.ok(!withConfig[1][1].includes('compose/secret-in-environment'));
    assert.ok(withConfig[0][1].includes('dockerfile/json-args'), 'no .hadolint.yaml next to ci/strict.yaml');
  });

  it('defaults: are the values the fixes insert (resources, logging, restart)', () => {
    const keep = ['compose/resource-limits', 'compose/log-rotation', 'compose/restart-policy'];
    const dir = project({
      'compose.yaml': source`
        services:
          cache:
            image: redis:7.2
      `,
      '.docker-harden.yaml': onlyRulesConfig(keep, source`
        defaults:
          resources: { cpus: 2, memory: 1g }
          logging: { maxSize: 50m, maxFile: 7 }
          restart: on-failure
      `),
    });
    const titles = JSON.parse(cli(['check', '--format', 'json'], dir).stdout).files[0].problems.map((p: { fix: { title: string } }) => p.fix.title);
    assert.deepEqual(titles.sort(), ['Add `restart: on-failure`', 'Add resource limits (2 CPUs, 1g)', 'Rotate logs (max-size 50m, max-file 7)']);
    const run = cli(['fix'], dir);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(
      fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'),
      source`
        services:
          cache:
            image: redis:7.2
            logging:
              driver: json-file
              options:
                max-size: "50m"
                max-file: "7"
            deploy:
              resources:
                limits:
                  cpus: "2"
                  memory: 1g
            restart: on-failure
      `,
    );
  });

  it('defaults.healthcheck.path: the path HTTP probes ask; one that would break the probe is a config problem', () => {
    const dir = project({
      'compose.yaml': source`
        services:
          api:
            build: ./api
      `,
      'api/Dockerfile': source`
        FROM node:22-alpine
        EXPOSE 3000
        CMD ["node", "server.js"]
      `,
      '.docker-harden.yaml': onlyRulesConfig(['compose/healthcheck'], source`
        defaults:
          healthcheck:
            path: /api/v1/healthz
      `),
    });
    const run = cli(['fix', '--dry-run'], dir);
    assert.match(run.stdout, /\+ {6}test: \["CMD", "wget", "-q", "--spider", "http:\/\/127.0.0.1:3000\/api\/v1\/healthz"\]\n/);
    fs.writeFileSync(
      path.join(dir, '.docker-harden.yaml'),
      onlyRulesConfig(['compose/healthcheck'], source`
        defaults:
          healthcheck:
            path: "/health?full=1&x=$(id)"
      `),
    );
    const report = JSON.parse(cli(['check', '--format', 'json'], dir).stdout) as { files: { path: string; problems: { ruleId: string; message: string; fix?: { title: string } }[] }[] };
    const config = report.files.find((file) => file.path === '.docker-harden.yaml');
    assert.equal(config?.problems.length, 1, JSON.stringify(report));
    assert.equal(config?.problems[0].ruleId, 'config/schema');
    const compose = report.files.find((file) => file.path === 'compose.yaml');
    assert.equal(compose?.problems[0].fix?.title, 'Add a healthcheck (HTTP probe on port 3000 with wget) (verify: `/` answers with a 2xx status)', 'the invalid path is not used');
  });

  it('the schema file is the one the loader uses, and it is valid JSON Schema draft-07', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'docker-harden.schema.json'), 'utf8'));
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.deepEqual(Object.keys(schema.properties), ['$schema', 'rules', 'profile', 'ignore', 'defaults', 'projects', 'roles']);
    const { configSchema } = require('../../engine/src/config/schema') as typeof import('../../engine/src/config/schema');
    assert.deepEqual(configSchema(), schema);
  });
});

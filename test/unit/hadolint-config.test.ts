/**
 * `.hadolint.yaml` as hadolint reads it: each key as data (the file, what it parses to), then through the engine as
 * the CLI and the server use it (loadConfig → lintOptionsFromConfig → lint), with the exact problems.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { hadolintFailOn, lint, lintOptionsFromConfig, loadConfig, parseHadolintConfig, hardenOptionsFromConfig } from '../../engine/src/index';
import { diskConfigFiles } from '../../engine/src/node';
import { source } from '../lib/yaml-tag';

/** Config lookups on disk, as the CLI's. */
const configFiles = diskConfigFiles();

const made: string[] = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'hadolint-config-')));
  made.push(dir);
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

const ONLY = ['dockerfile/image-tag', 'dockerfile/json-args', 'dockerfile/trusted-registry', 'dockerfile/label-schema', 'dockerfile/label-key'];

/** Lints the project's Dockerfile with the options its configs give, as `[ruleId, severity, line, code?]`. */
function problems(dir: string): (string | number)[][] {
  const file = path.join(dir, 'Dockerfile');
  const text = fs.readFileSync(file, 'utf8');
  const options = lintOptionsFromConfig(loadConfig(file, { files: configFiles }), 'dockerfile');
  return lint(file, text, { ...options, only: ONLY }).problems.map((p) => {
    const line = text.slice(0, p.start).split('\n').length;
    return p.code ? [p.ruleId, p.severity, line, p.code] : [p.ruleId, p.severity, line];
  });
}

const DOCKERFILE = source`
  FROM ubuntu
  # hadolint ignore=DL3025
  CMD echo one
  CMD echo two
`;

describe('.hadolint.yaml: what each key parses to', () => {
  type Parsed = Omit<ReturnType<typeof parseHadolintConfig>, 'problems'>;
  /** `problems`: each reported problem's message and the text it covers. */
  const cases: { name: string; text: string; expected: Parsed; problems?: [string, string][] }[] = [
    { name: 'nothing', text: '', expected: { ignored: [], override: {}, settings: {}, noFail: false, disableIgnorePragma: false } },
    {
      name: 'every key, as in hadolint\'s README',
      text: source`
        failure-threshold: warning
        format: sarif
        ignored: [DL3008, SC2086]
        label-schema:
          author: text
          contact: email
          created: rfc3339
          version: semver
          documentation: url
          git-revision: hash
          license: spdx
          other:
        no-color: true
        no-fail: true
        override:
          error: [DL3001, DL3002]
          warning: [DL3042]
          info: [DL3032]
          style: [DL3015, DL3002]
        strict-labels: true
        disable-ignore-pragma: true
        trustedRegistries:
          - docker.io
          - "*.example.com"
      `,
      expected: {
        ignored: ['DL3008', 'SC2086'],
        // A code under several levels gets the most severe (hadolint applies error last).
        override: { DL3015: 'info', DL3002: 'error', DL3032: 'info', DL3042: 'warning', DL3001: 'error' },
        settings: {
          trustedRegistries: ['docker.io', '*.example.com'],
          labelSchema: { author: 'text', contact: 'email', created: 'rfc3339', version: 'semver', documentation: 'url', 'git-revision': 'hash', license: 'spdx', other: 'text' },
          strictLabels: true,
        },
        failureThreshold: 'warning',
        noFail: true,
        disableIgnorePragma: true,
      },
    },
    { name: 'one trusted registry as a string; style threshold', text: 'trustedRegistries: my.registry\nfailure-threshold: style\n', expected: { ignored: [], override: {}, settings: { trustedRegistries: ['my.registry'] }, failureThreshold: 'info', noFail: false, disableIgnorePragma: false } },
    {
      name: 'values of the wrong type are left out, the rest applies',
      text: 'ignored: DL3008\noverride: {error: DL3006, warning: [DL3007, 3]}\nlabel-schema: {a: bogus, b: url}\nfailure-threshold: high\nno-fail: "yes"\n',
      expected: { ignored: [], override: { DL3007: 'warning' }, settings: { labelSchema: { b: 'url' } }, noFail: false, disableIgnorePragma: false },
      problems: [
        ['ignored must be a list.', 'DL3008'],
        ['override.error must be a list.', 'DL3006'],
        ['override.warning: each item must be a name.', '3'],
        ['label-schema.a: unknown type; the types are text, url, semver, hash, rfc3339, spdx, email.', 'bogus'],
        ['failure-threshold must be one of error, warning, info, style, ignore, none.', 'high'],
        ['no-fail must be true or false.', '"yes"'],
      ],
    },
    {
      name: 'an unknown key or level (a typo) is reported, the rest applies',
      text: 'trustedRegistry: docker.io\noverride:\n  errors: [DL3006]\n  info: [DL3007]\n',
      expected: { ignored: [], override: { DL3007: 'info' }, settings: {}, noFail: false, disableIgnorePragma: false },
      problems: [
        ['Unknown key "trustedRegistry"; hadolint\'s keys are: failure-threshold, format, formats, ignored, label-schema, no-color, no-fail, override, strict-labels, disable-ignore-pragma, trustedRegistries, verbose.', 'trustedRegistry'],
        ['override: unknown level "errors"; the levels are error, warning, info, style.', 'errors'],
      ],
    },
    {
      name: 'not YAML',
      text: 'ignored: [DL3008\n',
      expected: { ignored: [], override: {}, settings: {}, noFail: false, disableIgnorePragma: false },
      problems: [['YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]', '']],
    },
    {
      name: 'a list at the top',
      text: '- DL3008\n',
      expected: { ignored: [], override: {}, settings: {}, noFail: false, disableIgnorePragma: false },
      problems: [['A .hadolint.yaml is a map of settings (ignored, override, trustedRegistries, label-schema...).', '- DL3008\n']],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { problems, ...parsed } = parseHadolintConfig(c.text);
      assert.deepEqual(parsed, c.expected);
      assert.deepEqual(problems.map((p) => [p.message, c.text.slice(p.start, p.end)]), c.problems ?? []);
      for (const p of problems) assert.deepEqual([p.ruleId, p.severity], ['config/hadolint', 'warning']);
    });
  }
});

describe('.hadolint.yaml through the engine', () => {
  it('without one: the defaults, and the inline pragma', () => {
    assert.deepEqual(problems(project({ Dockerfile: DOCKERFILE })), [
      ['dockerfile/image-tag', 'warning', 1, 'DL3006'],
      ['dockerfile/json-args', 'warning', 4],
    ]);
  });

  it('ignored: codes and rule ids', () => {
    const dir = project({ Dockerfile: DOCKERFILE, '.hadolint.yaml': 'ignored: [DL3006, dockerfile/json-args]\n' });
    assert.deepEqual(problems(dir), []);
  });

  it('override: the severity per code, style as info; the project config and the editor/flags win', () => {
    const hadolint = 'override:\n  error: [DL3006]\n  style: [DL3025]\n';
    const dir = project({ Dockerfile: DOCKERFILE, '.hadolint.yaml': hadolint });
    assert.deepEqual(problems(dir), [
      ['dockerfile/image-tag', 'error', 1, 'DL3006'],
      ['dockerfile/json-args', 'info', 4],
    ]);
    const both = project({ Dockerfile: DOCKERFILE, '.hadolint.yaml': hadolint, '.docker-harden.yaml': 'rules:\n  dockerfile/image-tag: off\n' });
    assert.deepEqual(problems(both), [['dockerfile/json-args', 'info', 4]]);
    const file = path.join(dir, 'Dockerfile');
    const options = lintOptionsFromConfig(loadConfig(file, { files: configFiles }), 'dockerfile', { rules: { 'dockerfile/json-args': 'error' } });
    assert.deepEqual(lint(file, DOCKERFILE, { ...options, only: ONLY }).problems.map((p) => [p.ruleId, p.severity]), [
      ['dockerfile/image-tag', 'error'],
      ['dockerfile/json-args', 'error'],
    ]);
  });

  it('disable-ignore-pragma: # hadolint comments are not honoured, ours are', () => {
    const dockerfile = '# hadolint global ignore=DL3006\nFROM ubuntu\n# hadolint ignore=DL3025\nCMD echo one\n# docker-harden-ignore dockerfile/json-args\nCMD echo two\n';
    const dir = project({ Dockerfile: dockerfile, '.hadolint.yaml': 'disable-ignore-pragma: true\n' });
    assert.deepEqual(problems(dir), [
      ['dockerfile/image-tag', 'warning', 2, 'DL3006'],
      ['dockerfile/json-args', 'warning', 4],
    ]);
    const honoured = project({ Dockerfile: dockerfile, '.hadolint.yaml': 'disable-ignore-pragma: false\n' });
    assert.deepEqual(problems(honoured), []);
  });

  it('trustedRegistries, label-schema and strict-labels reach the rules', () => {
    const dir = project({
      Dockerfile: 'FROM quay.io/team/app:1\nLABEL version=v1 Extra=x\nCMD ["app"]\n',
      '.hadolint.yaml': 'trustedRegistries: docker.io\nlabel-schema:\n  version: semver\n  owner: text\nstrict-labels: true\n',
    });
    assert.deepEqual(problems(dir), [
      ['dockerfile/label-schema', 'info', 1, 'DL3049'],
      ['dockerfile/trusted-registry', 'error', 1],
      ['dockerfile/label-schema', 'warning', 2, 'DL3056'],
      ['dockerfile/label-key', 'info', 2],
      ['dockerfile/label-schema', 'info', 2, 'DL3050'],
    ]);
  });

  it('override and ignored name one code of a rule with several', () => {
    const dir = project({
      Dockerfile: 'FROM alpine:3.20\nLABEL version=v1 Extra=x\n',
      '.hadolint.yaml': 'label-schema:\n  version: semver\n  owner: text\nstrict-labels: true\nignored: [DL3049]\noverride:\n  error: [DL3050]\n',
    });
    assert.deepEqual(problems(dir), [
      ['dockerfile/label-schema', 'warning', 2, 'DL3056'],
      ['dockerfile/label-key', 'info', 2],
      ['dockerfile/label-schema', 'error', 2, 'DL3050'],
    ]);
  });

  it('override of one code of a strict rule turns on that code only (hadolint reports pinning by default)', () => {
    const dockerfile = 'FROM debian:12\nRUN apt-get install -y curl && pip install requests && apk add git\n';
    const codes = (files: Record<string, string>) => {
      const file = path.join(project({ Dockerfile: dockerfile, ...files }), 'Dockerfile');
      const options = lintOptionsFromConfig(loadConfig(file, { files: configFiles }), 'dockerfile');
      return lint(file, dockerfile, { ...options, only: ['dockerfile/pin-package-versions'] }).problems.map((p) => `${p.code} ${p.severity}`);
    };
    assert.deepEqual(codes({}), [], 'strict: off in the recommended profile');
    assert.deepEqual(codes({ '.hadolint.yaml': 'override:\n  error: [DL3008]\n  style: [DL3018]\n' }), ['DL3008 error', 'DL3018 info']);
    assert.deepEqual(codes({ '.docker-harden.yaml': 'profile: strict\n' }), ['DL3008 warning', 'DL3013 warning', 'DL3018 warning']);
    assert.deepEqual(codes({ '.docker-harden.yaml': 'profile: strict\n', '.hadolint.yaml': 'override:\n  error: [DL3013]\nignored: [DL3018]\n' }), ['DL3008 warning', 'DL3013 error']);
    assert.deepEqual(codes({ '.docker-harden.yaml': 'rules:\n  dockerfile/pin-package-versions: off\n', '.hadolint.yaml': 'override:\n  error: [DL3008]\n' }), []);
  });

  it('applies to Dockerfiles only, and to the Dockerfiles harden fixes', () => {
    const dir = project({ Dockerfile: DOCKERFILE, '.hadolint.yaml': 'ignored: [DL3006]\noverride:\n  error: [DL3025]\ndisable-ignore-pragma: true\ntrustedRegistries: [docker.io]\n' });
    const loaded = loadConfig(path.join(dir, 'Dockerfile'), { files: configFiles });
    const compose = lintOptionsFromConfig(loaded, 'compose');
    assert.deepEqual([compose.ignored, compose.codeSeverities, compose.hadolintPragmas, compose.hadolint], [undefined, undefined, undefined, undefined]);
    const dockerfile = lintOptionsFromConfig(loaded, 'dockerfile');
    assert.deepEqual([dockerfile.ignored, dockerfile.codeSeverities, dockerfile.hadolintPragmas, dockerfile.hadolint], [['DL3006'], { dl3025: 'error' }, false, { trustedRegistries: ['docker.io'] }]);
    const harden = hardenOptionsFromConfig(loaded);
    assert.deepEqual([harden.ignored, harden.codeSeverities, harden.hadolintPragmas, harden.hadolint], [dockerfile.ignored, dockerfile.codeSeverities, false, dockerfile.hadolint]);
  });

  it('failure-threshold and no-fail: the CLI threshold of the Dockerfiles under it', () => {
    const threshold = (text?: string) => hadolintFailOn(loadConfig(path.join(project(text === undefined ? {} : { '.hadolint.yaml': text }), 'Dockerfile'), { files: configFiles }));
    assert.deepEqual(
      [threshold(), threshold(''), threshold('failure-threshold: error\n'), threshold('failure-threshold: warning\n'), threshold('failure-threshold: none\n'), threshold('failure-threshold: error\nno-fail: true\n')],
      [undefined, undefined, 'error', 'warning', 'info', 'never'],
    );
  });
});

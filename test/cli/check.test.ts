/** `docker-harden check` end to end: the real executable on real files, exit codes, exact JSON and stylish output. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { allRules } from '../../engine/src/index';
import { IMAGE_KB_GENERATED } from '../../engine/src/knowledge/kb';
import { source } from '../lib/yaml-tag';
import { cli, exampleDir, onlyRulesConfig, removeProject, tempProject } from './helpers';

const made: string[] = [];
after(() => made.forEach(removeProject));
function project(files: Record<string, string | Buffer>): string {
  const dir = tempProject(files);
  made.push(dir);
  return dir;
}

const COMPOSE = source`
  version: "3.8"
  services:
    web:
      image: nginx:1.27
      environment:
        DB_PASSWORD: hunter2
`;
const DOCKERFILE = source`
  FROM alpine:3.20
  CMD echo hi
`;
const KEEP = ['compose/obsolete-version', 'compose/secret-in-environment', 'dockerfile/json-args', 'dockerfile/non-root-user'];

/** The small fixture, with every rule but KEEP turned off so that rules added later do not change the expectations. */
function smallFixture(extra: Record<string, string | Buffer> = {}): string {
  return project({ 'docker-compose.yml': COMPOSE, 'app/Dockerfile': DOCKERFILE, '.docker-harden.yaml': onlyRulesConfig(KEEP), ...extra });
}

describe('check --format json', () => {
  it('prints exactly the documented document: 1-based positions, files sorted by path, problems by position', () => {
    const dir = smallFixture();
    const run = cli(['check', '--format', 'json'], dir);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1);
    assert.ok(run.stdout.endsWith('}\n'));
    assert.deepEqual(JSON.parse(run.stdout), {
      version: 1,
      files: [
        {
          path: 'app/Dockerfile',
          problems: [
            {
              ruleId: 'dockerfile/non-root-user',
              severity: 'warning',
              message: 'The final stage has no `USER`, so the container runs as root.',
              line: 1,
              column: 1,
              endLine: 1,
              endColumn: 17,
              fix: { safe: false, title: 'Create a non-root user "app" and switch to it' },
            },
            {
              ruleId: 'dockerfile/json-args',
              severity: 'warning',
              message: '`CMD` in shell form runs under /bin/sh, which does not pass SIGTERM to the process; use the JSON (exec) form.',
              line: 2,
              column: 1,
              endLine: 2,
              endColumn: 12,
              fix: { safe: true, title: 'Use the exec form: CMD ["echo", "hi"]' },
            },
          ],
        },
        {
          path: 'docker-compose.yml',
          problems: [
            {
              ruleId: 'compose/obsolete-version',
              severity: 'info',
              message: 'The top-level `version` key is obsolete: Compose ignores it and warns on every run.',
              line: 1,
              column: 1,
              endLine: 1,
              endColumn: 8,
              fix: { safe: true, title: 'Remove the obsolete `version` key' },
            },
            {
              ruleId: 'compose/secret-in-environment',
              severity: 'error',
              message: '"DB_PASSWORD" holds a secret written in the compose file; move it to a Docker secret.',
              line: 6,
              column: 7,
              endLine: 6,
              endColumn: 18,
              fix: { safe: false, title: 'Convert "DB_PASSWORD" to a Docker secret (file secrets/db_password.txt) (verify: "web" reads DB_PASSWORD_FILE)' },
            },
          ],
        },
      ],
    });
  });

  it('lists every linted file, problems or not, and the keys of each problem in the documented order', () => {
    const dir = project({ 'Dockerfile': DOCKERFILE, 'clean/Dockerfile': source`
      FROM alpine:3.20
      USER nobody
      CMD ["true"]
    `, '.docker-harden.yaml': onlyRulesConfig(KEEP) });
    const run = cli(['check', '--format', 'json'], dir);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(report.files.map((f: { path: string }) => f.path), ['Dockerfile', 'clean/Dockerfile']);
    assert.deepEqual(report.files[1].problems, []);
    assert.deepEqual(Object.keys(report.files[0].problems[0]), ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fix']);
    assert.equal(run.status, 0, 'warnings only: below the default --fail-on error');
  });

  it('columns count UTF-16 code units after non-ASCII text', () => {
    const dir = project({
      'compose.yaml': source`
        services:
          web:
            image: nginx:1.27
            environment: { NOTE: "é🐳", API_TOKEN: abc }
      `,
      '.docker-harden.yaml': onlyRulesConfig(['compose/secret-in-environment']),
    });
    const run = cli(['check', '--format', 'json'], dir);
    const [problem] = JSON.parse(run.stdout).files[0].problems;
    assert.equal(problem.ruleId, 'compose/secret-in-environment');
    assert.deepEqual([problem.line, problem.column, problem.endLine, problem.endColumn], [4, 33, 4, 42]);
  });
});

describe('exit codes and --fail-on', () => {
  it('0 when nothing is at or above --fail-on, 1 when something is', () => {
    const dir = smallFixture();
    assert.equal(cli(['check'], dir).status, 1, 'an error (literal secret) with the default --fail-on error');
    const dockerfileOnly = ['check', 'app/Dockerfile'];
    assert.equal(cli(dockerfileOnly, dir).status, 0, 'warnings only');
    assert.equal(cli([...dockerfileOnly, '--fail-on', 'warning'], dir).status, 1);
    assert.equal(cli([...dockerfileOnly, '--fail-on', 'info'], dir).status, 1);
    assert.equal(cli(['check', '--rule', 'compose/secret-in-environment=warning', '--fail-on', 'error'], dir).status, 0);
    assert.equal(cli(['check', '--rule', 'compose/secret-in-environment=off', '--rule', 'dockerfile/json-args=off', '--rule', 'DL3002=off', '--fail-on', 'info', 'app'], dir).status, 0, 'aliases work in --rule');
  });

  it('2 with a one-line message and no stack trace for usage errors and unreadable input', () => {
    const dir = smallFixture({ 'notes.txt': 'hello\n' });
    const cases: [string[], string][] = [
      [['check', 'missing.yml'], 'docker-harden: missing.yml: no such file or folder\n'],
      [['check', '--format', 'xml'], 'docker-harden: --format must be one of stylish, json, sarif, github, got "xml"\n'],
      [['check', '--rule', 'compose/nope=off'], 'docker-harden: --rule: unknown rule "compose/nope"\n'],
      [['check', '--rule', 'compose/healthcheck=loud'], 'docker-harden: --rule severity must be one of off, info, warning, error, got "loud"\n'],
      [['check', '--fail-on'], 'docker-harden: --fail-on needs a value\n'],
      [['check', '--frobnicate'], 'docker-harden: unknown option --frobnicate\n'],
      [['lint'], 'docker-harden: unknown command "lint" (expected check, fix or harden)\n'],
      [[], 'docker-harden: missing command: check, fix or harden (see docker-harden --help)\n'],
      [['check', '--unsafe'], 'docker-harden: --unsafe is not an option of "check"\n'],
      [['check', 'notes.txt'], 'docker-harden: notes.txt: neither a compose file nor a Dockerfile (use --kind compose|dockerfile)\n'],
      [['check', '--config', 'nowhere.yaml'], `docker-harden: --config: cannot read the config file ${path.join(dir, 'nowhere.yaml')}\n`],
      [['harden', '.'], 'docker-harden: .: harden needs a compose file, not a folder\n'],
      [['harden'], 'docker-harden: harden needs exactly one compose file: docker-harden harden <compose-file> [--service NAME ...]\n'],
    ];
    for (const [args, stderr] of cases) {
      const run = cli(args, dir);
      assert.equal(run.status, 2, args.join(' '));
      assert.equal(run.stderr, stderr, args.join(' '));
      assert.equal(run.stdout, '', args.join(' '));
    }
  });

  it('--debug adds the stack trace', () => {
    const run = cli(['check', 'missing.yml', '--debug'], smallFixture());
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^docker-harden: missing.yml: no such file or folder\n[\s\S]*\n\s+at /);
  });

  it('--help and --version exit 0', () => {
    const help = cli(['--help'], exampleDir);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: docker-harden <command> \[options\] \[paths\.\.\.\]/);
    for (const option of ['--format', '--config', '--profile', '--rule', '--fail-on', '--kind', '--unsafe', '--dry-run', '--service', '--debug']) {
      assert.ok(help.stdout.includes(option), option);
    }
    assert.match(cli(['fix', '--help'], exampleDir).stdout, /^Usage: docker-harden fix /);
    const version = cli(['--version'], exampleDir);
    const pkg = JSON.parse(fs.readFileSync(path.join(exampleDir, '..', '..', 'package.json'), 'utf8'));
    assert.deepEqual(
      [version.status, version.stdout],
      [0, `docker-harden ${pkg.version} (${allRules.length} rules, image knowledge base ${IMAGE_KB_GENERATED})\n`],
    );
    assert.equal(cli(['-v'], exampleDir).stdout, version.stdout);
  });
});

describe('stylish output', () => {
  it('groups by file, aligns columns, counts and points at the fixes', () => {
    const run = cli(['check'], smallFixture());
    assert.equal(run.status, 1);
    assert.equal(
      run.stdout,
      [
        '',
        'app/Dockerfile',
        '  1:1  warning  The final stage has no `USER`, so the container runs as root.                                                  dockerfile/non-root-user',
        '  2:1  warning  `CMD` in shell form runs under /bin/sh, which does not pass SIGTERM to the process; use the JSON (exec) form.  dockerfile/json-args',
        '',
        'docker-compose.yml',
        '  1:1  info   The top-level `version` key is obsolete: Compose ignores it and warns on every run.    compose/obsolete-version',
        '  6:7  error  "DB_PASSWORD" holds a secret written in the compose file; move it to a Docker secret.  compose/secret-in-environment',
        '',
        '✖ 4 problems (1 error, 2 warnings, 1 info)',
        '  2 problems fixable with `docker-harden fix`, 2 more with `docker-harden fix --unsafe`',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for a clean project, and colours only when asked or on a terminal', () => {
    const clean = project({ 'Dockerfile': source`
      FROM alpine:3.20
      USER nobody
      CMD ["true"]
    `, '.docker-harden.yaml': onlyRulesConfig(KEEP) });
    assert.deepEqual(cli(['check'], clean), { status: 0, stdout: '', stderr: '' });
    const dir = smallFixture();
    assert.ok(!cli(['check'], dir).stdout.includes('\u001b['), 'a pipe gets no colours');
    const coloured = cli(['check', '--color'], dir).stdout;
    assert.ok(coloured.includes('\u001b[4mdocker-compose.yml\u001b[0m'), 'file names underlined');
    assert.ok(coloured.includes('\u001b[31merror\u001b[0m'), 'errors in red');
    assert.ok(!cli(['check'], dir, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout.includes('\u001b['), 'NO_COLOR wins');
    assert.ok(cli(['check'], dir, { FORCE_COLOR: '1' }).stdout.includes('\u001b['), 'FORCE_COLOR');
  });
});

describe('discovery', () => {
  it('finds compose files and Dockerfiles by name (other YAML files by content), respects .gitignore, skips node_modules and .git, in a stable order', () => {
    const dir = project({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': source`
        build/
        *.generated.yml
        !keep.generated.yml
      `,
      'compose.yaml': COMPOSE,
      'docker-compose.prod.yml': COMPOSE,
      'docker-compose.generated.yml': COMPOSE,
      'services/Dockerfile.dev': DOCKERFILE,
      'services/api.Dockerfile': DOCKERFILE,
      'services/.gitignore': 'Dockerfile.local\n',
      'services/Dockerfile.local': DOCKERFILE,
      'services/notes.yml': COMPOSE,
      'build/Dockerfile': DOCKERFILE,
      'node_modules/pkg/Dockerfile': DOCKERFILE,
      '.git/compose.yaml': COMPOSE,
      'Containerfile': DOCKERFILE,
      'B/compose.yml': COMPOSE,
      'a/compose.yml': COMPOSE,
      '.docker-harden.yaml': onlyRulesConfig(KEEP, 'ignore:\n  - docker-compose.prod.yml\n'),
    });
    // services/notes.yml is a compose file by content; the hidden .docker-harden.yaml is never read as one.
    const run = cli(['check', '--format', 'json'], dir);
    const paths = JSON.parse(run.stdout).files.map((f: { path: string }) => f.path);
    assert.deepEqual(paths, ['B/compose.yml', 'Containerfile', 'a/compose.yml', 'compose.yaml', 'services/Dockerfile.dev', 'services/api.Dockerfile', 'services/notes.yml']);
    // From a subfolder, the .gitignore of the repository root still applies.
    const sub = cli(['check', '--format', 'json', '.'], path.join(dir, 'services'));
    assert.deepEqual(JSON.parse(sub.stdout).files.map((f: { path: string }) => f.path), ['Dockerfile.dev', 'api.Dockerfile', 'notes.yml']);
    // --kind limits a folder search to one kind.
    const onlyCompose = cli(['check', '--format', 'json', '--kind', 'compose'], dir);
    assert.deepEqual(JSON.parse(onlyCompose.stdout).files.map((f: { path: string }) => f.path), ['B/compose.yml', 'a/compose.yml', 'compose.yaml', 'services/notes.yml']);
  });

  it('recognises a file named on the command line by its content, and --kind forces the kind', () => {
    const dir = project({
      'stack.yaml': COMPOSE,
      'build.txt': DOCKERFILE,
      'weird.conf': source`
        services:
          web:
            image: nginx:1.27
            environment: { API_TOKEN: x }
      `,
      'other.yaml': 'name: not compose\n',
      '.docker-harden.yaml': onlyRulesConfig(KEEP),
    });
    const run = cli(['check', '--format', 'json', 'stack.yaml', 'build.txt'], dir);
    const files = JSON.parse(run.stdout).files;
    assert.deepEqual(files.map((f: { path: string }) => f.path), ['build.txt', 'stack.yaml']);
    assert.deepEqual(files[0].problems.map((p: { ruleId: string }) => p.ruleId), ['dockerfile/non-root-user', 'dockerfile/json-args']);
    assert.deepEqual(files[1].problems.map((p: { ruleId: string }) => p.ruleId), ['compose/obsolete-version', 'compose/secret-in-environment']);
    // A folder search finds stack.yaml by name (a swarm stack file), reads YAML files of other names by content, and
    // never looks inside files that are not YAML (build.txt, weird.conf).
    assert.deepEqual(JSON.parse(cli(['check', '--format', 'json'], dir).stdout).files.map((f: { path: string }) => f.path), ['stack.yaml']);
    assert.equal(cli(['check', 'other.yaml'], dir).status, 2);
    const forced = cli(['check', '--format', 'json', '--kind', 'compose', 'other.yaml', 'weird.conf'], dir);
    assert.equal(forced.status, 1);
    assert.deepEqual(JSON.parse(forced.stdout).files.map((f: { path: string; problems: unknown[] }) => [f.path, f.problems.length]), [['other.yaml', 0], ['weird.conf', 1]]);
  });

  it('a folder without any compose file or Dockerfile is not an error', () => {
    const dir = project({ 'README.md': '# nothing\n' });
    assert.deepEqual(cli(['check', '--format', 'json'], dir), {
      status: 0,
      stdout: '{"version":1,"files":[]}\n',
      stderr: 'docker-harden: no compose files or Dockerfiles found in .\n',
    });
  });
});

describe('bad input is a diagnostic, never a crash', () => {
  const cases: [string, string | Buffer, string][] = [
    ['invalid YAML', source`
      services:
        web:
          image: [nginx
    `, 'compose/schema'],
    ['binary junk', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe]), 'compose/schema'],
    ['a half-typed value', source`
      services:
        web:
          image: nginx:1.27
          ports:
            - "80:80
    `, 'compose/schema'],
  ];
  for (const [name, content, ruleId] of cases) {
    it(name, () => {
      const dir = project({ 'docker-compose.yml': content });
      const run = cli(['check', '--format', 'json'], dir);
      assert.equal(run.stderr, '');
      assert.equal(run.status, 1);
      const [file] = JSON.parse(run.stdout).files;
      assert.equal(file.path, 'docker-compose.yml');
      assert.ok(file.problems.length >= 1);
      assert.equal(file.problems[0].ruleId, ruleId);
      assert.equal(file.problems[0].severity, 'error');
    });
  }

  it('an empty compose file and an empty Dockerfile', () => {
    const dir = project({ 'docker-compose.yml': '', 'Dockerfile': '' });
    const run = cli(['check', '--format', 'json'], dir);
    assert.equal(run.stderr, '');
    assert.ok(run.status === 0 || run.status === 1, `status ${run.status}`);
    assert.deepEqual(JSON.parse(run.stdout).files.map((f: { path: string }) => f.path), ['Dockerfile', 'docker-compose.yml']);
  });

  it('a binary Dockerfile', () => {
    const dir = project({ 'Dockerfile': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]) });
    const run = cli(['check', '--format', 'json'], dir);
    assert.equal(run.status, 1);
    assert.deepEqual(JSON.parse(run.stdout).files[0].problems.map((p: { ruleId: string; line: number }) => [p.ruleId, p.line]), [['dockerfile/syntax', 1]]);
  });

  it('a YAML alias bomb ends quickly with a diagnostic', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
    }
    const dir = project({ 'docker-compose.yml': `${levels.join('\n')}\nservices:\n  web:\n    image: nginx:1.27\n    command: *i\n` });
    const started = Date.now();
    const run = cli(['check', '--format', 'json'], dir);
    assert.ok(Date.now() - started < 20_000, 'no hang');
    assert.equal(run.stderr, '');
    assert.ok(run.status === 0 || run.status === 1, `status ${run.status}`);
    assert.equal(JSON.parse(run.stdout).files[0].path, 'docker-compose.yml');
  });

  it('a 20 MB file is one problem, not a hang', () => {
    const big = `services:\n  web:\n    image: nginx:1.27\n${'# padding padding padding padding padding padding padding padding\n'.repeat(320_000)}`;
    const dir = project({ 'docker-compose.yml': big });
    const run = cli(['check', '--format', 'json'], dir);
    assert.equal(run.status, 1);
    assert.deepEqual(JSON.parse(run.stdout).files[0].problems, [
      { ruleId: 'compose/schema', severity: 'error', message: 'File too large to lint (the limit is 10 MB).', line: 1, column: 1, endLine: 1, endColumn: 1, fix: null },
    ]);
  });

  it('a dangling symbolic link or a named pipe named on the command line is exit 2 with one line', () => {
    const dir = project({});
    fs.symlinkSync(path.join(dir, 'gone.yml'), path.join(dir, 'docker-compose.yml'));
    const dangling = cli(['check', 'docker-compose.yml'], dir);
    assert.deepEqual([dangling.status, dangling.stdout, dangling.stderr], [2, '', 'docker-harden: docker-compose.yml: no such file or folder\n']);
    execFileSync('mkfifo', [path.join(dir, 'compose.yaml')]);
    const fifo = cli(['check', 'compose.yaml'], dir);
    assert.deepEqual([fifo.status, fifo.stdout, fifo.stderr], [2, '', 'docker-harden: compose.yaml: not a regular file or folder\n']);
    // In a folder search, neither is linted (links are not followed, pipes are not files).
    assert.deepEqual(cli(['check', '--format', 'json'], dir).stdout, '{"version":1,"files":[]}\n');
  });
});

describe('the example workspace', () => {
  it('check examples/vrecommendation finds its problems in its three Dockerfiles and compose file', () => {
    const run = cli(['check', '--format', 'json', 'examples/vrecommendation'], path.resolve(exampleDir, '..', '..'));
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1, 'the literal ADMIN_PASSWORD is an error');
    const report = JSON.parse(run.stdout);
    assert.deepEqual(report.files.map((f: { path: string }) => f.path), [
      'examples/vrecommendation/backend/ai_server/Dockerfile',
      'examples/vrecommendation/backend/api_server/Dockerfile',
      'examples/vrecommendation/docker-compose.yml',
      'examples/vrecommendation/frontend/project/Dockerfile',
    ]);
    const compose = report.files[2].problems as { ruleId: string; line: number; column: number; severity: string }[];
    const has = (ruleId: string, line: number, column: number) =>
      assert.ok(compose.some((p) => p.ruleId === ruleId && p.line === line && p.column === column), `${ruleId} at ${line}:${column}`);
    has('compose/obsolete-version', 2, 1);
    has('compose/healthcheck', 6, 3);
    has('compose/depends-on-healthy', 32, 9);
    has('compose/secret-in-environment', 48, 7);
    assert.deepEqual(compose.filter((p) => p.severity === 'error').map((p) => [p.ruleId, p.line]), [['compose/secret-in-environment', 48]]);
    const aiServer = report.files[0].problems as { ruleId: string; line: number }[];
    assert.ok(aiServer.some((p) => p.ruleId === 'dockerfile/json-args' && p.line === 29));
  });
});

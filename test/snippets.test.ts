/**
 * Every snippet of snippets/*.json, expanded as VS Code would with its defaults (and with the other choices),
 * inserted into a small host file at the indentation of the insertion line, must give a file that parses and that
 * our own linter accepts: no errors, no problem inside the inserted text, the rules the snippet exists for are
 * silenced (and raised by the host without the snippet), and no rule that the host did not raise already.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { findRule, lint, memoryWorkspace, type Problem } from '../engine/src/index';
import { source } from './lib/yaml-tag';

const root = path.resolve(__dirname, '..');

interface SnippetDefinition {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

function readSnippets(file: string): Record<string, SnippetDefinition> {
  return JSON.parse(fs.readFileSync(path.join(root, 'snippets', file), 'utf8')) as Record<string, SnippetDefinition>;
}

// --- A small implementation of VS Code's snippet syntax (tab stops, placeholders, choices, escapes) ----------

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: SnippetNode[]; choices?: string[] };

export function parseSnippet(body: string): SnippetNode[] {
  let pos = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${pos}: ${JSON.stringify(body.slice(Math.max(0, pos - 10), pos + 20))}`);
  };
  function parseChoices(): string[] {
    const choices: string[] = [];
    let current = '';
    for (;;) {
      if (pos >= body.length) fail('unclosed choice');
      const ch = body[pos];
      if (ch === '\\' && /[$}\\,|]/.test(body[pos + 1] ?? '')) {
        current += body[pos + 1];
        pos += 2;
      } else if (ch === ',') {
        choices.push(current);
        current = '';
        pos++;
      } else if (ch === '|' && body[pos + 1] === '}') {
        choices.push(current);
        pos += 2;
        return choices;
      } else {
        current += ch;
        pos++;
      }
    }
  }
  function parseUntil(insidePlaceholder: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (pos < body.length) {
      const ch = body[pos];
      const rest = body.slice(pos);
      if (ch === '\\' && /[$}\\]/.test(body[pos + 1] ?? '')) {
        text += body[pos + 1];
        pos += 2;
      } else if (ch === '}' && insidePlaceholder) {
        pos++;
        flush();
        return nodes;
      } else if (/^\$\d/.test(rest)) {
        flush();
        const digits = /^\$(\d+)/.exec(rest)![1];
        nodes.push({ kind: 'tabstop', index: Number(digits) });
        pos += 1 + digits.length;
      } else if (/^\$\{\d/.test(rest)) {
        flush();
        const digits = /^\$\{(\d+)/.exec(rest)![1];
        pos += 2 + digits.length;
        const index = Number(digits);
        if (body[pos] === '}') {
          pos++;
          nodes.push({ kind: 'tabstop', index });
        } else if (body[pos] === ':') {
          pos++;
          nodes.push({ kind: 'tabstop', index, children: parseUntil(true) });
        } else if (body[pos] === '|') {
          pos++;
          nodes.push({ kind: 'tabstop', index, choices: parseChoices() });
        } else fail('unsupported tab stop (transformations are not used in our snippets)');
      } else if (/^\$\{?[A-Za-z_]/.test(rest)) {
        fail('snippet variable (a literal $ must be written \\$)');
      } else {
        text += ch;
        pos++;
      }
    }
    if (insidePlaceholder) fail('unclosed placeholder');
    flush();
    return nodes;
  }
  return parseUntil(false);
}

/** The text VS Code inserts when every tab stop keeps its default; `choice` picks the alternative of choices. */
export function expandSnippet(body: string, choice: 'first' | 'last' = 'first'): string {
  const nodes = parseSnippet(body);
  const defining = new Map<number, SnippetNode>();
  const collect = (list: SnippetNode[]) => {
    for (const node of list) {
      if (node.kind !== 'tabstop') continue;
      if ((node.children || node.choices) && !defining.has(node.index)) defining.set(node.index, node);
      if (node.children) collect(node.children);
    }
  };
  collect(nodes);
  const render = (list: SnippetNode[], depth: number): string =>
    list
      .map((node) => {
        if (node.kind === 'text') return node.value;
        const source = defining.get(node.index) ?? node;
        if (depth > 10) throw new Error(`tab stop $${node.index} mirrors itself`);
        if (source.kind === 'tabstop' && source.choices) return source.choices[choice === 'first' ? 0 : source.choices.length - 1];
        if (source.kind === 'tabstop' && source.children) return render(source.children, depth + 1);
        return '';
      })
      .join('');
  return render(nodes, 0);
}

/** Inserts a snippet body at the marker line `<indent>@@`, indenting its following lines as VS Code does. */
function insertAt(host: string, body: string[], choice: 'first' | 'last'): { text: string; start: number; end: number } {
  const marker = /^([ ]*)@@$/m.exec(host);
  assert.ok(marker, 'host has a marker line');
  const indent = marker[1];
  const expanded = expandSnippet(body.join('\n'), choice)
    .split('\n')
    .map((line, index) => (index === 0 || line === '' ? line : indent + line))
    .join('\n');
  const start = marker.index + indent.length;
  return { text: host.slice(0, start) + expanded + host.slice(marker.index + marker[0].length), start, end: start + expanded.length };
}

// --- The cases -----------------------------------------------------------------------------------------------

interface SnippetCase {
  snippet: string;
  filename: 'compose.yaml' | 'Dockerfile';
  /** The file the snippet is typed into; `@@` marks the insertion line. */
  host: string;
  /** What a user would have without the snippet (default: the host without the marker line). */
  baseline?: string;
  /** Other files of the folder. */
  files?: Record<string, string>;
  /** Rules the snippet exists to satisfy: raised by the baseline (when the rule exists), gone after. */
  silences: string[];
  /** A YAML path that must hold a value after the insertion (compose). */
  path?: (string | number)[];
  /** The exact text inserted with the defaults, for the snippets whose escaping matters. */
  inserted?: string;
  /** The host for the last alternative of each choice, when that alternative needs another image (wget: Alpine). */
  hostForLastChoice?: string;
  /** Rules that may report inside the snippet, each with the reason it is accepted. */
  acceptedInside?: Record<string, string>;
}

const dir = path.resolve('/snippet-test');
const TODAY = new Date('2026-11-25T12:00:00Z');
const DOCKERIGNORE = source`
  .git
  .env
  node_modules
  __pycache__
  *.log
  secrets/
`;

const webHost = source`
  services:
    web:
      image: nginx:1.27
      @@
`;
const redisHost = source`
  services:
    cache:
      image: redis:7.4
      @@
`;
const postgresHost = source`
  services:
    db:
      image: postgres:17
      @@
`;
const mysqlHost = source`
  services:
    db:
      image: mysql:8.4
      @@
`;
const secretHost =
  source`
    services:
      db:
        image: postgres:17
        environment:
          POSTGRES_PASSWORD_FILE: /run/secrets/db_password
        secrets:
          - db_password
    @@
  `;
const apiTokenHost =
  source`
    services:
      api:
        image: nginx:1.27
        environment:
          API_TOKEN_FILE: /run/secrets/api_token
        secrets:
          - api_token
    @@
  `;

const composeCases: SnippetCase[] = [
  {
    snippet: 'Healthcheck: HTTP probe',
    filename: 'compose.yaml',
    host: webHost,
    // The second choice is wget: BusyBox has it in Alpine images, Debian's nginx image has only curl.
    hostForLastChoice: source`
      services:
        web:
          image: nginx:1.27-alpine
          @@
    `,
    silences: ['compose/healthcheck'],
    path: ['services', 'web', 'healthcheck', 'test'],
  },
  {
    snippet: 'Healthcheck: Redis',
    filename: 'compose.yaml',
    host: redisHost,
    silences: ['compose/healthcheck'],
    path: ['services', 'cache', 'healthcheck', 'test'],
    inserted: 'healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n      interval: 10s\n      timeout: 3s\n      retries: 5\n      start_period: 10s',
  },
  {
    snippet: 'Healthcheck: PostgreSQL',
    filename: 'compose.yaml',
    host: postgresHost,
    silences: ['compose/healthcheck'],
    path: ['services', 'db', 'healthcheck', 'test'],
    inserted:
      'healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres} -d $${POSTGRES_DB:-postgres}"]\n      interval: 10s\n      timeout: 5s\n      retries: 5\n      start_period: 30s',
  },
  { snippet: 'Healthcheck: MySQL', filename: 'compose.yaml', host: mysqlHost, silences: ['compose/healthcheck'], path: ['services', 'db', 'healthcheck', 'test'] },
  {
    snippet: 'depends_on: wait until healthy',
    filename: 'compose.yaml',
    host:
      source`
        services:
          db:
            image: postgres:17
            healthcheck:
              test: ["CMD-SHELL", "pg_isready -U postgres"]
          web:
            image: nginx:1.27
            @@
      `,
    baseline:
      source`
        services:
          db:
            image: postgres:17
            healthcheck:
              test: ["CMD-SHELL", "pg_isready -U postgres"]
          web:
            image: nginx:1.27
            depends_on:
              - db
      `,
    silences: ['compose/depends-on-healthy'],
    path: ['services', 'web', 'depends_on', 'db', 'condition'],
    inserted: 'depends_on:\n      db:\n        condition: service_healthy',
  },
  { snippet: 'Resource limits', filename: 'compose.yaml', host: webHost, silences: ['compose/resource-limits'], path: ['services', 'web', 'deploy', 'resources', 'limits', 'memory'] },
  { snippet: 'Log rotation', filename: 'compose.yaml', host: webHost, silences: ['compose/log-rotation'], path: ['services', 'web', 'logging', 'options', 'max-size'] },
  {
    snippet: 'Secret from a file',
    filename: 'compose.yaml',
    host: secretHost,
    silences: ['compose/undefined-reference'],
    path: ['secrets', 'db_password', 'file'],
    inserted: 'secrets:\n  db_password:\n    file: ./secrets/db_password.txt',
  },
  { snippet: 'Secret managed outside compose', filename: 'compose.yaml', host: secretHost, silences: ['compose/undefined-reference'], path: ['secrets', 'db_password', 'external'] },
  {
    snippet: 'Secret from an environment variable',
    filename: 'compose.yaml',
    host: apiTokenHost,
    silences: ['compose/undefined-reference'],
    path: ['secrets', 'api_token', 'environment'],
  },
  {
    snippet: 'Hardened service',
    filename: 'compose.yaml',
    host: 'services:\n  @@\n',
    baseline: source`
      services:
        app:
          image: registry.example.com/app:1.0.0
    `,
    silences: [
      'compose/healthcheck',
      'compose/resource-limits',
      'compose/log-rotation',
      'compose/restart-policy',
      'compose/no-new-privileges',
      'compose/cap-drop',
      'compose/read-only',
    ],
    path: ['services', 'app', 'healthcheck', 'test'],
  },
];

const dockerfileCases: SnippetCase[] = [
  {
    snippet: 'Non-root user (Debian/Ubuntu)',
    filename: 'Dockerfile',
    host: source`
      FROM debian:trixie-slim
      @@
      CMD ["sleep", "infinity"]
    `,
    silences: ['dockerfile/non-root-user'],
    inserted:
      'RUN groupadd --system --gid 10001 app \\\n && useradd --system --no-log-init --uid 10001 --gid app --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app\nUSER 10001:10001',
  },
  {
    snippet: 'Non-root user (Alpine)',
    filename: 'Dockerfile',
    host: source`
      FROM alpine:3.22
      @@
      CMD ["sleep", "infinity"]
    `,
    silences: ['dockerfile/non-root-user'],
  },
  {
    snippet: 'HEALTHCHECK with curl',
    filename: 'Dockerfile',
    host: source`
      FROM nginx:1.27
      EXPOSE 8080
      @@
    `,
    silences: ['dockerfile/healthcheck'],
    inserted: 'HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \\\n  CMD curl -fsS http://localhost:8080/health || exit 1',
  },
  {
    snippet: 'HEALTHCHECK with wget',
    filename: 'Dockerfile',
    host: source`
      FROM alpine:3.22
      EXPOSE 8080
      @@
    `,
    silences: ['dockerfile/healthcheck'],
  },
  {
    snippet: 'apt-get install done right',
    filename: 'Dockerfile',
    host: 'FROM debian:trixie-slim\n@@\n',
    baseline: source`
      FROM debian:trixie-slim
      RUN apt-get update
      RUN apt-get install ca-certificates curl
    `,
    silences: ['dockerfile/apt-no-install-recommends', 'dockerfile/apt-lists-cleanup', 'dockerfile/apt-get-yes', 'dockerfile/apt-update-alone'],
  },
  {
    snippet: 'Multi-stage build: Node',
    filename: 'Dockerfile',
    host: '@@\n',
    baseline: source`
      FROM node:22
      WORKDIR /app
      COPY . .
      RUN npm ci --omit=dev
      RUN npm run build
      CMD npm start
    `,
    files: { '.dockerignore': DOCKERIGNORE },
    silences: ['dockerfile/non-root-user', 'dockerfile/json-args', 'dockerfile/healthcheck', 'dockerfile/npm-omit-dev-before-build'],
  },
  {
    snippet: 'Multi-stage build: Python with Poetry',
    filename: 'Dockerfile',
    host: '@@\n',
    baseline:
      source`
        FROM python:3.13
        RUN apt-get update && apt-get install -y build-essential
        RUN pip install poetry
        WORKDIR /app
        COPY . .
        RUN poetry install --no-dev
        CMD python -m app
      `,
    files: { '.dockerignore': DOCKERIGNORE },
    silences: [
      'dockerfile/non-root-user',
      'dockerfile/json-args',
      'dockerfile/healthcheck',
      'dockerfile/pip-no-cache-dir',
      'dockerfile/poetry-no-dev',
      'dockerfile/build-tools-in-final-stage',
    ],
  },
  {
    snippet: 'Multi-stage build: Go',
    filename: 'Dockerfile',
    host: '@@\n',
    baseline: source`
      FROM golang:1.26
      WORKDIR /src
      COPY . .
      RUN go build -o /app .
      CMD /app
    `,
    files: { '.dockerignore': DOCKERIGNORE },
    silences: ['dockerfile/non-root-user', 'dockerfile/json-args'],
    acceptedInside: { 'dockerfile/healthcheck': 'distroless has no shell, curl or wget: the healthcheck belongs in compose (info)' },
  },
];

function lintText(filename: string, text: string, files: Record<string, string> = {}): Problem[] {
  const absolute = path.join(dir, filename);
  const workspace = memoryWorkspace(
    Object.fromEntries([[absolute, text], ...Object.entries(files).map(([name, content]) => [path.join(dir, name), content])]),
  );
  // Strict, but for version pinning: a snippet cannot know which package versions a project wants.
  return lint(absolute, text, {
    workspace,
    today: TODAY,
    profile: 'strict',
    rules: { 'dockerfile/pin-package-versions': 'off' },
    onRuleError: (id, error) => {
      throw new Error(`${id}: ${String(error)}`);
    },
  }).problems;
}

const describeProblems = (problems: Problem[]) => problems.map((p) => `${p.ruleId} (${p.severity}) @${p.start}: ${p.message}`).join('\n');

function checkCase(testCase: SnippetCase, definition: SnippetDefinition, choice: 'first' | 'last'): void {
  const body = Array.isArray(definition.body) ? definition.body : [definition.body];
  const host = choice === 'last' && testCase.hostForLastChoice ? testCase.hostForLastChoice : testCase.host;
  const inserted = insertAt(host, body, choice);
  const after = inserted.text;
  if (testCase.inserted !== undefined && choice === 'first') assert.equal(after.slice(inserted.start, inserted.end), testCase.inserted);
  if (testCase.filename === 'compose.yaml') {
    const document = parseDocument(after);
    assert.deepEqual(document.errors.map((e) => e.message), [], `YAML parses:\n${after}`);
    assert.notEqual(document.getIn(testCase.path ?? []), undefined, `${(testCase.path ?? []).join('.')} is set:\n${after}`);
  }
  const problems = lintText(testCase.filename, after, testCase.files);
  assert.deepEqual(problems.filter((p) => p.severity === 'error').map((p) => p.ruleId), [], `no errors:\n${after}\n${describeProblems(problems)}`);
  const inside = problems.filter(
    (p) => p.start >= inserted.start && p.start < inserted.end && !(testCase.acceptedInside && p.ruleId in testCase.acceptedInside && p.severity === 'info'),
  );
  assert.deepEqual(inside.map((p) => p.ruleId), [], `no problem inside the snippet:\n${after}\n${describeProblems(inside)}`);
  for (const ruleId of Object.keys(testCase.acceptedInside ?? {})) {
    assert.ok(problems.some((p) => p.ruleId === ruleId), `${ruleId} is still raised, so accepting it is still needed`);
  }
  const silenced = problems.filter((p) => testCase.silences.includes(p.ruleId));
  assert.deepEqual(silenced.map((p) => p.ruleId), [], `the snippet silences ${testCase.silences.join(', ')}:\n${after}`);
  const baseline = testCase.baseline ?? host.replace(/^[ ]*@@\n/m, '');
  const before = lintText(testCase.filename, baseline, testCase.files);
  const beforeIds = new Set(before.map((p) => p.ruleId));
  for (const ruleId of testCase.silences.filter((id) => findRule(id) !== undefined)) {
    assert.ok(beforeIds.has(ruleId), `the baseline raises ${ruleId}, so the snippet is what silences it:\n${baseline}\n${describeProblems(before)}`);
  }
  if (testCase.baseline === undefined) {
    const added = problems.filter((p) => !beforeIds.has(p.ruleId));
    assert.deepEqual(added.map((p) => p.ruleId), [], `the snippet adds no new kind of problem:\n${after}\n${describeProblems(added)}`);
  }
}

for (const [file, cases] of [
  ['compose.json', composeCases],
  ['dockerfile.json', dockerfileCases],
] as const) {
  describe(`snippets/${file}`, () => {
    const snippets = readSnippets(file);

    it('has a test case for every snippet and a snippet for every test case', () => {
      assert.deepEqual(Object.keys(snippets).sort(), cases.map((c) => c.snippet).sort());
    });

    it('gives every snippet a description and one unique prefix; bodies use spaces, not tabs', () => {
      // VS Code lists a snippet once per prefix: two prefixes showed every snippet twice (issue 19).
      for (const [name, snippet] of Object.entries(snippets)) assert.equal(typeof snippet.prefix, 'string', `${name} has one prefix`);
      const prefixes = Object.values(snippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
      assert.equal(new Set(prefixes).size, prefixes.length, 'prefixes are unique');
      for (const [name, snippet] of Object.entries(snippets)) {
        assert.ok(snippet.description.length > 20, `${name} has a description`);
        const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
        assert.ok(!body.includes('\t'), `${name} has no tab`);
        assert.doesNotThrow(() => parseSnippet(body), `${name} parses as a snippet`);
      }
    });

    for (const testCase of cases) {
      it(`${testCase.snippet}: expanded with its defaults, the linter accepts it`, () => checkCase(testCase, snippets[testCase.snippet], 'first'));
      const body = snippets[testCase.snippet] ? [snippets[testCase.snippet].body].flat().join('\n') : '';
      if (body.includes('${') && /\$\{\d+\|/.test(body)) {
        it(`${testCase.snippet}: with the last of each choice, the linter accepts it`, () => checkCase(testCase, snippets[testCase.snippet], 'last'));
      }
    }
  });
}

describe('the snippet expander used by these tests', () => {
  it('resolves placeholders, mirrors, nested defaults, choices and escapes as VS Code does', () => {
    assert.equal(expandSnippet('a ${1:x} $1 ${2:p/${1:y}/q} $2'), 'a x x p/x/q p/x/q');
    assert.equal(expandSnippet('${1|one,two,three|} $1', 'first'), 'one one');
    assert.equal(expandSnippet('${1|one,two,three|} $1', 'last'), 'three three');
    assert.equal(expandSnippet('cost: \\$5 \\} \\\\ $0 end'), 'cost: $5 } \\  end');
    assert.equal(expandSnippet('${1:a\\}b}'), 'a}b');
  });

  it('refuses variables and unclosed placeholders', () => {
    assert.throws(() => parseSnippet('PATH=$PATH'), /snippet variable/);
    assert.throws(() => parseSnippet('${1:open'), /unclosed placeholder/);
    assert.throws(() => parseSnippet('${1/a/b/}'), /unsupported tab stop/);
  });
});

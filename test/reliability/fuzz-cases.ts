/**
 * The fuzzer's inputs and its property, shared by the CI-sized run (fuzz.test.ts) and the long run (`npm run fuzz`):
 * corpus files mutated (truncation, byte flips, indentation shifts, random unicode, deep nesting, huge scalars,
 * alias cycles and bombs, CRLF, BOM, tabs), generated compose models, compose files whose environment values are
 * spelled every way YAML allows (block scalars, quotes and escapes, `$$`), and generated Dockerfiles with heredocs
 * (closed and not) and continuations left at the end of the file. The property: lint never throws and no rule
 * errors, each case finishes in bounded time, every fix output parses when its input did and keeps its comments, a
 * second fix-all changes nothing, no file outside the project is touched, every environment value stays or moves
 * into a secrets file the same fix writes, and every instruction a fix adds to a Dockerfile stands on its own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { DockerfileParser } from 'dockerfile-ast';
import { parseDocument, stringify } from 'yaml';
import { fixAll, lint, memoryWorkspace, type ChangedFile, type FileKind } from '../../engine/src/index';
import { lostComments, readManifest, yamlErrors } from './lib';
import { source } from '../lib/yaml-tag';

export interface FuzzCase {
  kind: FileKind;
  /** Where the text came from and what was done to it (printed on failure). */
  origin: string;
  text: string;
  /** Other files of the project, relative to its folder (a secrets file already there). */
  files?: Record<string, string>;
}

export interface FuzzFile {
  name: string;
  kind: FileKind;
  text: string;
}

/** Corpus files up to `maxBytes` (small ones keep a case fast). */
export function corpusFiles(maxBytes: number): FuzzFile[] {
  return readManifest()
    .map((entry) => ({ name: entry.path, kind: entry.kind, text: fs.readFileSync(entry.absolutePath, 'utf8') }))
    .filter((file) => file.text.length <= maxBytes);
}

type Mutation = { name: string; apply: (text: string) => string };

const offsetIn = (text: string, fraction: number) => Math.floor(fraction * (text.length + 1));
const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const randomUnicode = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('\u0000', '\uFEFF', '\u2028', '\u2029', '\uD800', '\uDFFF', '\u200B', '\r', '\t', '💥', 'é', '\u0085', '\\', '"', "'", '&', '*', '!', '%', '@', '`', '|', '>', '{', '}', '[', ']', ',', ':', '#', '- ', '? '),
);

function deepNesting(depth: number, flow: boolean): string {
  if (flow) return `x-deep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  let out = 'x-deep:\n';
  for (let i = 1; i <= depth; i++) out += `${' '.repeat(i)}k${i}:\n`;
  return out;
}

function billionLaughs(levels: number, fanOut: number): string {
  let out = 'x-lol0: &lol0 "lol"\n';
  for (let level = 1; level <= levels; level++) {
    const refs = Array.from({ length: fanOut }, () => `*lol${level - 1}`).join(', ');
    out += `x-lol${level}: &lol${level} [${refs}]\n`;
  }
  return out;
}

/** Snippets that target the YAML loader: alias cycles and bombs, merges of the wrong type, compose tags. */
const yamlTraps = fc.constantFrom(
  'x-cycle: &a [*a]\n',
  'x-self: &m {k: *m}\n',
  source`
    x-merge-seq: &s [1, 2]
    x-use:
      <<: *s
  `,
  source`
    x-merge-alias-of-alias: &p {a: 1}
    x-q: &q *p
    x-r:
      <<: *q
  `,
  'x-undefined-alias: *nowhere\n',
  'x-reset: !reset []\nx-override: !override {a: 1}\n',
  'x-tag: !!binary aGVsbG8=\n',
  '%YAML 1.1\n---\n',
  '---\nsecond: document\n',
  '...\n',
  'x-dupe: 1\nx-dupe: 2\n',
  '? [complex, key]\n: value\n',
  'x-anchor-on-key: &k key\n*k : value\n',
);

/** Dockerfile mutations: a heredoc opened and never closed, a continuation left at the end, with or without a line break. */
export const dockerfileEndings = fc.constantFrom('RUN <<EOF\necho open\n', 'RUN <<EOF', 'RUN make \\', 'RUN make \\\n', 'CMD ["x"] \\\n# end\n');

/** Light mutations are common; heavy ones (deep nesting, huge scalars, alias bombs) rarer, so a run stays fast. */
function mutations(): fc.Arbitrary<Mutation> {
  const heavy = (arbitrary: fc.Arbitrary<Mutation>) => ({ weight: 1, arbitrary });
  const light = (arbitrary: fc.Arbitrary<Mutation>) => ({ weight: 8, arbitrary });
  return fc.oneof(
    light(
  fraction.map((f) => ({ name: `truncate@${f.toFixed(4)}`, apply: (t: string) => t.slice(0, offsetIn(t, f)) }))
    ),
    light(
  fc.tuple(fraction, fc.integer({ min: 0, max: 0xffff })).map(([f, code]) => ({
        name: `flip@${f.toFixed(4)}=U+${code.toString(16)}`,
        apply: (t: string) => {
          const at = Math.min(offsetIn(t, f), Math.max(0, t.length - 1));
          return t.slice(0, at) + String.fromCharCode(code) + t.slice(at + 1);
        },
      }))
    ),
    light(
  fc.tuple(fraction, fc.integer({ min: -4, max: 4 })).map(([f, delta]) => ({
        name: `indent@${f.toFixed(4)}${delta >= 0 ? '+' : ''}${delta}`,
        apply: (t: string) => {
          const lines = t.split('\n');
          const line = Math.floor(f * lines.length);
          lines[line] = delta >= 0 ? ' '.repeat(delta) + lines[line] : lines[line].replace(new RegExp(`^ {0,${-delta}}`), '');
          return lines.join('\n');
        },
      }))
    ),
    light(
  fc.tuple(fraction, randomUnicode).map(([f, s]) => ({
        name: `insert@${f.toFixed(4)}=${JSON.stringify(s)}`,
        apply: (t: string) => t.slice(0, offsetIn(t, f)) + s + t.slice(offsetIn(t, f)),
      }))
    ),
    light(
  fc.constant({ name: 'crlf', apply: (t: string) => t.replace(/\r?\n/g, '\r\n') })
    ),
    light(
  fc.constant({ name: 'bom', apply: (t: string) => '\uFEFF' + t })
    ),
    light(
  fc.constant({ name: 'tabs', apply: (t: string) => t.replace(/^( {2})+/gm, (s) => '\t'.repeat(s.length / 2)) })
    ),
    light(
  fc.constant({ name: 'cr-only', apply: (t: string) => t.replace(/\r?\n/g, '\r') })
    ),
    light(
  fc.constant({ name: 'no-final-newline', apply: (t: string) => t.replace(/\s+$/, '') })
    ),
    heavy(
  // Block nesting grows quadratically in bytes: 1,000 levels is 500 KB, well past the model's 256-level limit.
      fc.tuple(fc.integer({ min: 10, max: 3000 }), fc.boolean()).map(([depth, flow]) => ({
        name: `deep${flow ? '-flow' : ''}(${depth})`,
        apply: (t: string) => t + (t.endsWith('\n') || t === '' ? '' : '\n') + deepNesting(flow ? depth : Math.min(depth, 1000), flow),
      }))
    ),
    heavy(
  fc.tuple(fc.integer({ min: 1_000, max: 300_000 }), fc.boolean()).map(([size, quoted]) => ({
        name: `huge-scalar(${size}${quoted ? ',quoted' : ''})`,
        apply: (t: string) => {
          const value = 'x'.repeat(size);
          const line = t.includes('FROM') && !t.includes('services:') ? `LABEL big="${value}"\n` : `x-big: ${quoted ? `"${value}"` : value}\n`;
          return t + (t.endsWith('\n') || t === '' ? '' : '\n') + line;
        },
      }))
    ),
    heavy(
  fc.tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 })).map(([levels, fanOut]) => ({
        name: `billion-laughs(${levels}x${fanOut})`,
        apply: (t: string) => t + (t.endsWith('\n') || t === '' ? '' : '\n') + billionLaughs(levels, fanOut),
      }))
    ),
    light(
  yamlTraps.map((trap) => ({ name: `trap ${JSON.stringify(trap)}`, apply: (t: string) => t + (t.endsWith('\n') || t === '' ? '' : '\n') + trap }))
    ),
    light(
  // A Dockerfile left with a heredoc open or a continuation at its end (issue 15).
  dockerfileEndings.map((ending) => ({
        name: `dockerfile-ending ${JSON.stringify(ending)}`,
        apply: (t: string) => (/^\s*FROM\s/im.test(t) && !t.includes('services:') ? t + (/[\r\n]$/.test(t) || t === '' ? '' : '\n') + ending : t),
      }))
    ),
    light(
  // Bytes that are no UTF-8, as a file read as UTF-8 gives them to the engine.
  fc.tuple(fraction, fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf])).map(([f, bytes]) => ({
        name: `invalid-utf8@${f.toFixed(4)}=${bytes.map((b) => b.toString(16)).join(' ')}`,
        apply: (t: string) => t.slice(0, offsetIn(t, f)) + Buffer.from(bytes).toString('utf8') + t.slice(offsetIn(t, f)),
      }))
    ),
    light(
  fc.tuple(fraction, yamlTraps).map(([f, trap]) => ({
        name: `trap-inline@${f.toFixed(4)} ${JSON.stringify(trap)}`,
        apply: (t: string) => {
          const lines = t.split('\n');
          const line = Math.floor(f * lines.length);
          const indent = /^\s*/.exec(lines[line])![0];
          lines.splice(line, 0, ...trap.trimEnd().split('\n').map((l) => indent + l.replace(/^x-/, 'x_')));
          return lines.join('\n');
        },
      }))
    ),
  );
}

export function mutatedCorpusCase(files: readonly FuzzFile[]): fc.Arbitrary<FuzzCase> {
  return fc
    .tuple(fc.integer({ min: 0, max: files.length - 1 }), fc.array(mutations(), { minLength: 1, maxLength: 3 }))
    .map(([index, list]) => {
      const file = files[index];
      let text = file.text;
      for (const mutation of list) text = mutation.apply(text);
      return { kind: file.kind, origin: `${file.name} | ${list.map((m) => m.name).join(' | ')}`, text };
    });
}

const composeKeys = [
  'image', 'build', 'command', 'entrypoint', 'environment', 'env_file', 'ports', 'expose', 'volumes', 'depends_on',
  'healthcheck', 'restart', 'deploy', 'logging', 'secrets', 'configs', 'networks', 'user', 'privileged', 'cap_add',
  'cap_drop', 'security_opt', 'read_only', 'tmpfs', 'network_mode', 'pid', 'ipc', 'container_name', 'labels',
  'mem_limit', 'cpus', 'profiles', 'extends', 'working_dir', 'stop_signal', 'x-custom',
];
const knownImages = ['redis', 'redis:7-alpine', 'postgres:16', 'mysql:8', 'mongo', 'nginx:latest', 'grafana/grafana', 'prom/prometheus:v2.53.0', 'node:20-slim', 'python:3.12-alpine', 'busybox', 'ghcr.io/x/y@sha256:' + 'a'.repeat(64)];
const secretNames = ['POSTGRES_PASSWORD', 'API_TOKEN', 'SECRET_KEY', 'DB_PASS', 'AWS_SECRET_ACCESS_KEY', 'PUBLIC_CLIENT_ID', 'PASSWORD_FILE', 'PATH'];

const scalarValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(...knownImages),
  fc.constantFrom('${VAR}', '${VAR:-default}', '$$escaped', '80:80', '127.0.0.1:6379:6379', '/var/run/docker.sock:/var/run/docker.sock', './src:/app', 'host', 'unless-stopped', 'true', 'ALL', 'SYS_ADMIN', 'seccomp:unconfined', '10s', '512M', '0.5'),
  fc.integer({ min: -5, max: 70000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
);

const composeValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarValue, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(fc.oneof(fc.constantFrom(...composeKeys, ...secretNames, 'condition', 'test', 'service', 'file', 'limits', 'resources', 'driver', 'options', 'max-size', 'context', 'dockerfile'), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 4 }),
})).value;

const serviceModel = fc.record(
  {
    image: fc.constantFrom(...knownImages),
    environment: fc.oneof(
      fc.dictionary(fc.constantFrom(...secretNames), scalarValue, { maxKeys: 3 }),
      fc.array(fc.tuple(fc.constantFrom(...secretNames), fc.string({ maxLength: 8 })).map(([k, v]) => `${k}=${v}`), { maxLength: 3 }),
    ),
    extra: fc.dictionary(fc.constantFrom(...composeKeys), composeValue, { maxKeys: 5 }),
    // `extends` another service of the file (maybe itself: a cycle), by name or in the long form.
    extendsService: fc.tuple(fc.nat({ max: 4 }), fc.boolean()),
  },
  { requiredKeys: [] },
);

/** A compose file generated from a random model (services with random keys and values), with comments sprinkled in. */
export function generatedComposeCase(): fc.Arbitrary<FuzzCase> {
  return fc
    .tuple(
      fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), serviceModel, { minKeys: 1, maxKeys: 5 }),
      fc.option(fc.constantFrom('3.8', '2', 3), { nil: undefined }),
      fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 4 }),
      fc.constantFrom(2, 4),
    )
    .map(([services, version, commentLines, indent]) => {
      const model: Record<string, unknown> = {};
      if (version !== undefined) model.version = version;
      const names = Object.keys(services);
      model.services = Object.fromEntries(
        Object.entries(services).map(([name, service]) => {
          const { extra, extendsService, ...known } = service;
          const base = extendsService ? names[extendsService[0] % names.length] : undefined;
          const inherits = base === undefined ? {} : { extends: extendsService![1] ? base : { service: base } };
          return [name, { ...known, ...inherits, ...(extra ?? {}) }];
        }),
      );
      let text: string;
      try {
        text = stringify(model, { indent });
      } catch {
        text = 'services: {}\n';
      }
      const lines = text.split('\n');
      for (const at of commentLines) {
        const line = at % Math.max(1, lines.length);
        const indentOf = /^\s*/.exec(lines[line] ?? '')![0];
        lines.splice(line, 0, `${indentOf}# comment ${at}`);
      }
      return { kind: 'compose' as const, origin: 'generated model', text: lines.join('\n') };
    });
}

/** Names a secret rule converts, and names it leaves alone. */
const environmentNames = ['DB_PASSWORD', 'POSTGRES_PASSWORD', 'API_TOKEN', 'JWT_SECRET', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'LOG_LEVEL', 'TZ', 'PASSWORD_FILE', 'PUBLIC_CLIENT_ID'];
const environmentValue = fc.oneof(
  fc.constantFrom('s3cr3t-Value_1', 'pa$$word', '$${NOT_A_VAR}', 'it\'s "quoted"', 'tok_é_\\x5f', 'line one\nline two', 'trailing\n', '  leading spaces', 'a: b # c', '${DB_PASSWORD}', '${DB_PASSWORD:-fallback$$}', 'prefix-${VAR}', '$S$$_1', '${DB_PASSWORD:?required}', '${A}${B}', '$DB_PASSWORD', '${DB_PASSWORD-}', '', 'ünïcödé-€', 'tab\there', '- dash', '123', 'true', 'null'),
  fc.string({ maxLength: 12 }),
  fc.stringMatching(/^[A-Za-z0-9_$.\-]{1,16}$/),
);

/** A double-quoted YAML scalar, escaping some characters the long way (`\x5f`, `\u00e9`, `\"`). */
function doubleQuoted(value: string, style: number): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += style % 2 ? '\\t' : '\\x09';
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0x9f) || code === 0xfeff || code === 0x2028 || code === 0x2029 || (code >= 0xd800 && code <= 0xdfff)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (ch === '_' && style % 3 === 0) out += '\\x5f';
    else if (code > 0x7f && code <= 0xffff && style % 2 === 0) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `"${out}"`;
}

const blockHeaders = ['|', '>', '|-', '>-', '|+', '>+', '|2', '>2', '|-2', '>+1', '|4-', '>3+'];

/**
 * A value spelled as YAML: plain when it can be, single-quoted (`''`), double-quoted with escapes, or a block scalar
 * (`|`, `>`, chomping and indentation indicators) under `indent`. Returns the text after `key:` (or after `- `).
 */
function spell(value: string, how: number, indent: number): string {
  const single = !/[\n\r\t\u0000-\u001f\u007f-\u009f\ufeff\u2028\u2029\ud800-\udfff]/.test(value);
  const block = /^[^\s#][^\r\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029\ud800-\udfff]*$/.test(value) && !/\s\n|\n\s/.test(value);
  const plain = /^[A-Za-z0-9_/.][A-Za-z0-9_/.$@%+=-]*$/.test(value) && !/^(true|false|null|~|yes|no|on|off|[-+.\d][\d._eE+-]*)$/i.test(value);
  const kind = how % 4;
  if (kind === 0 && plain) return ` ${value}`;
  if (kind === 1 && single) return ` '${value.replace(/'/g, "''")}'`;
  if (kind === 2 && block) {
    const header = blockHeaders[how % blockHeaders.length];
    const extra = Number(/\d/.exec(header)?.[0] ?? 2);
    const pad = ' '.repeat(indent + extra);
    const body = value.replace(/\n$/, '').split('\n');
    return ` ${header}\n${body.map((line) => (line === '' ? '' : pad + line)).join('\n')}${value.endsWith('\n') && header.includes('+') ? '\n' : ''}`;
  }
  return ` ${doubleQuoted(value, how)}`;
}

const environmentService = fc.record({
  list: fc.boolean(),
  entries: fc.array(fc.tuple(fc.constantFrom(...environmentNames), environmentValue, fc.nat(1000)), { minLength: 1, maxLength: 4 }),
  comment: fc.boolean(),
});

export interface EnvironmentOptions {
  /** List items written as block scalars (`- |-` then `DB_PASSWORD=...`); on unless turned off. */
  blockScalarsInLists?: boolean;
}

/** Compose files whose environment values (secret-looking names among them) take every YAML spelling. */
export function environmentComposeCase(options: EnvironmentOptions = {}): fc.Arbitrary<FuzzCase> {
  const listBlocks = options.blockScalarsInLists ?? true;
  return fc
    .tuple(
      fc.array(environmentService, { minLength: 1, maxLength: 3 }),
      fc.boolean(),
      fc.boolean(),
      fc.constantFrom('\n', '\r\n'),
      // A secrets file already there, under the name a conversion would pick.
      fc.option(fc.constantFrom('db_password', 'api_token', 'jwt_secret', 'postgres_password'), { nil: undefined }),
    )
    .map(([services, definedSecrets, finalBreak, eol, existing]) => {
      const lines = ['services:'];
      services.forEach((service, index) => {
        lines.push(`  app${index}:`, '    image: nginx:1.27', '    environment:');
        if (service.comment) lines.push('      # settings');
        const seen = new Set<string>();
        for (const [name, value, how] of service.entries) {
          if (seen.has(name)) continue;
          seen.add(name);
          if (service.list) {
            const spelled = spell(`${name}=${value}`, listBlocks || how % 4 !== 2 ? how : how + 1, 6);
            lines.push(`      -${spelled}`);
          } else {
            lines.push(`      ${name}:${spell(value, how, 6)}`);
          }
        }
      });
      if (definedSecrets) lines.push('secrets:', '  app0_db_password:', '    file: ./secrets/app0_db_password.txt');
      const text = lines.join('\n').split('\n').join(eol) + (finalBreak ? eol : '');
      const files = existing ? { [`secrets/${existing}.txt`]: 'an older value\n' } : undefined;
      return { kind: 'compose' as const, origin: `generated environment${existing ? ` (secrets/${existing}.txt exists)` : ''}`, text, files };
    });
}

/** Dockerfile bodies with heredocs (closed, `<<-`, quoted, two at once, never closed) and continuations. */
const dockerfileLine = fc.constantFrom(
  'COPY . /app',
  'WORKDIR /app',
  'RUN apt-get update && apt-get install -y curl',
  'RUN apk add git',
  'RUN curl -fsSL https://example.com/x.tgz | tar -xz',
  'RUN npm ci && npm run build',
  'RUN pip install flask',
  'EXPOSE 8080',
  'USER root',
  'CMD ["/app"]',
  'ENTRYPOINT ["tini", "--"]',
  '# a comment',
  '',
  'RUN <<EOF\napt-get update\napt-get install -y curl\nEOF',
  'RUN <<-EOT bash\n\techo hi | tee /x\n\tEOT',
  'COPY <<"EOF" /etc/motd\nUSER nobody\nEOF',
  'RUN <<A <<B\necho a\nA\necho b\nB',
  'RUN <<EOF\necho never closed\nCMD ["x"]',
  'RUN <<EOF\n\techo tab\n\tEOF',
  'RUN cat <<EOF > /usr/local/bin/setup.sh\napt-get update && apt-get install -y curl\nEOF',
  'RUN <<EOF bash\napt-get update\napt-get install -y curl\nEOF',
  'RUN apt-get install -y \\\n    curl \\\n    git',
  'RUN make \\',
  'RUN make \\\n# the end',
  'ENV A=b \\\\',
  'RUN echo a \\\n   \\',
  'HEALTHCHECK CMD true',
);

export function generatedDockerfileCase(): fc.Arbitrary<FuzzCase> {
  const stage = fc.record({
    base: fc.constantFrom('debian:12-slim', 'alpine:3.20', 'node:22-alpine', 'python:3.12-slim', 'nginx:1.27', 'golang:1.25', 'scratch'),
    named: fc.boolean(),
    body: fc.array(dockerfileLine, { maxLength: 6 }),
  });
  return fc
    .tuple(fc.array(stage, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '# escape=`\n', '# escape=\\\n', '# syntax=docker/dockerfile:1\n'), fc.constantFrom('\n', '\r\n'), fc.constantFrom('', '\n', '\n\n', '\n# trailing comment\n', '\n   '))
    .map(([stages, directive, eol, ending]) => {
      const body = stages.map((s, i) => [`FROM ${s.base}${s.named ? ` AS stage${i}` : ''}`, ...s.body].join('\n')).join('\n');
      // With `# escape=\``, the continuations use the backtick.
      const escaped = directive.startsWith('# escape=`') ? body.replace(/\\(?=\n|$)/g, '`') : body;
      const text = (directive + escaped + ending).split('\n').join(eol);
      return { kind: 'dockerfile' as const, origin: 'generated Dockerfile', text };
    });
}


export interface CheckOptions {
  /** Per-case time bound, in ms (lint + fix-all). */
  maxMs: number;
  unsafe: boolean;
  /** Also fix the output again and require no change (doubles a case's time). */
  twice?: boolean;
}

const fuzzFolder = '/fuzz';

/** The property every fuzz case must satisfy; throws with a description when it does not. */
export function checkCase(input: FuzzCase, options: CheckOptions): void {
  const filePath = input.kind === 'compose' ? `${fuzzFolder}/compose.yaml` : `${fuzzFolder}/Dockerfile`;
  const existing = Object.fromEntries(Object.entries(input.files ?? {}).map(([relative, text]) => [path.join(fuzzFolder, relative), text]));
  const workspace = memoryWorkspace(existing);
  const ruleErrors: string[] = [];
  const onRuleError = (ruleId: string, error: unknown) =>
    ruleErrors.push(`${ruleId}: ${error instanceof Error ? error.stack?.split('\n').slice(0, 5).join(' | ') : String(error)}`);
  const fail = (what: string) => {
    throw new Error(`${what}\n  case: ${input.origin}\n  text (${input.text.length} chars): ${JSON.stringify(input.text.slice(0, 600))}${input.files ? `\n  files: ${JSON.stringify(input.files)}` : ''}`);
  };
  const started = performance.now();
  try {
    lint(filePath, input.text, { workspace, onRuleError });
  } catch (error) {
    fail(`lint threw: ${error instanceof Error ? error.stack : String(error)}`);
  }
  if (ruleErrors.length) fail(`rule errors in lint:\n  ${ruleErrors.join('\n  ')}`);
  let output = input.text;
  let otherFiles: ChangedFile[] = [];
  try {
    ({ output, otherFiles } = fixAll(filePath, input.text, { workspace, onRuleError, unsafe: options.unsafe }));
  } catch (error) {
    fail(`fixAll threw: ${error instanceof Error ? error.stack : String(error)}`);
  }
  if (ruleErrors.length) fail(`rule errors in fix-all:\n  ${ruleErrors.join('\n  ')}`);
  const elapsed = performance.now() - started;
  if (elapsed > options.maxMs) fail(`took ${elapsed.toFixed(0)} ms (bound ${options.maxMs} ms)`);
  const outside = otherFiles.filter((change) => !path.resolve(change.path).startsWith(fuzzFolder + path.sep));
  if (outside.length) fail(`fix writes outside the project folder: ${outside.map((change) => change.path).join(', ')}`);
  if (output === input.text && otherFiles.length === 0) return;
  const show = `\n  output: ${JSON.stringify(output.slice(0, 1500))}`;
  if (input.kind === 'compose') {
    const before = yamlErrors(input.text);
    const after = yamlErrors(output);
    if (before.length === 0 && after.length > 0) fail(`fix output does not parse: ${after[0]}${show}`);
    const dropped = droppedEnvironmentValues(input.text, output, otherFiles, Object.values(existing));
    if (dropped.length) fail(`fix dropped environment values: ${dropped.slice(0, 3).join('; ')}${show}`);
  } else {
    const joined = addedInstructionsNotOwn(input.text, output);
    if (joined.length) fail(`fix added lines that are no instructions of their own (heredoc body or continuation): ${joined.join(', ')}${show}`);
  }
  // A comment may move with what it belongs to (a bind mount moved to the override file).
  const lost = lostComments(input.text, [output, ...otherFiles.map((change) => change.after)].join('\n'), input.kind);
  if (lost.length) fail(`fix lost comments: ${JSON.stringify(lost.slice(0, 5))}${show}`);
  if (options.twice) {
    const files: Record<string, string> = { ...existing, [filePath]: output };
    for (const change of otherFiles) files[path.resolve(change.path)] = change.after;
    const again = fixAll(filePath, output, { workspace: memoryWorkspace(files), unsafe: options.unsafe });
    const changedAgain = again.otherFiles.filter((change) => change.before !== change.after).map((change) => change.path);
    if (again.output !== output || changedAgain.length) {
      fail(`fix-all again changed ${again.output !== output ? 'the file' : changedAgain.join(', ')}${show}\n  again: ${JSON.stringify(again.output.slice(0, 1500))}`);
    }
  }
}

/** Each service's environment as compose reads it: variable → value (undefined: passed from the host). */
function environments(text: string): { services: Map<string, Map<string, string | undefined>>; secretsFromEnvironment: Set<string> } | undefined {
  const doc = parseDocument(text, { merge: true });
  if (doc.errors.length) return undefined;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch {
    return undefined;
  }
  const record = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
  const services = new Map<string, Map<string, string | undefined>>();
  for (const [name, service] of Object.entries(record(record(data)?.services) ?? {})) {
    const variables = new Map<string, string | undefined>();
    const environment = record(service)?.environment;
    if (Array.isArray(environment)) {
      for (const item of environment) {
        if (typeof item !== 'string') continue;
        const eq = item.indexOf('=');
        variables.set((eq >= 0 ? item.slice(0, eq) : item).trim(), eq >= 0 ? item.slice(eq + 1) : undefined);
      }
    } else {
      for (const [variable, value] of Object.entries(record(environment) ?? {})) {
        if (value === null || value === undefined) variables.set(variable, undefined);
        else if (typeof value !== 'object') variables.set(variable, String(value));
      }
    }
    services.set(name, variables);
  }
  const secretsFromEnvironment = new Set<string>();
  for (const secret of Object.values(record(record(data)?.secrets) ?? {})) {
    const variable = record(secret)?.environment;
    if (typeof variable === 'string') secretsFromEnvironment.add(variable);
  }
  return { services, secretsFromEnvironment };
}

/**
 * Environment values of the input that the output neither keeps nor moves: a value moves into a secrets file the
 * same fix writes (its `$$` read as `$`, with `NAME_FILE` in the environment), or into a secret read from the host's
 * variable when the whole value is that one variable (`$VAR`, `${VAR}`, `${VAR:-}`; `$S$$_1` is S then the text `$_1`).
 */
export function droppedEnvironmentValues(before: string, after: string, otherFiles: readonly ChangedFile[], existing: readonly string[] = []): string[] {
  const input = environments(before);
  const output = environments(after);
  if (!input || !output) return [];
  // A file already there holding the very value keeps it too.
  const written = new Set([...otherFiles.map((change) => change.after), ...existing]);
  const dropped: string[] = [];
  for (const [service, variables] of input.services) {
    const kept = output.services.get(service);
    for (const [variable, value] of variables) {
      if (value === undefined || kept?.get(variable) === value) continue;
      const moved =
        kept?.has(`${variable}_FILE`) &&
        (written.has(value.replace(/\$\$/g, '$')) || output.secretsFromEnvironment.has(/^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?::?-)?\})$/.exec(value)?.slice(1).find(Boolean) ?? ''));
      if (!moved) dropped.push(`${service}.${variable} (${kept?.has(variable) ? 'changed' : 'removed'})`);
    }
  }
  return dropped;
}

const KEYWORD_LINE = /^(FROM|RUN|CMD|LABEL|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)\s/;

/**
 * Instruction keywords that the fixes put on lines BuildKit reads as heredoc body or continuation: lines inside an
 * instruction (after its first line) that start like one, counted per keyword, more in the output than in the input.
 * A fix may edit such a line in place (a script line of a heredoc) or copy a whole instruction (the multi-stage
 * conversion copies ENV); it may not add one. Instructions found verbatim on both sides are left out of the count.
 */
export function addedInstructionsNotOwn(before: string, after: string): string[] {
  const read = (text: string) => {
    const lines = text.split(/\r\n|\n|\r/);
    return DockerfileParser.parse(text).getInstructions().map((instruction) => {
      const { start, end } = instruction.getRange();
      return { raw: lines.slice(start.line, end.line + 1).join('\n'), inner: lines.slice(start.line + 1, end.line + 1) };
    });
  };
  const input = read(before);
  const output = read(after);
  const verbatim = new Set(input.map((instruction) => instruction.raw).filter((raw) => output.some((instruction) => instruction.raw === raw)));
  const count = (instructions: typeof input) => {
    const counts = new Map<string, number>();
    for (const instruction of instructions) {
      if (verbatim.has(instruction.raw)) continue;
      for (const line of instruction.inner) {
        const keyword = KEYWORD_LINE.exec(line)?.[1];
        if (keyword) counts.set(keyword, (counts.get(keyword) ?? 0) + 1);
      }
    }
    return counts;
  };
  const original = count(input);
  return [...count(output)].filter(([keyword, n]) => n > (original.get(keyword) ?? 0)).map(([keyword]) => keyword);
}

export function fuzzArbitrary(files: readonly FuzzFile[], environment: EnvironmentOptions = {}): fc.Arbitrary<FuzzCase> {
  return fc.oneof(
    { weight: 3, arbitrary: mutatedCorpusCase(files) },
    { weight: 1, arbitrary: generatedComposeCase() },
    { weight: 1, arbitrary: environmentComposeCase(environment) },
    { weight: 1, arbitrary: generatedDockerfileCase() },
  );
}

export const fuzzRoot = path.resolve(__dirname);

/**
 * The fuzzer's inputs and its property, shared by the CI-sized run (fuzz.test.ts) and the long run (`npm run fuzz`):
 * corpus files mutated (truncation, byte flips, indentation shifts, random unicode, deep nesting, huge scalars,
 * alias cycles and bombs, CRLF, BOM, tabs) and generated compose models. The property: lint never throws and no rule
 * errors, each case finishes in bounded time, and every fix output parses when its input did and keeps its comments.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { fixAll, lint, memoryWorkspace, type FileKind } from '../../engine/src/index';
import { lostComments, readManifest, yamlErrors } from './lib';

export interface FuzzCase {
  kind: FileKind;
  /** Where the text came from and what was done to it (printed on failure). */
  origin: string;
  text: string;
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
  'x-merge-seq: &s [1, 2]\nx-use:\n  <<: *s\n',
  'x-merge-alias-of-alias: &p {a: 1}\nx-q: &q *p\nx-r:\n  <<: *q\n',
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

export interface CheckOptions {
  /** Per-case time bound, in ms (lint + fix-all). */
  maxMs: number;
  unsafe: boolean;
}

/** The property every fuzz case must satisfy; throws with a description when it does not. */
export function checkCase(input: FuzzCase, options: CheckOptions): void {
  const filePath = input.kind === 'compose' ? '/fuzz/compose.yaml' : '/fuzz/Dockerfile';
  const workspace = memoryWorkspace({});
  const ruleErrors: string[] = [];
  const onRuleError = (ruleId: string, error: unknown) =>
    ruleErrors.push(`${ruleId}: ${error instanceof Error ? error.stack?.split('\n').slice(0, 5).join(' | ') : String(error)}`);
  const fail = (what: string) => {
    throw new Error(`${what}\n  case: ${input.origin}\n  text (${input.text.length} chars): ${JSON.stringify(input.text.slice(0, 600))}`);
  };
  const started = performance.now();
  try {
    lint(filePath, input.text, { workspace, onRuleError });
  } catch (error) {
    fail(`lint threw: ${error instanceof Error ? error.stack : String(error)}`);
  }
  if (ruleErrors.length) fail(`rule errors in lint:\n  ${ruleErrors.join('\n  ')}`);
  let output = input.text;
  try {
    output = fixAll(filePath, input.text, { workspace, onRuleError, unsafe: options.unsafe }).output;
  } catch (error) {
    fail(`fixAll threw: ${error instanceof Error ? error.stack : String(error)}`);
  }
  if (ruleErrors.length) fail(`rule errors in fix-all:\n  ${ruleErrors.join('\n  ')}`);
  const elapsed = performance.now() - started;
  if (elapsed > options.maxMs) fail(`took ${elapsed.toFixed(0)} ms (bound ${options.maxMs} ms)`);
  if (output === input.text) return;
  if (input.kind === 'compose') {
    const before = yamlErrors(input.text);
    const after = yamlErrors(output);
    if (before.length === 0 && after.length > 0) fail(`fix output does not parse: ${after[0]}\n  output: ${JSON.stringify(output.slice(0, 1500))}`);
  }
  const lost = lostComments(input.text, output, input.kind);
  if (lost.length) fail(`fix lost comments: ${JSON.stringify(lost.slice(0, 5))}\n  output: ${JSON.stringify(output.slice(0, 1500))}`);
}

export function fuzzArbitrary(files: readonly FuzzFile[]): fc.Arbitrary<FuzzCase> {
  return fc.oneof({ weight: 3, arbitrary: mutatedCorpusCase(files) }, { weight: 1, arbitrary: generatedComposeCase() });
}

export const fuzzRoot = path.resolve(__dirname);

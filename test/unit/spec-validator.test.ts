/**
 * The generated validators (scripts/gen-schema-validator.mjs) give exactly the errors ajv gives for the same schema
 * and options: its code is rewritten after ajv writes it (errors built by shared functions, definitions referenced in
 * the root schema instead of copied), and is compared here with ajv's own compilation on the corpus's compose files,
 * on those files with values of every kind put in their places, and on config files.
 *
 * The generated compose validator costs time in proportion to the document:
 * `uniqueItems` of a service's `ports` and `volumes` (items that may be maps) is found with a table built in one pass,
 * where ajv compared every item with every earlier one (same error as ajv's loop: the last item that has an earlier
 * equal, and its nearest earlier equal); and a callee's errors are appended to the caller's, where ajv copied every
 * error found so far for each call that found one.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { specErrors } from '../../engine/src/compose/spec';
import { corpusRoot } from '../lib/corpus';

const repoRoot = path.resolve(__dirname, '../..');
/** The deep equality ajv's generated code compares items with. */
const equal = (createRequire(__filename)('ajv/dist/runtime/equal') as { default: (a: unknown, b: unknown) => boolean }).default;

/** ajv's own loop. */
function ajvDuplicate(items: unknown[]): { i: number; j: number } | undefined {
  for (let i = items.length; i--; ) {
    for (let j = i; j--; ) if (equal(items[i], items[j])) return { i, j };
  }
  return undefined;
}

function reported(key: 'ports' | 'volumes', items: unknown[]): { i: number; j: number; message: string } | undefined {
  const error = specErrors({ services: { web: { image: 'nginx:1.27', [key]: items } } }).find(
    (each) => each.keyword === 'uniqueItems' && each.instancePath === `/services/web/${key}`,
  );
  return error ? { ...(error.params as { i: number; j: number }), message: error.message! } : undefined;
}

it('reports the duplicate ajv reports, on random lists of ports and volumes', () => {
  const port = fc.oneof(
    fc.constantFrom(80, 0, -0, Number.NaN, 8080, '80', '8080:80', '8080:80/udp', '0'),
    fc.record({ target: fc.constantFrom(80, 81), published: fc.constantFrom('8080', 8080, undefined) }, { requiredKeys: ['target'], noNullPrototype: true }),
    fc.constantFrom({ published: '8080', target: 80 }, { target: 80, published: '8080' }, { target: 80, protocol: 'tcp' }),
  );
  const volume = fc.oneof(
    fc.constantFrom('./data:/data', './data:/data:ro', 'data:/data'),
    fc.constantFrom({ type: 'bind', source: './data', target: '/data' }, { target: '/data', source: './data', type: 'bind' }, { type: 'volume', source: 'data', target: '/data', volume: { nocopy: true } }),
    fc.constantFrom({ type: 'volume', source: 'data', target: '/data', volume: { nocopy: false } }, { type: 'tmpfs', target: '/tmp', tmpfs: { size: 1000 } }),
  );
  fc.assert(
    fc.property(fc.array(port, { maxLength: 12 }), fc.array(volume, { maxLength: 12 }), (ports, volumes) => {
      for (const [key, items] of [['ports', ports], ['volumes', volumes]] as const) {
        const expected = ajvDuplicate(items);
        const got = reported(key, items);
        assert.deepEqual(got && { i: got.i, j: got.j }, expected, JSON.stringify(items));
        if (expected) assert.equal(got!.message, `must NOT have duplicate items (items ## ${expected.j} and ${expected.i} are identical)`);
      }
    }),
    { numRuns: 500 },
  );
});

it('compares no pair of items: the generated validator has no item-by-item loop', () => {
  const code = fs.readFileSync(path.join(repoRoot, 'engine/src/compose/spec-validator.generated.js'), 'utf8');
  assert.doesNotMatch(code, /func0\(data\[/);
  assert.match(code, /previousEqualItems\(data\)/);
  // 20,000 ports with one duplicate near the start: found, with the numbers ajv gives.
  const ports = Array.from({ length: 20_000 }, (_, i) => `${10_000 + i}:80`);
  ports[5] = ports[2];
  assert.deepEqual(reported('ports', ports), { i: 5, j: 2, message: 'must NOT have duplicate items (items ## 2 and 5 are identical)' });
});

it('appends errors in place: every error of 5,000 services, in order', () => {
  const code = fs.readFileSync(path.join(repoRoot, 'engine/src/compose/spec-validator.generated.js'), 'utf8');
  assert.doesNotMatch(code, /vErrors\.concat\(/);
  const services = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`s${i}`, { image: 'nginx:1.27', restart: ['always'], ports: ['80:80', '80:80'] }]));
  const errors = specErrors({ services }).filter((error) => error.keyword === 'type' || error.keyword === 'uniqueItems');
  const expected = Array.from({ length: 5000 }, (_, i) => [`/services/s${i}/ports uniqueItems`, `/services/s${i}/restart type`]).flat();
  assert.deepEqual(
    errors.map((error) => `${error.instancePath} ${error.keyword}`),
    expected,
  );
});

/** Values of every kind, put in place of each value of a document in turn. */
const WRONG_VALUES: unknown[] = [1, -1, 1.5, 0, 'x', '$V', '10s', 'a b', '80:80', [], [1], ['x', 'x'], [{}], {}, { zz: 1 }, { 'x-a': 1 }, null, true, false];

/** The document with the value at `at` replaced (a copy). */
function replaced(document: unknown, at: string[], value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = structuredClone(document) as Record<string, unknown>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[at[at.length - 1]] = value;
  return copy;
}

function valuePaths(node: unknown, at: string[] = [], out: string[][] = []): string[][] {
  out.push(at);
  if (node && typeof node === 'object') for (const key of Object.keys(node)) valuePaths((node as Record<string, unknown>)[key], [...at, key], out);
  return out;
}

/** Each document, and variants of it with a wrong value or unknown keys at every `stride`-th place. */
function* variants(documents: unknown[], stride: number): Generator<unknown> {
  let n = 0;
  for (const document of documents) {
    yield document;
    for (const at of valuePaths(document)) {
      if (n++ % stride !== 0) continue;
      for (const value of WRONG_VALUES) yield replaced(document, at, value);
      const node = at.reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], document);
      if (node && typeof node === 'object' && !Array.isArray(node)) yield replaced(document, at, { ...node, bogus_key: 1, restrat: 'x' });
    }
  }
}

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

async function ajvCompiled(name: 'compose' | 'config'): Promise<Validate> {
  const { validatorSource } = await import('../../scripts/gen-schema-validator.mjs');
  const { schema, options } = validatorSource(name);
  const Ajv = (createRequire(__filename)('ajv') as { default: new (options: Record<string, unknown>) => { compile(schema: unknown): Validate } }).default;
  return new Ajv(options).compile(schema);
}

function compareErrors(generated: Validate, ajv: Validate, documents: Iterable<unknown>): { documents: number; errors: number } {
  let count = 0;
  let errors = 0;
  for (const document of documents) {
    count++;
    const valid = generated(document);
    assert.equal(valid, ajv(document), JSON.stringify(document));
    if (valid) continue;
    errors += generated.errors!.length;
    // The errors as JSON (schema and parentSchema by value), then in full where they differ.
    if (JSON.stringify(generated.errors) !== JSON.stringify(ajv.errors)) assert.deepEqual(generated.errors, ajv.errors, JSON.stringify(document));
  }
  return { documents: count, errors };
}

it('the compose validator gives the errors ajv gives, on the corpus and with wrong values in every kind of place', async () => {
  const generated = createRequire(__filename)('../../engine/src/compose/spec-validator.generated.js') as Validate;
  const ajv = await ajvCompiled('compose');
  const manifest = fs.readFileSync(path.join(corpusRoot, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  const documents = manifest
    .map((line) => line.split('\t'))
    .filter((columns) => columns[2] === 'compose' && columns[5] === 'ok')
    .map((columns) => {
      try {
        return parse(fs.readFileSync(path.join(corpusRoot, columns[1]), 'utf8'), { maxAliasCount: 1000, merge: true }) as unknown;
      } catch {
        return undefined;
      }
    })
    .filter((document) => document && typeof document === 'object');
  assert.ok(documents.length > 100, `${documents.length} compose files in the corpus`);
  const compared = compareErrors(generated, ajv, variants(documents, 40));
  // Enough wrong documents that every kind of error is compared: type, additionalProperties, oneOf, required, enum...
  assert.ok(compared.errors > 10_000, JSON.stringify(compared));
});

it('the config validator gives the errors ajv gives, with wrong values in every kind of place', async () => {
  const generated = createRequire(__filename)('../../engine/src/config/config-validator.generated.js') as Validate;
  const ajv = await ajvCompiled('config');
  const config = {
    rules: { 'compose/healthcheck': 'off', DL3008: 'warning', 'compose/schema': 'loud' },
    profile: 'strict',
    ignore: ['vendor/**'],
    defaults: { resources: { cpus: '0.5', memory: '512M' }, logging: { maxSize: '10m', maxFile: 3 }, restart: 'unless-stopped', healthcheck: { path: '/healthz' } },
    projects: [{ files: ['compose.yml', 'compose.prod.yml'] }],
    roles: { 'compose.prod.yml': 'production' },
  };
  const compared = compareErrors(generated, ajv, variants([config], 1));
  assert.ok(compared.errors > 100, JSON.stringify(compared));
});

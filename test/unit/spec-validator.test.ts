/**
 * The generated compose validator (scripts/gen-schema-validator.mjs) costs time in proportion to the document:
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
import { specErrors } from '../../engine/src/compose/spec';

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

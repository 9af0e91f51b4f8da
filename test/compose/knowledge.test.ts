/**
 * The image table and the rules that read it agree: for every known image (default, -alpine and -slim variants),
 * the healthcheck the fix inserts uses a tool compose/healthcheck-tool says the image has, and the output validates.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fixAll, lint, memoryWorkspace } from '../../engine/src/index';
import { IMAGES } from '../../engine/src/knowledge/images';
import { validatesAgainstSchema } from '../reliability/lib';

it('healthcheck fixes never call a tool the image lacks', () => {
  let checked = 0;
  for (const facts of IMAGES) {
    for (const tag of ['1', '1-alpine', '1-slim']) {
      const code = `services:\n  app:\n    image: ${facts.names[0]}:${tag}\n    ports:\n      - "127.0.0.1:8000:${facts.port ?? 8000}"\n`;
      const options = { only: ['compose/healthcheck'], workspace: memoryWorkspace({}) };
      const fixed = fixAll('/w/compose.yaml', code, options).output;
      if (fixed === code) continue;
      checked++;
      const problems = lint('/w/compose.yaml', fixed, { only: ['compose/healthcheck-tool'], workspace: memoryWorkspace({}) }).problems;
      assert.deepEqual(problems.map((p) => p.message), [], `${facts.names[0]}:${tag}\n${fixed}`);
      assert.ok(validatesAgainstSchema(fixed), fixed);
    }
  }
  assert.ok(checked > 30, `${checked} images checked`);
});

it('every image entry is complete: limits, and a port for servers', () => {
  for (const facts of IMAGES) {
    assert.ok(facts.names.length > 0);
    assert.match(facts.limits.cpus, /^\d+\.\d+$/);
    assert.match(facts.limits.memory, /^\d+[MG]$/);
    if (facts.datastore) assert.ok(facts.port, `${facts.names[0]} has a port`);
  }
});

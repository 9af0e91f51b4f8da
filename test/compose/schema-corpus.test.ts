/**
 * compose/schema (dclint's copy of the Compose Specification) accepts every corpus compose file that the corpus's own
 * compose-spec.json accepts (ajv, Ajv2019), and the two files whose merge keys fail to resolve get no schema problem.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { lint, memoryWorkspace } from '../../engine/src/index';
import { validatesAgainstSchema } from '../reliability/lib';
import { corpusRoot } from '../lib/corpus';

const corpus = corpusRoot;

it('compose/schema agrees with compose-spec.json on the corpus', () => {
  const rows = fs.readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
  const compose = rows.filter((row) => row[2] === 'compose');
  let accepted = 0;
  const disagreements: string[] = [];
  for (const [, relative, , , , parse] of compose) {
    const text = fs.readFileSync(path.join(corpus, relative), 'utf8');
    const problems = lint(path.join('/corpus', relative), text, { kind: 'compose', only: ['compose/schema'], workspace: memoryWorkspace({}) }).problems;
    if (parse === 'merge-key-error') {
      assert.deepEqual(problems, [], relative);
      continue;
    }
    if (!validatesAgainstSchema(text)) continue;
    accepted++;
    if (problems.length) disagreements.push(`${relative}: ${problems.map((p) => p.message).join(' | ')}`);
  }
  assert.deepEqual(disagreements, []);
  assert.ok(accepted > 300, `only ${accepted} corpus files validate`);
  console.log(`compose/schema: ${compose.length} corpus compose files, ${accepted} accepted by compose-spec.json, all accepted by compose/schema`);
});

/**
 * Fix quality of the compose rules on the real-world corpus: for every compose file the compose-spec schema accepts,
 * fix-all with the compose rules (safe, then safe + unsafe, strict profile so every rule runs) gives an output that
 * parses, still validates against compose-spec.json, keeps every comment, and does not change on a second fix-all.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { parseDocument } from 'yaml';
import { allRules, fixAll, memoryWorkspace } from '../../engine/src/index';
import { validatesAgainstSchema } from '../reliability/lib';
import { corpusRoot } from '../lib/corpus';

const corpus = corpusRoot;
const composeRules = allRules.filter((rule) => rule.kind === 'compose');

function comments(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => /(^|\s)#/.test(line)).map((line) => line.slice(line.search(/(^|\s)#/)).trim());
}

for (const unsafe of [false, true]) {
  it(`compose fix-all on the corpus (${unsafe ? 'unsafe' : 'safe'})`, () => {
    const rows = fs.readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
    let files = 0;
    let fixed = 0;
    let fixes = 0;
    const failures: string[] = [];
    for (const [, relative, kind, , , parse] of rows) {
      if (kind !== 'compose' || parse !== 'ok') continue;
      const absolute = path.join(corpus, relative);
      const text = fs.readFileSync(absolute, 'utf8');
      if (!validatesAgainstSchema(text)) continue;
      files++;
      // The folder's own files (Dockerfiles) are read from memory; nothing is written.
      const workspace = memoryWorkspace(Object.fromEntries(rows.filter((r) => path.dirname(r[1]).startsWith(path.dirname(relative)) && r[2] !== 'compose').map((r) => [path.join(corpus, r[1]), fs.readFileSync(path.join(corpus, r[1]), 'utf8')])));
      const options = { kind: 'compose' as const, ruleSet: composeRules, profile: 'strict' as const, unsafe, workspace };
      const result = fixAll(absolute, text, options);
      fixes += result.fixCount;
      if (result.output === text) continue;
      fixed++;
      const errors = parseDocument(result.output, { merge: true }).errors;
      if (errors.length) failures.push(`${relative}: does not parse: ${errors[0].message}`);
      else if (!validatesAgainstSchema(result.output)) failures.push(`${relative}: no longer validates`);
      // A comment may move with what it belongs to (a bind mount moved to the override file).
      const lost = comments(text).filter((comment) => !result.output.includes(comment) && !result.otherFiles.some((other) => other.after.includes(comment)));
      if (lost.length) failures.push(`${relative}: lost ${JSON.stringify(lost[0])}`);
      if (fixAll(absolute, result.output, options).output !== result.output) failures.push(`${relative}: a second fix-all changed it`);
    }
    assert.deepEqual(failures, []);
    assert.ok(files > 300);
    console.log(`${unsafe ? 'unsafe' : 'safe'}: ${files} valid corpus compose files, ${fixed} changed by ${fixes} fixes, all parse, validate, keep comments, idempotent`);
  });
}

/**
 * Every hadolint DL code is carried by a rule (an alias: `# hadolint ignore=` and `.hadolint.yaml` reach it) or
 * declined with a reason in scripts/hadolint-declined.ts, never both, and the generated index lists each.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { allRules } from '../../engine/src/index';

const root = path.resolve(__dirname, '../..');
// A script, outside the test project's sources: loaded by path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { HADOLINT_DL_CODES, DECLINED_HADOLINT_CODES } = require(path.join(root, 'scripts/hadolint-declined.ts')) as {
  HADOLINT_DL_CODES: readonly string[];
  DECLINED_HADOLINT_CODES: Readonly<Record<string, string>>;
};

it('every hadolint DL code is an alias of a rule or declined with a reason, not both', () => {
  const aliased = new Set(allRules.flatMap((rule) => rule.meta.aliases ?? []).filter((alias) => /^DL\d{4}$/.test(alias)));
  assert.equal(HADOLINT_DL_CODES.length, 71);
  const neither = HADOLINT_DL_CODES.filter((code) => !aliased.has(code) && !DECLINED_HADOLINT_CODES[code]);
  const both = HADOLINT_DL_CODES.filter((code) => aliased.has(code) && DECLINED_HADOLINT_CODES[code]);
  const unknown = [...aliased, ...Object.keys(DECLINED_HADOLINT_CODES)].filter((code) => !HADOLINT_DL_CODES.includes(code));
  assert.deepEqual({ neither, both, unknown }, { neither: [], both: [], unknown: [] });
  for (const [code, reason] of Object.entries(DECLINED_HADOLINT_CODES)) assert.ok(reason.length > 80, `${code}: say why it is declined`);
});

it('docs/rules/README.md lists every code with its rule or the reason it is declined', () => {
  const index = fs.readFileSync(path.join(root, 'docs/rules/README.md'), 'utf8');
  for (const code of HADOLINT_DL_CODES) {
    const row = index.split('\n').find((line) => line.startsWith(`| [${code}](`));
    assert.ok(row, `${code} is not in the index`);
    assert.match(row, DECLINED_HADOLINT_CODES[code] ? /declined: / : /\[(dockerfile)\/[a-z0-9-]+\]/, code);
  }
});

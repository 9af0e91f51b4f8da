/** Every Dockerfile rule's documented examples are executed: each `incorrect` one raises the rule, each `correct` one does not. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint, memoryWorkspace } from '../../engine/src/index';
import { allRules } from '../../engine/src/rules';

const TABLE = [
  'non-root-user', 'healthcheck', 'apt-no-install-recommends', 'apt-lists-cleanup', 'apt-get-yes', 'apt-update-alone', 'apk-no-cache',
  'pip-no-cache-dir', 'image-tag', 'base-image-eol', 'copy-not-add', 'json-args', 'casing', 'dockerignore', 'build-tools-in-final-stage',
  'npm-omit-dev-before-build', 'poetry-no-dev', 'secret-in-arg-env', 'chown-layer', 'privileged-port', 'pipefail', 'workdir-absolute',
  'maintainer', 'no-sudo', 'tls-verification', 'curl-pipe-shell', 'cd-in-run', 'multiple-cmd', 'syntax',
].map((name) => `dockerfile/${name}`);

const rules = allRules.filter((rule) => rule.kind === 'dockerfile');

describe('Dockerfile rules', () => {
  it('every row of the RULES.md Dockerfile table is a rule, with complete metadata', () => {
    assert.deepEqual(rules.map((rule) => rule.meta.id).sort(), [...TABLE].sort());
    for (const { meta } of rules) {
      assert.ok(meta.description.length > 10 && meta.rationale.length > 100, meta.id);
      assert.ok(meta.examples.incorrect.length > 0 && meta.examples.correct.length > 0, meta.id);
    }
  });

  for (const rule of rules) {
    it(`${rule.meta.id}: examples`, () => {
      const run = (code: string) =>
        lint('/example/Dockerfile', code, { ruleSet: [rule], rules: { [rule.meta.id]: rule.meta.severity }, workspace: memoryWorkspace({}), today: new Date('2026-11-25T00:00:00Z'), onRuleError: (_id, error) => { throw error; } }).problems;
      for (const example of rule.meta.examples.incorrect) {
        const code = typeof example === 'string' ? example : example.code;
        assert.ok(run(code).length > 0, `incorrect example raises nothing:\n${code}`);
      }
      for (const example of rule.meta.examples.correct) {
        const code = typeof example === 'string' ? example : example.code;
        assert.deepEqual(run(code).map((p) => p.message), [], `correct example raises:\n${code}`);
      }
    });
  }
});

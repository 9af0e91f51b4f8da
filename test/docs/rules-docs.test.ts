/**
 * The rule docs are generated from metadata and their examples are executed (ESLint's check-rule-examples, Biome's
 * rules_check): every committed page equals what scripts/gen-docs.ts produces now, every "incorrect" example raises
 * its rule and every "correct" one does not, ids and file names agree, docsUrl() points at a page that exists, and
 * the generated registry (allRules) holds exactly the rule files on disk.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { allRules, docsUrl, type Rule } from '../../engine/src/index';

const root = path.resolve(__dirname, '../..');
const rulesDir = path.join(root, 'engine/src/rules');
const docsDir = path.join(root, 'docs/rules');
const STALE = 'run `npm run docs` and commit docs/rules';

interface Example {
  code: string;
  filename: string;
  files: Record<string, string>;
}

/** scripts/gen-docs.ts, loaded by path (it is a script, outside the test project's sources). */
interface DocsGenerator {
  renderRulePage(rule: Rule): string;
  renderIndex(rules: readonly Rule[]): string;
  pagePath(ruleId: string): string;
  existingDocs(): string[];
  examplesOf(rule: Rule): { incorrect: Example[]; correct: Example[] };
  lintExample(rule: Rule, example: Example, today?: Date): { problems: { ruleId: string; message: string }[] };
  repoPathOfDocsUrl(url: string): string | undefined;
}
const generator = require(path.join(root, 'scripts/gen-docs.ts')) as DocsGenerator;

const ID = /^(compose|dockerfile)\/[a-z0-9]+(-[a-z0-9]+)*$/;

function ruleFilesOnDisk(): { kind: string; file: string }[] {
  const found: { kind: string; file: string }[] = [];
  for (const kind of ['compose', 'dockerfile']) {
    const dir = path.join(rulesDir, kind);
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      if (file.endsWith('.ts') && !file.endsWith('.d.ts')) found.push({ kind, file: path.join(dir, file) });
    }
  }
  return found;
}

function loadRuleFile(file: string): Rule {
  const loaded = require(file) as { default?: Rule };
  assert.ok(loaded.default?.meta, `${path.relative(root, file)} has no default-exported rule`);
  return loaded.default;
}

function excerpt(code: string): string {
  return code.length > 400 ? `${code.slice(0, 400)}…` : code;
}

describe('rule registry', () => {
  it('allRules holds exactly the rule files on disk (regenerate with `npm run docs`)', () => {
    const onDisk = ruleFilesOnDisk().map(({ file }) => loadRuleFile(file).meta.id).sort();
    const registered = allRules.map((rule) => rule.meta.id).sort();
    assert.deepEqual(registered, onDisk);
  });

  it('the committed registry engine/src/rules/index.ts is what scripts/gen-rules.mjs writes (run `npm run docs`)', async () => {
    const { ruleIndexText, RULE_INDEX_PATH } = await import('../../scripts/gen-rules.mjs');
    assert.equal(fs.readFileSync(RULE_INDEX_PATH, 'utf8'), ruleIndexText().text, 'engine/src/rules/index.ts is stale: run `npm run docs`');
  });

  it('ids are unique, and so are aliases', () => {
    const seen = new Map<string, string>();
    for (const rule of allRules) {
      for (const name of [rule.meta.id, ...(rule.meta.aliases ?? [])]) {
        const key = name.toLowerCase();
        assert.ok(!seen.has(key), `"${name}" of ${rule.meta.id} is already used by ${seen.get(key)}`);
        seen.set(key, rule.meta.id);
      }
    }
  });

  for (const { kind, file } of ruleFilesOnDisk()) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    it(`${relative}: kebab-case id matching its kind and file name`, () => {
      const rule = loadRuleFile(file);
      const { id } = rule.meta;
      assert.match(id, ID, `${relative}: "${id}" is not compose/<kebab-name> or dockerfile/<kebab-name>`);
      assert.equal(rule.kind, kind, `${relative}: a ${rule.kind} rule in the ${kind} folder`);
      assert.equal(id, `${kind}/${path.basename(file, '.ts')}`, `${relative}: the id must match the file name`);
    });
  }
});

describe('documented examples are executed', () => {
  for (const rule of allRules) {
    const { id } = rule.meta;
    it(`${id}: has at least one incorrect and one correct example`, () => {
      const { incorrect, correct } = generator.examplesOf(rule);
      assert.ok(incorrect.length > 0, `${id} has no "incorrect" example`);
      assert.ok(correct.length > 0, `${id} has no "correct" example`);
    });
    it(`${id}: every incorrect example raises it, every correct one does not`, () => {
      const { incorrect, correct } = generator.examplesOf(rule);
      const today = new Date();
      incorrect.forEach((example, index) => {
        const problems = generator.lintExample(rule, example, today).problems.filter((problem) => problem.ruleId === id);
        assert.ok(problems.length > 0, `${id}: incorrect example #${index + 1} raises nothing:\n${excerpt(example.code)}`);
      });
      correct.forEach((example, index) => {
        const problems = generator.lintExample(rule, example, today).problems.filter((problem) => problem.ruleId === id);
        assert.deepEqual(
          problems.map((problem) => problem.message),
          [],
          `${id}: correct example #${index + 1} raises the rule:\n${excerpt(example.code)}`,
        );
      });
    });
  }
});

describe('generated docs are up to date', () => {
  for (const rule of allRules) {
    const { id } = rule.meta;
    it(`${id}: docs/rules/${generator.pagePath(id)} is the generated page`, () => {
      const target = path.join(docsDir, generator.pagePath(id));
      assert.ok(fs.existsSync(target), `docs/rules/${generator.pagePath(id)} is missing: ${STALE}`);
      assert.equal(fs.readFileSync(target, 'utf8'), generator.renderRulePage(rule), `docs/rules/${generator.pagePath(id)} is stale: ${STALE}`);
    });
    it(`${id}: docsUrl() points at its page in this repository`, () => {
      const repoPath = generator.repoPathOfDocsUrl(docsUrl(id));
      assert.ok(repoPath, `docsUrl("${id}") = ${docsUrl(id)} is not a GitHub blob URL`);
      assert.ok(fs.existsSync(path.join(root, repoPath)), `docsUrl("${id}") points at ${repoPath}, which does not exist`);
    });
  }

  it('docs/rules/README.md is the generated index', () => {
    const target = path.join(docsDir, 'README.md');
    assert.ok(fs.existsSync(target), `docs/rules/README.md is missing: ${STALE}`);
    assert.equal(fs.readFileSync(target, 'utf8'), generator.renderIndex(allRules), `docs/rules/README.md is stale: ${STALE}`);
  });

  it('no page is left for a rule that no longer exists', () => {
    const expected = new Set(['README.md', ...allRules.map((rule) => generator.pagePath(rule.meta.id))]);
    const orphans = generator.existingDocs().filter((page) => !expected.has(page));
    assert.deepEqual(orphans, [], `pages without a rule: ${STALE}`);
  });
});

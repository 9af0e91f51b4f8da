/**
 * Safety is earned by evidence, checked over the whole corpus (issue 16, "Measure it"):
 * - every fix the rules offer that states an assumption backed by the image knowledge base is true of that entry: a
 *   probe "the image has X" names a tool the variant the image resolves to has;
 * - a safe fix has evidence for every assumption (the linter's settling holds on real files);
 * - after safe fix-all and after unsafe fix-all, no service waits for `condition: service_healthy` on a dependency
 *   of the same file without a healthcheck (Compose refuses to start such a service).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { isMap, isScalar, type Node } from 'yaml';
import { fixAll, lint, parseCompose, type Fix } from '../../engine/src/index';
import { healthState } from '../../engine/src/compose/health';
import { createProject } from '../../engine/src/core/project';
import { diskWorkspace } from '../../engine/src/node';
import { resolveImage, type ToolSet } from '../../engine/src/knowledge/kb';
import { corpusRoot } from '../lib/corpus';

const composeFiles = fs
  .readFileSync(path.join(corpusRoot, 'MANIFEST.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .filter((fields) => fields[2] === 'compose')
  .map((fields) => path.join(corpusRoot, fields[1]));

const TOOL_OF: Record<string, keyof ToolSet> = { curl: 'curl', wget: 'wget', nc: 'nc', bash: 'bash', Python: 'python', 'Node.js': 'node', python: 'python', node: 'node' };

it('every knowledge-base assumption of a fix is true of the entry, and every safe fix has evidence for all it assumes', () => {
  let checkedTools = 0;
  let safeFixes = 0;
  for (const file of composeFiles) {
    const text = fs.readFileSync(file, 'utf8');
    const { problems } = lint(file, text, { kind: 'compose', workspace: diskWorkspace(path.dirname(file)) });
    for (const fix of problems.flatMap((problem) => problem.fixes) as Fix[]) {
      if (fix.safe) {
        safeFixes++;
        assert.deepEqual((fix.assumptions ?? []).filter((a) => !a.evidence).map((a) => a.claim), [], `${file}: safe fix "${fix.title}" rests on a guess`);
      }
      for (const assumption of fix.assumptions ?? []) {
        const tool = /^the image has (\w+(?:\.js)?)$/.exec(assumption.claim)?.[1];
        const known = /^image knowledge: (\S+) is /.exec(assumption.evidence ?? '')?.[1];
        if (!tool || !known) continue;
        const entry = resolveImage(known);
        assert.ok(entry, `${file}: ${known} is cited from the knowledge base but does not resolve`);
        assert.ok(entry.tools[TOOL_OF[tool]], `${file}: "${fix.title}" assumes ${known} has ${tool}; ${entry.family}/${entry.variant} does not`);
        checkedTools++;
      }
    }
  }
  assert.ok(safeFixes > 1000, `${safeFixes} safe fixes checked`);
  assert.ok(checkedTools > 10, `${checkedTools} tool assumptions checked against the knowledge base`);
});

it('after fix-all (safe, then unsafe), no service waits for a healthy dependency that has no healthcheck', () => {
  let waits = 0;
  for (const file of composeFiles) {
    const text = fs.readFileSync(file, 'utf8');
    for (const unsafe of [false, true]) {
      const { output } = fixAll(file, text, { kind: 'compose', unsafe, workspace: diskWorkspace(path.dirname(file)) });
      const compose = parseCompose(file, output);
      if (compose.syntaxErrors.length) continue;
      const project = createProject(diskWorkspace(path.dirname(file)));
      const byName = new Map(compose.services.map((service) => [service.name, service]));
      for (const service of compose.services) {
        const dependsOn = service.get('depends_on');
        if (!isMap(dependsOn)) continue;
        for (const pair of dependsOn.items) {
          const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
          const condition = isMap(pair.value) ? (pair.value as { get(key: string): unknown }).get('condition') : undefined;
          const dependency = name ? byName.get(name) : undefined;
          if (condition !== 'service_healthy' || !dependency) continue;
          // Only waits the fixes could have written count: a file that already waited on a dependency without a
          // healthcheck is compose/healthy-needs-healthcheck's finding, not a fix's.
          const before = parseCompose(file, text).services.find((s) => s.name === service.name)?.get('depends_on') as Node | undefined;
          const already = isMap(before) && before.items.some((p) => isScalar(p.key) && p.key.value === name && isMap(p.value) && (p.value as { get(key: string): unknown }).get('condition') === 'service_healthy');
          if (already) continue;
          waits++;
          assert.equal(healthState(compose, dependency, project), 'has', `${file} (${unsafe ? 'unsafe' : 'safe'} fix-all): "${service.name}" now waits for a healthy "${name}", which has no healthcheck`);
        }
      }
    }
  }
  assert.ok(waits > 100, `${waits} service_healthy waits written by fixes checked`);
});

import { isMap, isScalar, type Node } from 'yaml';
import { insertIntoMap } from '../../compose/edit';
import { healthcheckBlock, healthState, planHealthcheck } from '../../compose/health';
import { servicesByName } from '../../compose/include';
import { getIn, resolve, scalarString } from '../../compose/model';
import { defineComposeRule } from '../../core/rule';
import type { Fix } from '../../core/types';

export default defineComposeRule({
  meta: {
    id: 'compose/healthy-needs-healthcheck',
    severity: 'error',
    description: '`depends_on` waits for `condition: service_healthy` on a service that has no healthcheck.',
    rationale:
      'Compose can only wait for a healthy dependency when the dependency has a healthcheck (in compose or in its image). Without one, `docker compose up` refuses to start the dependent service ("dependency failed to start: container ... has no healthcheck configured"). Give the dependency a healthcheck that fits it, or wait with `condition: service_started`.',
    examples: {
      incorrect: ['services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      cache:\n        condition: service_healthy\n  cache:\n    image: redis:7\n'],
      correct: [
        'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      cache:\n        condition: service_healthy\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n',
        'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      cache:\n        condition: service_started\n  cache:\n    image: example/cache:1\n',
      ],
    },
    fixable: 'safe',
  },
  check({ file, project, report, defaults }) {
    // Services of this file and of the files it includes (a dependency may be defined there).
    const byName = servicesByName(file, project);
    const planned = new Set<string>();
    for (const service of file.services) {
      const found = service.getPair('depends_on');
      if (!found) continue;
      const value = resolve(file.doc, found.pair.value as Node);
      if (!isMap(value)) continue;
      for (const pair of value.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        const condition = getIn(file.doc, pair.value as Node, ['condition']);
        if (scalarString(condition) !== 'service_healthy' || !isScalar(condition)) continue;
        const dependency = byName.get(name);
        // An unknown service is compose/undefined-reference's.
        if (!dependency || healthState(dependency.file, dependency.service, project) === 'has') continue;
        const disabled = healthState(dependency.file, dependency.service, project) === 'disabled';
        const fixes: Fix[] = [];
        // The dependency gets the healthcheck that fits it (once, when several services wait for it).
        const plan = !disabled && dependency.file === file && dependency.service.map && !planned.has(name) ? planHealthcheck(dependency.service, project, defaults, dependency.file) : undefined;
        const edit = plan && dependency.service.map
          ? insertIntoMap(file, dependency.service.map, { healthcheck: healthcheckBlock(plan) })
          : undefined;
        if (plan && edit) {
          planned.add(name);
          fixes.push({ title: `Give "${name}" a healthcheck (${plan.describe})`, safe: true, assumptions: plan.assumptions, edits: [edit], preferred: true });
        }
        if (condition.range) {
          fixes.push({ title: `Wait only for "${name}" to start (\`condition: service_started\`)`, safe: false, edits: [{ start: condition.range[0], end: condition.range[1], text: 'service_started' }] });
        }
        report({
          node: condition,
          message: disabled
            ? `"${service.name}" waits for "${name}" to be healthy, but its healthcheck is disabled: Compose refuses to start "${service.name}".`
            : `"${service.name}" waits for "${name}" to be healthy, but "${name}" has no healthcheck: Compose refuses to start "${service.name}".`,
          fixes,
        });
      }
    }
  },
});

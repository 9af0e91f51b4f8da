import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import { isOneShot } from '../../compose/group';
import type { Edit } from '../../core/text';
import type { Assumption, Fix } from '../../core/types';
import { columnOf, insertIntoMap, renderEntries, type YamlValue } from '../../compose/edit';
import { healthcheckBlock, healthState, planHealthcheck } from '../../compose/health';
import { servicesByName } from '../../compose/include';
import { getIn, resolve, scalarString, type ComposeFile, type ComposeService } from '../../compose/model';

export default defineComposeRule({
  meta: {
    id: 'compose/depends-on-healthy',
    severity: 'warning',
    description: '`depends_on` waits only for a dependency to start, although it has (or gets) a healthcheck.',
    rationale:
      'The short form of `depends_on` and `condition: service_started` wait until the container is created, not until it answers: the dependent service starts against a database that is still initialising and fails or retries. With `condition: service_healthy` Compose waits for the healthcheck to pass.',
    examples: {
      incorrect: [
        'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      - redis\n  redis:\n    image: redis:7-alpine\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n',
      ],
      correct: [
        'services:\n  api:\n    image: nginx:1.27\n    depends_on:\n      redis:\n        condition: service_healthy\n  redis:\n    image: redis:7-alpine\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n',
      ],
    },
    fixable: 'safe',
    // Swarm ignores `depends_on`.
    roles: ['production', 'development', 'test', 'devcontainer'],
  },
  check({ file, project, report, defaults }) {
    // Services of this file, and of the files it brings in with `include:` (this file's own win).
    const byName = servicesByName(file, project);
    // Asked for every service that depends on `name`: answered once per name. A dependency is waited for when it
    // has a healthcheck, or when the same fix gives it one (a dependency of this file with a healthcheck plan): the
    // switch and the healthcheck come together or not at all ("Harden service" on one service cannot add one without
    // the other), and the fix is as safe as the plan's evidence.
    const answers = new Map<string, { because: Assumption[]; edits: Edit[] } | undefined>();
    const healthyBecause = (name: string): { because: Assumption[]; edits: Edit[] } | undefined => {
      if (answers.has(name)) return answers.get(name);
      const dependency = byName.get(name);
      const state = dependency ? healthState(dependency.file, dependency.service, project) : 'none';
      let answer: { because: Assumption[]; edits: Edit[] } | undefined;
      // A dependency that runs once and exits (a migration) is waited for with `service_completed_successfully`.
      if (dependency && isOneShot(dependency.file, dependency.service, project)) answer = undefined;
      else if (dependency && state === 'has') answer = { because: [{ claim: `"${name}" has a healthcheck`, evidence: `compose: "${name}" has a healthcheck` }], edits: [] };
      else if (dependency && state === 'none' && dependency.file === file && dependency.service.map) {
        const plan = planHealthcheck(dependency.service, project, defaults, dependency.file);
        const edit = plan
          ? insertIntoMap(file, dependency.service.map, { healthcheck: healthcheckBlock(plan) })
          : undefined;
        if (plan && edit) answer = { because: plan.assumptions, edits: [edit] };
      }
      answers.set(name, answer);
      return answer;
    };
    const healthy = (name: string) => healthyBecause(name) !== undefined;
    const withHealthchecks = (names: readonly (string | undefined)[], edit: Edit): { edits: Edit[]; assumptions: Assumption[] } => {
      const wanted = [...new Set(names.filter((name): name is string => !!name && healthy(name)))];
      return { edits: [edit, ...wanted.flatMap((name) => healthyBecause(name)!.edits)], assumptions: wanted.flatMap((name) => healthyBecause(name)!.because) };
    };
    for (const service of file.services) {
      const found = service.getPair('depends_on');
      if (!found || found.inherited) continue;
      const value = resolve(file.doc, found.pair.value as Node);
      if (isSeq(value)) {
        const names = value.items.map((item) => scalarString(item as Node));
        if (!names.some((name) => name && healthy(name))) continue;
        const rewrite = longFormEdit(file, found.pair, names, healthy, inFlowMap(file, service));
        const both = rewrite ? withHealthchecks(names, rewrite) : undefined;
        for (const item of value.items as Node[]) {
          const name = scalarString(item);
          if (!name || !healthy(name) || !item.range) continue;
          report({
            start: item.range[0],
            end: item.range[1],
            message: `"${service.name}" starts as soon as "${name}" is created, not when it is healthy; use \`condition: service_healthy\`.`,
            fixes: both ? [{ title: both.edits.length > 1 ? 'Wait for healthy dependencies (`condition: service_healthy`), with their healthchecks' : 'Wait for healthy dependencies (`condition: service_healthy`)', safe: true, assumptions: both.assumptions, edits: both.edits, preferred: true }] : [],
          });
        }
      } else if (isMap(value)) {
        for (const pair of value.items) {
          if (!isScalar(pair.key)) continue;
          const name = String(pair.key.value);
          const because = healthyBecause(name);
          if (!because) continue;
          reportLongForm(file, service, name, pair, because, report);
        }
      }
    }
  },
});

function reportLongForm(
  file: ComposeFile,
  service: ComposeService,
  name: string,
  pair: Pair,
  because: { because: Assumption[]; edits: Edit[] },
  report: (r: { start: number; end: number; message: string; fixes?: Fix[] }) => void,
): void {
  const condition = getIn(file.doc, pair.value as Node, ['condition']);
  const conditionValue = scalarString(condition);
  if (conditionValue !== undefined && conditionValue !== 'service_started') return;
  if (isScalar(condition) && condition.range) {
    report({
      start: condition.range[0],
      end: condition.range[1],
      message: `"${service.name}" starts as soon as "${name}" is created, not when it is healthy; use \`condition: service_healthy\`.`,
      fixes: [{ title: because.edits.length ? `Use \`condition: service_healthy\`, with a healthcheck for "${name}"` : 'Use `condition: service_healthy`', safe: true, assumptions: because.because, edits: [{ start: condition.range[0], end: condition.range[1], text: 'service_healthy' }, ...because.edits], preferred: true }],
    });
  }
  // A long-form entry without `condition` is a schema error, reported by compose/schema.
}

/** Rewrites a short-form `depends_on` list as the long form, keeping every entry (others get `service_started`). */
function longFormEdit(file: ComposeFile, pair: Pair, names: (string | undefined)[], healthy: (name: string) => boolean, flowStyle: boolean): Edit | undefined {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  if (!key?.range || !value?.range || names.some((name) => name === undefined)) return undefined;
  // `- ${DB_HOST:-postgres}` is interpolated in a list, but a long-form key is not: the rewrite would break the file.
  if (names.some((name) => !/^[a-zA-Z0-9._-]+$/.test(name as string))) return undefined;
  const colon = file.text.indexOf(':', key.range[1]);
  if (colon < 0 || colon > value.range[0]) return undefined;
  const valueEnd = value.range[1];
  // Never drop a comment that sits inside the list.
  if (file.text.slice(colon + 1, valueEnd).includes('#')) return undefined;
  const entries: Record<string, YamlValue> = {};
  for (const name of names as string[]) {
    entries[name] = { condition: healthy(name) ? 'service_healthy' : 'service_started' };
  }
  // Inside a flow map (`{...}`, a JSON compose file) block lines are not YAML: the long form in flow style.
  if (flowStyle) {
    const flowText = `{${(names as string[]).map((name) => `${JSON.stringify(name)}: {"condition": ${JSON.stringify(healthy(name) ? 'service_healthy' : 'service_started')}}`).join(', ')}}`;
    return { start: value.range[0], end: value.range[1], text: flowText };
  }
  const indent = ' '.repeat(columnOf(file, key.range[0]) + file.indentUnit);
  const lines = renderEntries(entries, file.indentUnit, file.indentedSequences);
  let end = valueEnd;
  while (end > colon + 1 && /\s/.test(file.text[end - 1])) end--;
  return { start: colon + 1, end, text: lines.map((line) => file.eol + indent + line).join('') };
}

/** Whether a service's map, or a map around it, is in flow style (`{...}`): block lines cannot go there. */
function inFlowMap(file: ComposeFile, service: ComposeService): boolean {
  const flow = (node: unknown) => isMap(node) && (node as YAMLMap).flow === true;
  if (flow(service.map) || flow(file.root)) return true;
  const services = file.root && isMap(file.root) ? file.root.get('services', true) : undefined;
  return flow(services);
}

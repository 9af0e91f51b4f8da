import { isMap, type Node } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import { fileRole, judgedServices, runningDefinition } from '../../compose/group';
import { inheritedValue } from '../../compose/extends';
import { quoted, type YamlValue } from '../../compose/edit';
import { ensureEntries } from '../../compose/ensure';
import { baseImageOf } from '../../compose/health';
import { findPair, getIn, scalarString } from '../../compose/model';
import { assume } from '../../core/evidence';
import { DEFAULT_LIMITS, resolveImage } from '../../knowledge/kb';

export default defineComposeRule({
  meta: {
    id: 'compose/resource-limits',
    severity: 'warning',
    description: 'A service has no memory limit or no CPU limit.',
    rationale:
      'Without limits one container can take all the memory of the host, so the kernel\'s OOM killer picks a victim (often the database next to it), or all the CPUs, starving the other services. `deploy.resources.limits` (or the legacy `mem_limit`/`cpus`) caps it; the fix adds limits that suit the image, to be tuned to what the service really uses.',
    examples: {
      incorrect: ['services:\n  cache:\n    image: redis:7-alpine\n'],
      correct: [
        'services:\n  cache:\n    image: redis:7-alpine\n    deploy:\n      resources:\n        limits:\n          cpus: "0.50"\n          memory: 256M\n',
        'services:\n  cache:\n    image: redis:7-alpine\n    mem_limit: 256m\n    cpus: 0.5\n',
      ],
    },
    fixable: 'safe',
    roles: ['production', 'swarm'],
  },
  check({ file, project, report, defaults: configured }) {
    // `docker stack deploy` ignores `mem_limit` and `cpus`: a swarm stack file needs `deploy.resources.limits`.
    const swarm = fileRole(file, project) === 'swarm';
    for (const service of judgedServices(file, project)) {
      if (!service.map) continue;
      const limits = getIn(file.doc, service.map, ['deploy', 'resources', 'limits']);
      // A limit the service inherits through `extends` counts: Compose merges it in.
      const inherited = (...keys: string[]) => scalarString(inheritedValue(file, service, project, keys)?.node) !== undefined;
      const hasMemory =
        scalarString(getIn(file.doc, limits, ['memory'])) !== undefined || (!swarm && service.str('mem_limit') !== undefined) || inherited('deploy', 'resources', 'limits', 'memory') || (!swarm && inherited('mem_limit'));
      const hasCpus =
        scalarString(getIn(file.doc, limits, ['cpus'])) !== undefined || (!swarm && service.str('cpus') !== undefined) || inherited('deploy', 'resources', 'limits', 'cpus') || (!swarm && inherited('cpus'));
      if (hasMemory && hasCpus) continue;
      // The values: `.docker-harden.yaml` `defaults.resources`, else the image's from the knowledge base. For an image
      // we know nothing about (a JVM, ClickHouse...) a generic size may get it OOM-killed: the fix is unsafe.
      // In an overlay (compose.prod.yml over compose.yml), the image is the one the base runs.
      const running = runningDefinition(file, service, project).service;
      const image = baseImageOf(running, project.dockerfileOf(running));
      const kb = image ? resolveImage(image) : undefined;
      const known = kb?.limits ?? DEFAULT_LIMITS;
      const defaults = { cpus: configured?.resources?.cpus ?? known.cpus, memory: configured?.resources?.memory ?? known.memory };
      // A size from the knowledge base is evidence for the image run as it is, not for an app built on a runtime base
      // (python, node): what that app needs is not known.
      const sizing = assume(
        `"${service.name}" runs within ${defaults.memory} of memory`,
        configured?.resources?.memory ? '.docker-harden.yaml defaults.resources' : kb?.limits && !running.build ? `image knowledge: ${image} is ${kb.family}` : undefined,
      );
      const legacy = service.str('mem_limit') !== undefined || service.str('cpus') !== undefined;
      // A key already there with an empty or non-scalar value (`cpus: null`) would be duplicated by an insertion.
      const present = (map: Node | null | undefined, key: string) => isMap(map) && findPair(file.doc, map, key) !== undefined;
      const blocked = legacy
        ? (!hasCpus && present(service.map, 'cpus')) || (!hasMemory && present(service.map, 'mem_limit'))
        : (!hasCpus && present(limits, 'cpus')) || (!hasMemory && present(limits, 'memory'));
      let edit;
      if (blocked) {
        edit = undefined;
      } else if (legacy) {
        // Keep the file's own style: complete the legacy pair rather than mixing in `deploy`.
        const entries: Record<string, YamlValue> = {};
        if (!hasCpus) entries.cpus = quoted(defaults.cpus);
        if (!hasMemory) entries.mem_limit = defaults.memory.toLowerCase();
        edit = ensureEntries(file, service.map, [], entries);
      } else {
        const entries: Record<string, YamlValue> = {};
        if (!hasCpus) entries.cpus = quoted(defaults.cpus);
        if (!hasMemory) entries.memory = defaults.memory;
        edit = ensureEntries(file, service.map, ['deploy', 'resources', 'limits'], entries);
      }
      const missing = !hasMemory && !hasCpus ? 'memory or CPU limit' : !hasMemory ? 'memory limit' : 'CPU limit';
      const values = [!hasCpus ? `${defaults.cpus} ${Number(defaults.cpus) > 1 ? 'CPUs' : 'CPU'}` : undefined, !hasMemory ? defaults.memory : undefined].filter(Boolean).join(', ');
      report({
        node: service.key,
        message:
          swarm && (service.str('mem_limit') !== undefined || service.str('cpus') !== undefined)
            ? `Service "${service.name}" has no ${missing} that swarm applies (\`docker stack deploy\` ignores \`mem_limit\` and \`cpus\`; it reads \`deploy.resources.limits\`): one runaway container can starve the whole host.`
            : `Service "${service.name}" has no ${missing}: one runaway container can starve the whole host.`,
        fixes: edit ? [{ title: `Add resource limits (${values})`, safe: true, assumptions: hasMemory ? [] : [sizing], edits: [edit], preferred: true }] : [],
      });
    }
  },
});

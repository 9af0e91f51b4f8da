import { isSeq, type Node } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import { judgedServices } from '../../compose/group';
import { inheritedValue } from '../../compose/extends';
import { addToServiceList } from '../../compose/ensure';
import { scalarString } from '../../compose/model';

export default defineComposeRule({
  meta: {
    id: 'compose/no-new-privileges',
    severity: 'info',
    strict: true,
    description: 'A service does not set `security_opt: [no-new-privileges:true]`.',
    rationale:
      'Without `no-new-privileges` a process in the container can gain privileges through setuid/setgid binaries or file capabilities (su, sudo, ping...), which is the usual second step of an attack after code execution. The option makes the kernel refuse it and rarely breaks anything.',
    examples: {
      incorrect: ['services:\n  web:\n    image: nginx:1.27\n'],
      correct: ['services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n'],
    },
    fixable: 'safe',
    roles: ['production', 'swarm'],
  },
  check({ file, project, report }) {
    for (const service of judgedServices(file, project)) {
      if (!service.map) continue;
      const sets = (options: Node | null | undefined) =>
        isSeq(options) && (options.items as Node[]).some((item) => /^no-new-privileges([:=]true)?$/i.test((scalarString(item) ?? '').replace(/\s+/g, '')));
      // Compose appends the base's `security_opt` (through `extends`) to the service's own.
      if (sets(service.get('security_opt')) || sets(inheritedValue(file, service, project, ['security_opt'])?.node)) continue;
      const edit = addToServiceList(file, service.map, 'security_opt', 'no-new-privileges:true');
      report({
        node: service.key,
        message: `Service "${service.name}" lets its processes gain privileges through setuid binaries; add \`no-new-privileges:true\`.`,
        fixes: edit ? [{ title: 'Add `security_opt: [no-new-privileges:true]`', safe: true, edits: [edit], preferred: true }] : [],
      });
    }
  },
});

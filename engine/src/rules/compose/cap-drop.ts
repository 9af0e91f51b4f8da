import { isSeq, type Node } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import { judgedServices } from '../../compose/group';
import { inheritedValue } from '../../compose/extends';
import { addToServiceList } from '../../compose/ensure';
import { baseImageOf } from '../../compose/health';
import { scalarString } from '../../compose/model';
import { assume } from '../../core/evidence';
import { mergeInsertions } from '../../core/text';
import { resolveImage } from '../../knowledge/kb';

export default defineComposeRule({
  meta: {
    id: 'compose/cap-drop',
    severity: 'info',
    strict: true,
    description: 'A service keeps Docker\'s default Linux capabilities (no `cap_drop: [ALL]`).',
    rationale:
      'Docker gives every container a dozen capabilities (CHOWN, SETUID, NET_RAW, MKNOD...) that most services never use and an attacker can. Dropping all of them and adding back only what is needed (`cap_add: [NET_BIND_SERVICE]`) shrinks what a compromised process can do. Some images need a capability at start (to change user, for instance), so the fix is unsafe: test the service after applying it.',
    examples: {
      incorrect: ['services:\n  web:\n    image: nginx:1.27\n'],
      correct: ['services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]\n'],
    },
    fixable: 'unsafe',
    roles: ['production', 'swarm'],
  },
  check({ file, project, report }) {
    for (const service of judgedServices(file, project)) {
      if (!service.map) continue;
      const dropped = service.get('cap_drop');
      const dropsAll = (list: Node | null | undefined) => isSeq(list) && (list.items as Node[]).some((item) => scalarString(item)?.toUpperCase() === 'ALL');
      // Compose appends the base's `cap_drop` (through `extends`) to the service's own.
      if (dropsAll(dropped) || dropsAll(inheritedValue(file, service, project, ['cap_drop'])?.node)) continue;
      // An image whose entrypoint starts as root and switches user (gosu, su-exec) needs SETUID and SETGID for that,
      // and CHOWN for the data folders it hands over: the fix keeps them (the Docker runtime test shows a setpriv
      // entrypoint failing without them).
      const image = baseImageOf(service, project.dockerfileOf(service));
      const known = image ? resolveImage(image) : undefined;
      const keep = known?.dropsPrivileges && service.get('user') === undefined ? ['CHOWN', 'SETUID', 'SETGID'] : [];
      const drop = addToServiceList(file, service.map, 'cap_drop', 'ALL');
      const add = keep.length && service.get('cap_add') === undefined ? addToServiceList(file, service.map, 'cap_add', keep) : undefined;
      const edits = drop && (keep.length === 0 || add) ? [drop, ...(add ? [add] : [])] : undefined;
      report({
        node: service.key,
        message: `Service "${service.name}" keeps Docker's default capabilities; drop them all (\`cap_drop: [ALL]\`) and add back only what it needs.`,
        fixes: edits
          ? [{
              title: keep.length ? `Add \`cap_drop: [ALL]\`, keeping ${keep.join(', ')} for the ${known!.family} entrypoint (${known!.dropsPrivileges})` : 'Add `cap_drop: [ALL]`',
              safe: false,
              assumptions: [assume(`"${service.name}" needs no capability${keep.length ? ` besides ${keep.join(', ')}` : ''}`, undefined)],
              edits: mergeInsertions(edits),
            }]
          : [],
      });
    }
  },
});

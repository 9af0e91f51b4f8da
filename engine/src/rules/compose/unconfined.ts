import { isSeq, type Node } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import { scalarString } from '../../compose/model';

export default defineComposeRule({
  meta: {
    id: 'compose/unconfined',
    severity: 'error',
    description: '`security_opt` turns off seccomp or AppArmor, or `cap_add` grants `ALL` or `SYS_ADMIN`.',
    rationale:
      'Seccomp and AppArmor profiles block the system calls container escapes rely on; `unconfined` removes them. `CAP_SYS_ADMIN` is "the new root" (mount, namespaces, BPF...) and `ALL` grants every capability: each makes breaking out of the container far easier. Add only the specific capability the service needs.',
    examples: {
      incorrect: ['services:\n  app:\n    image: nginx:1.27\n    security_opt:\n      - seccomp:unconfined\n', 'services:\n  app:\n    image: nginx:1.27\n    cap_add: [SYS_ADMIN]\n'],
      correct: ['services:\n  app:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE]\n    security_opt:\n      - no-new-privileges:true\n'],
    },
  },
  check({ file, report }) {
    for (const service of file.services) {
      const securityOpt = service.get('security_opt');
      if (isSeq(securityOpt)) {
        for (const item of securityOpt.items as Node[]) {
          const option = scalarString(item)?.replace(/\s+/g, '').toLowerCase();
          const match = option && /^(seccomp|apparmor)[:=]unconfined$/.exec(option);
          if (!match || !item.range) continue;
          report({ start: item.range[0], end: item.range[1], message: `Service "${service.name}" runs without its ${match[1] === 'seccomp' ? 'seccomp' : 'AppArmor'} profile, which blocks the system calls container escapes use.` });
        }
      }
      const capAdd = service.get('cap_add');
      if (isSeq(capAdd)) {
        for (const item of capAdd.items as Node[]) {
          const capability = scalarString(item)?.toUpperCase().replace(/^CAP_/, '');
          if ((capability !== 'ALL' && capability !== 'SYS_ADMIN') || !item.range) continue;
          report({
            start: item.range[0],
            end: item.range[1],
            message: capability === 'ALL'
              ? `Service "${service.name}" is granted every capability (\`cap_add: ALL\`); add only the ones it needs.`
              : `Service "${service.name}" is granted SYS_ADMIN, which is close to root on the host; add only the specific capability it needs.`,
          });
        }
      }
    }
  },
});

import { isScalar } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import { removePair } from '../../compose/edit';

export default defineComposeRule({
  meta: {
    id: 'compose/privileged',
    severity: 'error',
    description: 'A service runs with `privileged: true`.',
    rationale:
      'A privileged container gets every capability, every device of the host and no seccomp or AppArmor confinement: escaping it to the host is trivial. Grant the one capability or device the service needs (`cap_add`, `devices`) instead.',
    examples: {
      incorrect: ['services:\n  app:\n    image: nginx:1.27\n    privileged: true\n'],
      correct: ['services:\n  app:\n    image: nginx:1.27\n', 'services:\n  app:\n    image: nginx:1.27\n    privileged: false\n'],
    },
    fixable: 'unsafe',
  },
  check({ file, report }) {
    for (const service of file.services) {
      const found = service.getPair('privileged');
      if (!found || !isScalar(found.pair.value) || found.pair.value.value !== true) continue;
      const value = found.pair.value;
      const removal = found.inherited ? undefined : removePair(file, found.pair);
      report({
        node: value,
        message: `Service "${service.name}" runs privileged: it has full access to the host's devices and kernel.`,
        fixes: removal ? [{ title: 'Remove `privileged: true`', safe: false, edits: [removal] }] : [],
      });
    }
  },
});

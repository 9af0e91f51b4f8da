import { isScalar, isSeq, type Node } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import { judgedServices } from '../../compose/group';
import { inheritedValue } from '../../compose/extends';
import type { Edit } from '../../core/text';
import { addToServiceList, ensureEntries } from '../../compose/ensure';
import { scalarString } from '../../compose/model';

export default defineComposeRule({
  meta: {
    id: 'compose/read-only',
    severity: 'info',
    strict: true,
    description: 'A service\'s root file system is writable (no `read_only: true`).',
    rationale:
      'With a writable root file system an attacker can drop tools, change binaries or persist in the container. `read_only: true` makes the image immutable at run time; the directories the service really writes to become `tmpfs` mounts or volumes. The fix adds `tmpfs: [/tmp]`; services writing elsewhere need more, so it is unsafe.',
    examples: {
      incorrect: ['services:\n  web:\n    image: nginx:1.27\n'],
      correct: ['services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /tmp\n'],
    },
    fixable: 'unsafe',
    roles: ['production', 'swarm'],
  },
  check({ file, project, report }) {
    for (const service of judgedServices(file, project)) {
      if (!service.map) continue;
      const readOnly = service.get('read_only');
      if (isScalar(readOnly) && (readOnly.value === true || readOnly.value === 'true')) continue;
      const base = readOnly === undefined ? inheritedValue(file, service, project, ['read_only'])?.node : undefined;
      if (isScalar(base) && (base.value === true || base.value === 'true')) continue;
      const edits: Edit[] = [];
      const own = service.getPair('read_only');
      if (own && !own.inherited && isScalar(own.pair.value) && own.pair.value.range) {
        edits.push({ start: own.pair.value.range[0], end: own.pair.value.range[1], text: 'true' });
      } else if (!own) {
        const add = ensureEntries(file, service.map, [], { read_only: true });
        if (add) edits.push(add);
      }
      const tmpfs = service.get('tmpfs');
      const hasTmp = isSeq(tmpfs) ? (tmpfs.items as Node[]).some((item) => scalarString(item)?.split(':')[0] === '/tmp') : scalarString(tmpfs)?.split(':')[0] === '/tmp';
      if (!hasTmp) {
        const add = isScalar(tmpfs) ? undefined : addToServiceList(file, service.map, 'tmpfs', '/tmp');
        // Both insert at the end of the service: one edit keeps them together.
        if (add && edits.length === 1 && edits[0].start === add.start && edits[0].end === add.end) edits[0] = { ...edits[0], text: edits[0].text + add.text };
        else if (add) edits.push(add);
        else edits.length = 0;
      }
      report({
        node: service.key,
        message: `Service "${service.name}" can write to its whole file system; make it read-only and give it a tmpfs for what it writes.`,
        fixes: edits.length ? [{ title: 'Add `read_only: true` with a tmpfs on /tmp', safe: false, edits }] : [],
      });
    }
  },
});

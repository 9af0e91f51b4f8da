import { isSeq, type Node } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import { allInterfaces, composeIndex, expandPorts, type PublishedPort } from '../../compose/index';
import { scalarString } from '../../compose/model';

export default defineComposeRule({
  meta: {
    id: 'compose/port-conflict',
    severity: 'error',
    description: 'Two services (or one service twice) publish the same host port, address and protocol.',
    rationale:
      'Only one container can bind a host port on a given address: the second one fails to start with "port is already allocated", and which one wins depends on start order. Give each publication its own host port (or a different host address).',
    examples: {
      incorrect: ['services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n  b:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n'],
      correct: ['services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n  b:\n    image: nginx:1.27\n    ports:\n      - "8081:80"\n      - "8080:80/udp"\n'],
    },
  },
  check({ file, report }) {
    const taken = new Map<string, PublishedPort[]>();
    for (const port of composeIndex(file).ports) {
      if (!port.published || port.published.includes('$') || !port.at.range) continue;
      const conflict = expandPorts(port.published).map((number) => {
        const key = `${number}/${port.protocol}`;
        const earlier = (taken.get(key) ?? []).find((other) => sameAddress(other.hostIp, port.hostIp) && !exclusiveProfiles(other, port));
        const list = taken.get(key) ?? [];
        list.push(port);
        taken.set(key, list);
        return earlier ? { number, earlier } : undefined;
      }).find(Boolean);
      if (!conflict) continue;
      const owner = conflict.earlier.service === port.service ? 'this service already publishes it' : `service "${conflict.earlier.service.name}" already publishes it`;
      report({ start: port.at.range[0], end: port.at.range[1], message: `Host port ${conflict.number}/${port.protocol} is published twice: ${owner}.` });
    }
  },
});

function sameAddress(a: string | undefined, b: string | undefined): boolean {
  return allInterfaces(a) || allInterfaces(b) || a === b;
}

/** Services in disjoint profiles never run together. */
function exclusiveProfiles(a: PublishedPort, b: PublishedPort): boolean {
  const profiles = (port: PublishedPort) => {
    const node = port.service.get('profiles');
    return isSeq(node) ? (node.items as Node[]).map((item) => scalarString(item)).filter((p): p is string => !!p) : [];
  };
  const pa = profiles(a);
  const pb = profiles(b);
  return pa.length > 0 && pb.length > 0 && !pa.some((p) => pb.includes(p));
}

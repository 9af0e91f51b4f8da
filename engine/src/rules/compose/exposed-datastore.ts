import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import type { Edit } from '../../core/text';
import type { Fix } from '../../core/types';
import { insertIntoMap, removePair } from '../../compose/edit';
import { inStyleOf, ownPair, removeSeqItem } from '../../compose/ensure';
import { mergedBaseImage } from '../../compose/health';
import { allInterfaces, composeIndex, type PublishedPort } from '../../compose/file-index';
import type { ComposeFile } from '../../compose/model';
import { isDatastoreImage } from '../../knowledge/kb';

export default defineComposeRule({
  meta: {
    id: 'compose/exposed-datastore',
    severity: 'warning',
    description: 'A datastore (redis, postgres, mysql, mongo...) publishes its port on every interface of the host.',
    rationale:
      'A published port listens on all interfaces of the host, and Docker\'s own firewall rules bypass ufw/firewalld: a database or cache published as `"6379:6379"` is reachable from the internet, where bots find unauthenticated Redis and default-password databases within minutes. Other services reach it over the compose network without publishing anything; if the host needs it, bind it to `127.0.0.1`.',
    examples: {
      incorrect: ['services:\n  cache:\n    image: redis:7-alpine\n    ports:\n      - "6379:6379"\n'],
      correct: ['services:\n  cache:\n    image: redis:7-alpine\n    ports:\n      - "127.0.0.1:6379:6379"\n', 'services:\n  cache:\n    image: redis:7-alpine\n'],
    },
    fixable: 'unsafe',
  },
  check({ file, project, report }) {
    for (const port of composeIndex(file).ports) {
      const { service } = port;
      if (!allInterfaces(port.hostIp) || !port.at.range) continue;
      const image = mergedBaseImage(file, service, project);
      if (!image || !isDatastoreImage(image)) continue;
      const fixes: Fix[] = [];
      const bind = bindToLoopback(file, port);
      if (bind) fixes.push({ title: 'Publish on 127.0.0.1 only', safe: false, edits: [bind] });
      const removal = removePublication(file, port);
      if (removal) fixes.push({ title: 'Stop publishing the port (other services still reach it on the network)', safe: false, edits: [removal] });
      report({
        start: port.at.range[0],
        end: port.at.range[1],
        message: `Datastore "${service.name}" publishes port ${port.published ?? port.target} on every interface of the host; bind it to 127.0.0.1 or do not publish it.`,
        fixes,
      });
    }
  },
});

function bindToLoopback(file: ComposeFile, port: PublishedPort): Edit | undefined {
  if (port.syntax === 'long') {
    const map = port.node as YAMLMap;
    const hostIp = ownPair(map, 'host_ip');
    if (hostIp && isScalar(hostIp.value) && hostIp.value.range) {
      return { start: hostIp.value.range[0], end: hostIp.value.range[1], text: inStyleOf(hostIp.value, '127.0.0.1') };
    }
    return insertIntoMap(file, map, { host_ip: '127.0.0.1' });
  }
  const scalar = port.node as Scalar;
  const spec = `127.0.0.1:${port.published ?? ''}:${port.target}${port.protocol === 'tcp' && !String(scalar.value).endsWith('/tcp') ? '' : `/${port.protocol}`}`;
  // A plain number (`- 6379`) becomes a quoted string.
  const styled = typeof scalar.value === 'number' ? JSON.stringify(spec) : inStyleOf(scalar, spec);
  return { start: scalar.range![0], end: scalar.range![1], text: styled };
}

function removePublication(file: ComposeFile, port: PublishedPort): Edit | undefined {
  const found = port.service.getPair('ports');
  if (!found || found.inherited || !isSeq(found.pair.value)) return undefined;
  const seq = found.pair.value;
  if (seq.items.length === 1 && !seq.flow) return removePair(file, found.pair);
  if (seq.items.length === 1) return removePair(file, found.pair);
  return removeSeqItem(file, seq, port.node as Node);
}

import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import { getIn, resolve, scalarString } from '../../compose/model';

const SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock']);

export default defineComposeRule({
  meta: {
    id: 'compose/docker-socket',
    severity: 'error',
    description: 'The Docker socket (`/var/run/docker.sock`) is mounted into a container.',
    rationale:
      'Whoever can talk to the Docker socket can start a privileged container with the host\'s root file system mounted: mounting it (even read-only, which only protects the socket file, not the API) gives the container root on the host. Put a socket proxy that allows only the API calls the service needs (for example tecnativa/docker-socket-proxy) in between.',
    examples: {
      incorrect: ['services:\n  proxy:\n    image: traefik:v3.1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n'],
      correct: ['services:\n  proxy:\n    image: traefik:v3.1\n    volumes:\n      - ./traefik.yml:/etc/traefik/traefik.yml:ro\n'],
    },
  },
  check({ file, report }) {
    for (const service of file.services) {
      const volumes = service.get('volumes');
      if (!isSeq(volumes)) continue;
      for (const raw of volumes.items as Node[]) {
        const item = resolve(file.doc, raw);
        // Long syntax: shown on `source`; short syntax: on the whole item.
        const at = isMap(item) ? getIn(file.doc, item, ['source']) : raw;
        const source = isMap(item) ? scalarString(at) : isScalar(item) ? scalarString(item)?.split(':')[0] : undefined;
        if (!source || !SOCKETS.has(source.replace(/\/+$/, '')) || !at?.range) continue;
        report({
          start: at.range[0],
          end: at.range[1],
          message: `Service "${service.name}" mounts the Docker socket, which gives it root on the host; use a read-only socket proxy that allows only the calls it needs.`,
        });
      }
    }
  },
});

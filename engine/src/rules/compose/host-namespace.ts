import { isScalar } from 'yaml';
import { defineComposeRule } from '../../core/rule';

const KEYS = ['network_mode', 'pid', 'ipc', 'userns_mode'] as const;

export default defineComposeRule({
  meta: {
    id: 'compose/host-namespace',
    severity: 'warning',
    description: 'A service shares a namespace of the host (`network_mode`, `pid`, `ipc` or `userns_mode` set to `host`).',
    rationale:
      'Namespaces are what isolates a container. With the host\'s network it can bind any port and reach services listening on localhost; with the host\'s PID namespace it sees (and, as root, can signal or trace) every process; with the host\'s IPC it reads shared memory of other processes; `userns_mode: host` turns off user-namespace remapping. Use the default namespaces and publish ports instead.',
    examples: {
      incorrect: ['services:\n  app:\n    image: nginx:1.27\n    network_mode: host\n'],
      correct: ['services:\n  app:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n'],
    },
  },
  check({ file, report }) {
    for (const service of file.services) {
      for (const key of KEYS) {
        const found = service.getPair(key);
        const value = found?.pair.value;
        if (!isScalar(value) || value.value !== 'host' || !value.range) continue;
        report({
          start: value.range[0],
          end: value.range[1],
          message: `Service "${service.name}" shares the host's ${key === 'network_mode' ? 'network' : key === 'userns_mode' ? 'user' : key.toUpperCase()} namespace (\`${key}: host\`), which removes that isolation.`,
        });
      }
    }
  },
});

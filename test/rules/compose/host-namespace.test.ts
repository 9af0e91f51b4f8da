import rule from '../../../engine/src/rules/compose/host-namespace';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [source`
    services:
      a:
        image: nginx:1.27
        network_mode: bridge
        pid: "service:b"
  `],
  invalid: [
    {
      code: source`
        services:
          a:
            image: nginx:1.27
            network_mode: host
            pid: host
            ipc: "host"
            userns_mode: host
      `,
      errors: [
        { line: 4, column: 19, endColumn: 23, severity: 'warning', message: 'Service "a" shares the host\'s network namespace (`network_mode: host`), which removes that isolation.' },
        { line: 5, column: 10, message: /PID namespace/ },
        { line: 6, column: 10, message: /IPC namespace/ },
        { line: 7, column: 18, message: /user namespace/ },
      ],
    },
  ],
});

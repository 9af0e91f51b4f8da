import rule from '../../../engine/src/rules/compose/host-namespace';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['services:\n  a:\n    image: nginx:1.27\n    network_mode: bridge\n    pid: "service:b"\n'],
  invalid: [
    {
      code: 'services:\n  a:\n    image: nginx:1.27\n    network_mode: host\n    pid: host\n    ipc: "host"\n    userns_mode: host\n',
      errors: [
        { line: 4, column: 19, endColumn: 23, severity: 'warning', message: 'Service "a" shares the host\'s network namespace (`network_mode: host`), which removes that isolation.' },
        { line: 5, column: 10, message: /PID namespace/ },
        { line: 6, column: 10, message: /IPC namespace/ },
        { line: 7, column: 18, message: /user namespace/ },
      ],
    },
  ],
});

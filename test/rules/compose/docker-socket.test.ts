import rule from '../../../engine/src/rules/compose/docker-socket';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['services:\n  a:\n    image: traefik:v3.1\n    volumes:\n      - ./conf:/etc/traefik\n'],
  invalid: [
    {
      code: 'services:\n  a:\n    image: traefik:v3.1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n      - type: bind\n        source: /run/docker.sock\n        target: /var/run/docker.sock\n',
      errors: [
        { line: 5, column: 9, endColumn: 53, severity: 'error', message: /mounts the Docker socket, which gives it root on the host; use a read-only socket proxy/ },
        { line: 7, column: 17, endLine: 7, endColumn: 33 },
      ],
    },
  ],
});

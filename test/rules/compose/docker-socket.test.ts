import rule from '../../../engine/src/rules/compose/docker-socket';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [source`
    services:
      a:
        image: traefik:v3.1
        volumes:
          - ./conf:/etc/traefik
  `],
  invalid: [
    {
      code: source`
        services:
          a:
            image: traefik:v3.1
            volumes:
              - /var/run/docker.sock:/var/run/docker.sock:ro
              - type: bind
                source: /run/docker.sock
                target: /var/run/docker.sock
      `,
      errors: [
        { line: 5, column: 9, endColumn: 53, severity: 'error', message: /mounts the Docker socket, which gives it root on the host; use a read-only socket proxy/ },
        { line: 7, column: 17, endLine: 7, endColumn: 33 },
      ],
    },
  ],
});

import rule from '../../../engine/src/rules/dockerfile/expose-ssh';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

const MESSAGE = 'Port 22 (SSH) is exposed: use `docker exec` for a shell instead of an SSH server in the container.';

ruleTester(rule, {
  valid: [
    'FROM debian:bookworm-slim\nEXPOSE 8080\n',
    'FROM debian:bookworm-slim\nEXPOSE 2222 220\n',
    'FROM debian:bookworm-slim\nEXPOSE 22/udp\n',
    'FROM debian:bookworm-slim\nEXPOSE $PORT\n',
  ],
  invalid: [
    {
      name: 'the only port: the instruction goes',
      code: source`
        FROM debian:bookworm-slim
        # ssh for debugging
        EXPOSE 22
        CMD ["/app/server"]
      `,
      errors: [{ line: 3, column: 8, endColumn: 10, message: MESSAGE, severity: 'warning', fixes: ['Remove `EXPOSE 22`'] }],
      unsafeOutput: source`
        FROM debian:bookworm-slim
        # ssh for debugging
        CMD ["/app/server"]
      `,
    },
    {
      name: 'first of several ports',
      code: 'FROM debian:bookworm-slim\nEXPOSE 22/tcp 8080\n',
      errors: [{ line: 2, column: 8, endColumn: 14, fixes: ['Remove port 22 from `EXPOSE`'] }],
      unsafeOutput: 'FROM debian:bookworm-slim\nEXPOSE 8080\n',
    },
    {
      name: 'last of several ports, in a later stage',
      code: 'FROM golang:1.23 AS build\nRUN true\nFROM debian:bookworm-slim\nEXPOSE 8080 22\n',
      errors: [{ line: 4, column: 13, endColumn: 15 }],
      unsafeOutput: 'FROM golang:1.23 AS build\nRUN true\nFROM debian:bookworm-slim\nEXPOSE 8080\n',
    },
    {
      name: 'a range that includes 22',
      code: 'FROM debian:bookworm-slim\nEXPOSE 20-25 8080\n',
      errors: [{ line: 2, column: 8, endColumn: 13 }],
      unsafeOutput: 'FROM debian:bookworm-slim\nEXPOSE 8080\n',
    },
  ],
});

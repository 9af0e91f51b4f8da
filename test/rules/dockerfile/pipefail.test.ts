import rule from '../../../engine/src/rules/dockerfile/pipefail';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://e.x/t.tgz | tar -xz\n',
    'FROM alpine:3.22\nRUN set -eo pipefail; wget -qO- https://e.x/t.tgz | tar -xz\n',
    'FROM debian:12-slim\nRUN a || b\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem | Select-Object Name\n',
  ],
  invalid: [
    {
      name: 'Debian: one SHELL instruction for the stage, before the first piped RUN',
      code: 'FROM debian:12-slim\n# tools\nRUN curl -fsSL https://e.x/t.tgz | tar -xz -C /opt\nRUN cat /etc/os-release | grep VERSION\n',
      errors: [
        { line: 3, column: 5, endColumn: 51, fixes: ['Run this stage with bash -o pipefail (SHELL)'] },
        { line: 4, column: 5, fixes: [] },
      ],
      output: 'FROM debian:12-slim\n# tools\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://e.x/t.tgz | tar -xz -C /opt\nRUN cat /etc/os-release | grep VERSION\n',
    },
    {
      name: 'Alpine: set -o pipefail && in front of the RUN; pipefail set after the pipe does not count',
      code: 'FROM alpine:3.22\nRUN wget -qO- https://e.x/t.tgz | tar -xz && set -o pipefail\n',
      errors: [{ line: 2, column: 5, endColumn: 42, fixes: ['Add set -o pipefail'] }],
      output: 'FROM alpine:3.22\nRUN set -o pipefail && wget -qO- https://e.x/t.tgz | tar -xz && set -o pipefail\n',
    },
    {
      name: 'unknown base: reported without a fix',
      code: 'FROM example/base:1\nRUN a | b | c\n',
      errors: [{ line: 2, column: 5, endColumn: 14, fixes: [] }],
    },
    {
      name: 'the file ends in an unterminated heredoc (BuildKit refuses it): no SHELL is inserted',
      code: 'FROM debian:12-slim\nRUN curl -fsSL https://e.x/t.tgz | tar -xz\nRUN <<EOF\nmake\n',
      errors: [{ line: 2, column: 5, fixes: [] }],
    },
  ],
});

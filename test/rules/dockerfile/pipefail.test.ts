import rule from '../../../engine/src/rules/dockerfile/pipefail';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      FROM debian:12-slim
      SHELL ["/bin/bash", "-o", "pipefail", "-c"]
      RUN curl -fsSL https://e.x/t.tgz | tar -xz
    `,
    'FROM alpine:3.22\nRUN set -eo pipefail; wget -qO- https://e.x/t.tgz | tar -xz\n',
    'FROM debian:12-slim\nRUN a || b\n',
    source`
      FROM debian:12-slim
      RUN case "$(dpkg --print-architecture)" in amd64|x86_64) ARCH=x64 ;; (arm64|aarch64) ARCH=arm64 ;; *) exit 1 ;; esac \\
       && echo "$ARCH" > /arch
    `,
    source`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      SHELL ["powershell", "-Command"]
      RUN Get-ChildItem | Select-Object Name
    `,
  ],
  invalid: [
    {
      name: 'Debian: one SHELL instruction for the stage, before the first piped RUN',
      code: source`
        FROM debian:12-slim
        # tools
        RUN curl -fsSL https://e.x/t.tgz | tar -xz -C /opt
        RUN cat /etc/os-release | grep VERSION
      `,
      errors: [
        { line: 3, column: 5, endColumn: 51, fixes: ['Run this stage with bash -o pipefail (SHELL)'] },
        { line: 4, column: 5, fixes: [] },
      ],
      output: source`
        FROM debian:12-slim
        # tools
        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
        RUN curl -fsSL https://e.x/t.tgz | tar -xz -C /opt
        RUN cat /etc/os-release | grep VERSION
      `,
    },
    {
      name: 'Alpine: set -o pipefail && in front of the RUN; pipefail set after the pipe does not count',
      code: 'FROM alpine:3.22\nRUN wget -qO- https://e.x/t.tgz | tar -xz && set -o pipefail\n',
      errors: [{ line: 2, column: 5, endColumn: 42, fixes: ['Add set -o pipefail'] }],
      output: 'FROM alpine:3.22\nRUN set -o pipefail && wget -qO- https://e.x/t.tgz | tar -xz && set -o pipefail\n',
    },
    {
      name: 'a pipe inside a case body is a pipeline; the pattern\'s | before it is not',
      code: 'FROM alpine:3.22\nRUN case "$A" in a|b) wget -qO- https://e.x/t.tgz | tar -xz ;; esac\n',
      errors: [{ line: 2, column: 23, endColumn: 60, fixes: ['Add set -o pipefail'] }],
      output: 'FROM alpine:3.22\nRUN set -o pipefail && case "$A" in a|b) wget -qO- https://e.x/t.tgz | tar -xz ;; esac\n',
    },
    {
      name: 'unknown base: reported without a fix',
      code: 'FROM example/base:1\nRUN a | b | c\n',
      errors: [{ line: 2, column: 5, endColumn: 14, fixes: [] }],
    },
    {
      name: 'the file ends in an unterminated heredoc (BuildKit refuses it): no SHELL is inserted',
      code: source`
        FROM debian:12-slim
        RUN curl -fsSL https://e.x/t.tgz | tar -xz
        RUN <<EOF
        make
      `,
      errors: [{ line: 2, column: 5, fixes: [] }],
    },
  ],
});

import rule from '../../../engine/src/rules/dockerfile/unchecked-cd';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

const run = (command: string) => `FROM debian:12-slim\nRUN ${command}\n`;

ruleTester(rule, {
  valid: [
    run('cd /src && make'),
    run('cd /src || exit 1; make'),
    run('make; cd /src'),
    run('set -e; cd /src; make'),
    run('set -eux && cd /src; make'),
    run('set -o errexit; cd /src; make'),
    'FROM debian:12-slim\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN cd /src; make\n',
    run('["sh", "-c", "cd /src; make"]'),
    run('echo cd /src; make'),
  ],
  invalid: [
    {
      code: source`
        FROM debian:12-slim
        RUN cd /src/app; make install
        RUN cd /tmp; \
            tar -xzf app.tgz && rm app.tgz; cd /; ls
        RUN pushd /src; make; popd
      `,
      errors: [
        { line: 2, column: 5, endColumn: 16, message: 'When `cd /src/app` fails, `make` still runs, in the wrong folder: chain with `&&`.', fixes: ['Run the rest only when cd succeeds (cd ... &&); the build then fails where the folder is missing'] },
        { line: 3, column: 5, message: 'When `cd /tmp` fails, `tar` still runs, in the wrong folder: chain with `&&`.' },
        { line: 4, column: 37, message: 'When `cd /` fails, `ls` still runs, in the wrong folder: chain with `&&`.' },
        { line: 5, column: 5, message: 'When `pushd /src` fails, `make` still runs, in the wrong folder: chain with `&&`.' },
      ],
      unsafeOutput: source`
        FROM debian:12-slim
        RUN cd /src/app && make install
        RUN cd /tmp && \
            tar -xzf app.tgz && rm app.tgz; cd / && ls
        RUN pushd /src && make; popd
      `,
    },
    {
      name: '|| after the chain: no fix (cd dir && a || b would run b when cd fails); a SHELL without -e',
      code: source`
        FROM debian:12-slim
        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
        RUN cd /src; make || echo failed
      `,
      errors: [{ line: 3, column: 5, fixes: [] }],
    },
    {
      name: 'ONBUILD RUN, a heredoc, and # hadolint ignore=SC2164',
      code: source`
        FROM debian:12-slim
        ONBUILD RUN cd /app; npm ci
        RUN <<EOF
        cd /build
        make
        EOF
        # hadolint ignore=SC2164
        RUN cd /x; ls
      `,
      errors: [
        { line: 2, column: 13, fixes: ['Run the rest only when cd succeeds (cd ... &&); the build then fails where the folder is missing'] },
        { line: 4, column: 1, message: 'When `cd /build` fails, `make` still runs, in the wrong folder: chain with `&&`.', fixes: [] },
      ],
      unsafeOutput: source`
        FROM debian:12-slim
        ONBUILD RUN cd /app && npm ci
        RUN <<EOF
        cd /build
        make
        EOF
        # hadolint ignore=SC2164
        RUN cd /x; ls
      `,
    },
  ],
});

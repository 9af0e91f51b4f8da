import rule from '../../../engine/src/rules/dockerfile/apt-lists-cleanup';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    source`
      FROM debian:12-slim
      RUN apt-get update && apt-get install -y curl \
          && rm -rf /var/lib/apt/lists
    `,
    ...['/var/lib/apt', '/var/lib/apt/', '/var/lib/apt/*', '/var/lib/*', '/var/lib/apt/lists/'].map((target) => ({
      name: `rm of a parent of the lists, or the lists folder: ${target} (issue 16)`,
      code: `FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && apt-get clean && rm -rf /var/cache/apt/* ${target}\n`,
    })),
    { name: 'a builder stage is not shipped', code: source`
      FROM golang:1.25 AS build
      RUN apt-get update && apt-get install -y librdkafka-dev
      FROM debian:12-slim
      COPY --from=build /app /app
    ` },
    { name: 'tmpfs mounts on the apt folders (hadolint DL3009)', code: 'FROM debian:12-slim\nRUN --mount=type=tmpfs,target=/var/cache/apt --mount=type=tmpfs,target=/var/lib/apt apt-get update && apt-get install -y curl\n' },
    { name: 'ONBUILD RUN that removes the lists', code: 'FROM debian:12-slim\nONBUILD RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'cache mount', code: 'FROM debian:12-slim\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl\n' },
    { name: 'a heredoc after a command is its input (a file written), not commands of the RUN', code: source`
      FROM debian:12-slim
      RUN cat <<EOF > /usr/local/bin/setup.sh
      apt-get update && apt-get install -y curl
      EOF
      CMD ["x"]
    ` },
  ],
  invalid: [
    {
      name: 'docker-clean removed earlier: a cache mount on the lists alone leaves the downloaded packages in the layer',
      code: source`
        FROM debian:12-slim
        RUN rm -f /etc/apt/apt.conf.d/docker-clean
        RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl
        RUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y git
      `,
      errors: [{ line: 3, column: 62, endColumn: 77, message: 'With `/etc/apt/apt.conf.d/docker-clean` removed, the downloaded packages stay in `/var/cache/apt` in this layer: mount it as a cache too.', fixes: [] }],
    },
    {
      name: 'ONBUILD RUN runs in the image built on this one: checked even in a stage that is not shipped',
      code: source`
        FROM debian:12-slim AS template
        ONBUILD RUN apt-get update && apt-get install -y curl
        FROM scratch
        COPY --from=template /etc/os-release /
      `,
      errors: [{ line: 2, column: 31, endColumn: 46, fixes: ['Remove the apt lists in the same RUN'] }],
      output: source`
        FROM debian:12-slim AS template
        ONBUILD RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        FROM scratch
        COPY --from=template /etc/os-release /
      `,
    },
    {
      name: 'aptitude fills the same lists; a snippet without FROM is checked',
      code: 'RUN aptitude update && aptitude install -y python\n',
      errors: [{ line: 1, column: 24, endColumn: 40 }],
      output: 'RUN aptitude update && aptitude install -y python && rm -rf /var/lib/apt/lists/*\n',
    },
    ...['/var/lib/apt/lists/partial', '/var/lib/apt/*.bin', 'var/lib/apt/lists/*', '/var/cache/apt/*'].map((target) => ({
      name: `rm of something that is not the lists nor a parent: ${target}`,
      code: `FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && rm -rf ${target}\n`,
      errors: [{ line: 2, column: 23, endColumn: 38, fixes: ['Remove the apt lists in the same RUN'] }],
      output: `FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* && rm -rf ${target}\n`,
    })),
    {
      name: 'appended to the install link, before the following link',
      code: source`
        FROM debian:12-slim
        RUN apt-get update \
            && apt-get install -y curl \
            && apt-get clean
      `,
      errors: [{ line: 3, column: 8, endLine: 3, endColumn: 23, fixes: ['Remove the apt lists in the same RUN'] }],
      output: source`
        FROM debian:12-slim
        RUN apt-get update \
            && apt-get install -y curl && rm -rf /var/lib/apt/lists/* \
            && apt-get clean
      `,
    },
    {
      name: 'a base stage of the final stage is shipped',
      code: source`
        FROM ubuntu:24.04 AS base
        RUN apt-get update && apt-get install -y python3
        FROM base
        CMD ["python3"]
      `,
      errors: [{ line: 2, column: 23 }],
      output: source`
        FROM ubuntu:24.04 AS base
        RUN apt-get update && apt-get install -y python3 && rm -rf /var/lib/apt/lists/*
        FROM base
        CMD ["python3"]
      `,
    },
    {
      name: 'heredoc gets a new line',
      code: source`
        FROM debian:12-slim
        RUN <<EOF
        apt-get update
        apt-get install -y curl
        EOF
      `,
      errors: [{ line: 4, column: 1 }],
      output: source`
        FROM debian:12-slim
        RUN <<EOF
        apt-get update
        apt-get install -y curl
        rm -rf /var/lib/apt/lists/*
        EOF
      `,
    },
    {
      name: 'a heredoc opened after the install: the cleanup goes on the install, the terminator stays alone on its line',
      code: source`
        FROM debian:12-slim
        RUN apt-get update && apt-get install -y curl && cat <<EOF > /etc/motd
        hello
        EOF
      `,
      errors: [{ line: 2, column: 23, endColumn: 38 }],
      output: source`
        FROM debian:12-slim
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* && cat <<EOF > /etc/motd
        hello
        EOF
      `,
    },
    {
      name: 'exec form: reported without a fix',
      code: 'FROM debian:12-slim\nRUN ["apt-get", "install", "-y", "curl"]\n',
      errors: [{ line: 2, column: 6, fixes: [] }],
    },
  ],
});

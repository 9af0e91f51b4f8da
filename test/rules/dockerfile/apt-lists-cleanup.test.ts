import rule from '../../../engine/src/rules/dockerfile/apt-lists-cleanup';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists\n',
    { name: 'a builder stage is not shipped', code: 'FROM golang:1.25 AS build\nRUN apt-get update && apt-get install -y librdkafka-dev\nFROM debian:12-slim\nCOPY --from=build /app /app\n' },
    { name: 'cache mount', code: 'FROM debian:12-slim\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl\n' },
    { name: 'a heredoc after a command is its input (a file written), not commands of the RUN', code: 'FROM debian:12-slim\nRUN cat <<EOF > /usr/local/bin/setup.sh\napt-get update && apt-get install -y curl\nEOF\nCMD ["x"]\n' },
  ],
  invalid: [
    {
      name: 'appended to the install link, before the following link',
      code: 'FROM debian:12-slim\nRUN apt-get update \\\n    && apt-get install -y curl \\\n    && apt-get clean\n',
      errors: [{ line: 3, column: 8, endLine: 3, endColumn: 23, fixes: ['Remove the apt lists in the same RUN'] }],
      output: 'FROM debian:12-slim\nRUN apt-get update \\\n    && apt-get install -y curl && rm -rf /var/lib/apt/lists/* \\\n    && apt-get clean\n',
    },
    {
      name: 'a base stage of the final stage is shipped',
      code: 'FROM ubuntu:24.04 AS base\nRUN apt-get update && apt-get install -y python3\nFROM base\nCMD ["python3"]\n',
      errors: [{ line: 2, column: 23 }],
      output: 'FROM ubuntu:24.04 AS base\nRUN apt-get update && apt-get install -y python3 && rm -rf /var/lib/apt/lists/*\nFROM base\nCMD ["python3"]\n',
    },
    {
      name: 'heredoc gets a new line',
      code: 'FROM debian:12-slim\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n',
      errors: [{ line: 4, column: 1 }],
      output: 'FROM debian:12-slim\nRUN <<EOF\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n',
    },
    {
      name: 'a heredoc opened after the install: the cleanup goes on the install, the terminator stays alone on its line',
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && cat <<EOF > /etc/motd\nhello\nEOF\n',
      errors: [{ line: 2, column: 23, endColumn: 38 }],
      output: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* && cat <<EOF > /etc/motd\nhello\nEOF\n',
    },
    {
      name: 'exec form: reported without a fix',
      code: 'FROM debian:12-slim\nRUN ["apt-get", "install", "-y", "curl"]\n',
      errors: [{ line: 2, column: 6, fixes: [] }],
    },
  ],
});

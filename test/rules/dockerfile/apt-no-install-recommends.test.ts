import rule from '../../../engine/src/rules/dockerfile/apt-no-install-recommends';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12-slim\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n',
    'FROM debian:12-slim\nRUN echo apt-get install curl\n',
    'FROM debian:12-slim\nRUN apt-get update\n',
  ],
  invalid: [
    {
      name: 'the AI server: inserted after -y, continuation layout kept',
      code: source`
        FROM python:3.9.23-slim
        # System dependencies
        RUN apt-get update && apt-get install -y \
            gcc \
            curl \
            && rm -rf /var/lib/apt/lists/*
      `,
      errors: [{ line: 3, column: 23, endLine: 3, endColumn: 38, fixes: ['Add --no-install-recommends'] }],
      output: source`
        FROM python:3.9.23-slim
        # System dependencies
        RUN apt-get update && apt-get install -y --no-install-recommends \
            gcc \
            curl \
            && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'right after install when no option follows; two installs in one RUN',
      code: 'FROM ubuntu:24.04\nRUN apt install curl && apt-get -qq install git\n',
      errors: [{ line: 2, column: 5, endColumn: 16 }, { line: 2, column: 25, endColumn: 44 }],
      output: 'FROM ubuntu:24.04\nRUN apt install --no-install-recommends curl && apt-get -qq install --no-install-recommends git\n',
    },
    {
      name: 'exec form gets a new JSON element',
      code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n',
      errors: [{ line: 2, column: 6, endColumn: 26 }],
      output: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "--no-install-recommends", "curl"]\n',
    },
    {
      name: 'suppressed by hadolint ignore on the line above',
      code: source`
        FROM debian:12
        # hadolint ignore=DL3015
        RUN apt-get install -y curl
        RUN apt-get install -y git
      `,
      errors: [{ line: 4, column: 5 }],
      output: source`
        FROM debian:12
        # hadolint ignore=DL3015
        RUN apt-get install -y curl
        RUN apt-get install -y --no-install-recommends git
      `,
    },
  ],
});

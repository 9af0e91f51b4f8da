import rule from '../../../engine/src/rules/dockerfile/apt-update-alone';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n',
    'FROM debian:12-slim\nRUN apt-get update -qq && apt-get install -y curl\n',
  ],
  invalid: [
    {
      name: 'ONBUILD RUN apt-get update alone is reported, never merged into a RUN of this build',
      code: 'FROM debian:12-slim\nONBUILD RUN apt-get update\nRUN apt-get install -y curl\n',
      errors: [{ line: 2, column: 13, endColumn: 27, fixes: [] }],
    },
    {
      name: 'merged into the next install RUN across COPY and ENV',
      code: source`
        FROM debian:12-slim
        # refresh
        RUN apt-get update
        ENV LANG=C.UTF-8
        RUN apt-get install -y curl \
            && rm -rf /var/lib/apt/lists/*
      `,
      errors: [{ line: 3, column: 5, endColumn: 19, fixes: ['Merge apt-get update into the next install'] }],
      output: source`
        FROM debian:12-slim
        # refresh
        ENV LANG=C.UTF-8
        RUN apt-get update && apt-get install -y curl \
            && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'no install after it: reported without a fix',
      code: source`
        FROM debian:12-slim
        RUN apt-get update
        CMD ["bash"]
      `,
      errors: [{ line: 2, column: 5, fixes: [] }],
    },
    {
      name: 'with other commands in the same RUN: no fix',
      code: source`
        FROM debian:12-slim
        RUN apt-get update && apt-get upgrade -y
        RUN apt-get install -y curl
      `,
      errors: [{ line: 2, column: 5, fixes: [] }],
    },
  ],
});

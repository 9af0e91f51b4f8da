import rule from '../../../engine/src/rules/dockerfile/tls-verification';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nRUN curl -fsSL https://e.x/t.tgz -o /tmp/t.tgz\n',
    'FROM node:22-alpine\nENV NODE_TLS_REJECT_UNAUTHORIZED=1\n',
    'FROM python:3.13-slim\nRUN pip install --no-cache-dir --index-url https://pypi.example.com/simple app\n',
  ],
  invalid: [
    {
      code: source`
        FROM debian:12-slim
        RUN curl -kfsSL https://e.x/a -o a && wget --no-check-certificate https://e.x/b
        RUN git -c http.sslVerify=false clone https://e.x/r.git
      `,
      errors: [
        { line: 2, column: 10, endColumn: 16, severity: 'error' },
        { line: 2, column: 44, endColumn: 66 },
        { line: 3, column: 9, endColumn: 32 },
      ],
    },
    {
      code: source`
        FROM python:3.13-slim
        ENV PYTHONHTTPSVERIFY=0
        RUN pip install --trusted-host pypi.org app && NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci
      `,
      errors: [
        { line: 2, column: 5, endColumn: 24, message: '`PYTHONHTTPSVERIFY=0` switches off TLS certificate verification: anyone on the network path can change what the build downloads.' },
        { line: 3, column: 17, endColumn: 31 },
        { line: 3, column: 48, endColumn: 78 },
      ],
    },
  ],
});

import rule from '../../../engine/src/rules/compose/healthcheck-tool';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n',
    { name: 'alpine has busybox wget', code: 'services:\n  web:\n    image: node:22-alpine\n    healthcheck:\n      test: wget -q --spider http://localhost:3000/ || exit 1\n' },
    { name: 'unknown image: no guess', code: 'services:\n  web:\n    image: example/app:1\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n' },
    { name: 'the Dockerfile installs curl', code: 'services:\n  api:\n    build: .\n    healthcheck:\n      test: ["CMD-SHELL", "curl -f http://localhost:8000/ || exit 1"]\n', files: { Dockerfile: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nCMD ["python", "app.py"]\n' } },
  ],
  invalid: [
    {
      name: 'slim Python image built here: switch to a Python probe, or install curl',
      code: source`
        services:
          api:
            build: .
            healthcheck:
              test:
                - CMD
                - curl
                - -f
                - http://localhost:8000/health
              interval: 30s
      `,
      files: { Dockerfile: 'FROM python:3.12-slim\nCOPY . /app\nUSER nobody\nCMD ["python", "/app/main.py"]\n' },
      errors: [{ line: 6, column: 9, severity: 'warning', message: 'The healthcheck of "api" runs `curl`, which its image does not have: the check always fails.', fixes: ['Probe with Python instead', 'Install curl in Dockerfile'] }],
      output: null,
      unsafeOutput: source`
        services:
          api:
            build: .
            healthcheck:
              test:
                ["CMD", "python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health', timeout=5)"]
              interval: 30s
      `,
    },
    {
      name: 'image only: redis has neither curl nor wget, and no URL runtime: reported without a fix',
      code: 'services:\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD-SHELL", "nc -z localhost 6379"]\n',
      errors: [{ line: 5, column: 13, fixes: [] }],
    },
    {
      name: 'wget on a Debian-based image with curl: switch to curl',
      code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost/"] # probe\n',
      errors: [{ line: 5, column: 13, fixes: ['Probe with curl instead'] }],
      output: null,
      unsafeOutput: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"] # probe\n',
    },
    {
      name: 'alpine-based Dockerfile without curl and no runtime: install it',
      code: 'services:\n  web:\n    build: ./web\n    healthcheck:\n      test: curl -f http://localhost:80/ || exit 1\n',
      files: { 'web/Dockerfile': 'FROM alpine:3.20\nCOPY app /app\nCMD ["/app"]\n' },
      errors: [{ line: 5, column: 13, fixes: ['Probe with wget instead', 'Install curl in Dockerfile'] }],
      output: null,
      unsafeOutput: 'services:\n  web:\n    build: ./web\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost:80/"]\n',
    },
    {
      name: 'the Dockerfile ends in an unterminated heredoc (its body to the end of the file): no install is offered',
      code: 'services:\n  web:\n    build: ./web\n    healthcheck:\n      test: curl -f http://localhost:80/ || exit 1\n',
      files: { 'web/Dockerfile': 'FROM alpine:3.20\nCOPY app /app\nRUN <<EOF\nmake\n' },
      errors: [{ line: 5, column: 13, fixes: ['Probe with wget instead'] }],
      output: null,
      unsafeOutput: 'services:\n  web:\n    build: ./web\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost:80/"]\n',
    },
  ],
});

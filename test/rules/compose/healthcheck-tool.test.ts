import rule from '../../../engine/src/rules/compose/healthcheck-tool';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      services:
        web:
          image: nginx:1.27
          healthcheck:
            test: ["CMD", "curl", "-f", "http://localhost/"]
    `,
    { name: 'alpine has busybox wget', code: source`
      services:
        web:
          image: node:22-alpine
          healthcheck:
            test: wget -q --spider http://localhost:3000/ || exit 1
    ` },
    { name: 'unknown image: no guess', code: source`
      services:
        web:
          image: example/app:1
          healthcheck:
            test: ["CMD", "curl", "-f", "http://localhost/"]
    ` },
    { name: 'the Dockerfile installs curl', code: source`
      services:
        api:
          build: .
          healthcheck:
            test: ["CMD-SHELL", "curl -f http://localhost:8000/ || exit 1"]
    `, files: { Dockerfile: source`
      FROM python:3.12-slim
      RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
      CMD ["python", "app.py"]
    ` } },
    { name: 'a tool the knowledge base lists as unverified (no source says either way) is not known to be missing', code: source`
      services:
        kafka:
          image: confluentinc/cp-kafka:7.6.1
          healthcheck:
            test: ["CMD-SHELL", "nc -z localhost 9092"]
    ` },
    { name: 'unverified in the base image, not installed by the Dockerfile: still unknown', code: source`
      services:
        auth:
          build: .
          healthcheck:
            test: ["CMD", "wget", "-q", "--spider", "http://localhost:8080/"]
    `, files: { Dockerfile: source`
      FROM quay.io/keycloak/keycloak:26.1
      CMD ["start"]
    ` } },
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
      files: { Dockerfile: source`
        FROM python:3.12-slim
        COPY . /app
        USER nobody
        CMD ["python", "/app/main.py"]
      ` },
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
      code: source`
        services:
          cache:
            image: redis:7
            healthcheck:
              test: ["CMD-SHELL", "nc -z localhost 6379"]
      `,
      errors: [{ line: 5, column: 13, fixes: [] }],
    },
    {
      name: 'wget on a Debian-based image with curl: switch to curl',
      code: source`
        services:
          web:
            image: nginx:1.27
            healthcheck:
              test: ["CMD", "wget", "-q", "--spider", "http://localhost/"] # probe
      `,
      errors: [{ line: 5, column: 13, fixes: ['Probe with curl instead'] }],
      output: null,
      unsafeOutput: source`
        services:
          web:
            image: nginx:1.27
            healthcheck:
              test: ["CMD", "curl", "-f", "http://localhost/"] # probe
      `,
    },
    {
      name: 'alpine-based Dockerfile without curl and no runtime: install it',
      code: source`
        services:
          web:
            build: ./web
            healthcheck:
              test: curl -f http://localhost:80/ || exit 1
      `,
      files: { 'web/Dockerfile': source`
        FROM alpine:3.20
        COPY app /app
        CMD ["/app"]
      ` },
      errors: [{ line: 5, column: 13, fixes: ['Probe with wget instead', 'Install curl in Dockerfile'] }],
      output: null,
      unsafeOutput: source`
        services:
          web:
            build: ./web
            healthcheck:
              test: ["CMD", "wget", "-q", "--spider", "http://localhost:80/"]
      `,
    },
    {
      name: 'the Dockerfile ends in an unterminated heredoc (its body to the end of the file): no install is offered',
      code: source`
        services:
          web:
            build: ./web
            healthcheck:
              test: curl -f http://localhost:80/ || exit 1
      `,
      files: { 'web/Dockerfile': source`
        FROM alpine:3.20
        COPY app /app
        RUN <<EOF
        make
      ` },
      errors: [{ line: 5, column: 13, fixes: ['Probe with wget instead'] }],
      output: null,
      unsafeOutput: source`
        services:
          web:
            build: ./web
            healthcheck:
              test: ["CMD", "wget", "-q", "--spider", "http://localhost:80/"]
      `,
    },
  ],
});

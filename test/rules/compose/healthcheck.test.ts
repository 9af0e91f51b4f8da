import rule from '../../../engine/src/rules/compose/healthcheck';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    {
      name: 'the stage the service builds (build.target) has a HEALTHCHECK; the last stage, not built, has none',
      code: 'services:\n  api:\n    build:\n      context: .\n      target: app\n',
      files: { Dockerfile: 'FROM python:3.12-alpine AS app\nHEALTHCHECK CMD wget -q --spider http://localhost:8000/ || exit 1\nCMD ["python3", "app.py"]\nFROM alpine:3.20 AS tools\nRUN apk add git\n' },
    },
    source`
      services:
        redis:
          image: redis:7-alpine
          healthcheck:
            test: ["CMD", "redis-cli", "ping"]
    `,
    { name: 'healthcheck disabled', code: source`
      services:
        job:
          image: busybox:1.36
          healthcheck:
            disable: true
    ` },
    { name: 'inherited through a merge key', code: source`
      x-health: &health
        healthcheck:
          test: ["CMD", "true"]
      services:
        web:
          <<: *health
          image: nginx:1.27
    ` },
    { name: 'the Dockerfile has a HEALTHCHECK', code: source`
      services:
        api:
          build: ./api
    `, files: { 'api/Dockerfile': 'FROM python:3.12-slim\nHEALTHCHECK CMD python -c "print(1)"\nCMD ["python", "app.py"]\n' } },
    { name: 'half-typed service without image or build', code: 'services:\n  web:\n    ports: ["80:80"]\n' },
  ],
  invalid: [
    {
      name: 'redis gets redis-cli ping',
      code: source`
        services:
          # cache
          redis:
            image: redis:7-alpine # pinned
            ports:
              - "6379:6379"
          other:
            image: nginx:1.27
            healthcheck:
              test: ["CMD", "true"]
      `,
      errors: [{ line: 3, column: 3, endLine: 3, endColumn: 8, severity: 'warning', fixes: ['Add a healthcheck (redis-cli ping)'] }],
      output: source`
        services:
          # cache
          redis:
            image: redis:7-alpine # pinned
            ports:
              - "6379:6379"
            healthcheck:
              test: ["CMD", "redis-cli", "ping"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
          other:
            image: nginx:1.27
            healthcheck:
              test: ["CMD", "true"]
      `,
    },
    {
      name: 'postgres gets pg_isready with $$ escaping, 4-space indentation kept',
      code: 'services:\n    db:\n        image: postgres:16\n',
      errors: [{ line: 2, column: 5 }],
      output: 'services:\n    db:\n        image: postgres:16\n        healthcheck:\n            test: ["CMD-SHELL", "pg_isready -U \\"$${POSTGRES_USER:-postgres}\\" -d \\"$${POSTGRES_DB:-postgres}\\""]\n            interval: 30s\n            timeout: 10s\n            retries: 3\n            start_period: 30s\n',
    },
    {
      name: 'mysql',
      code: 'services:\n  db:\n    image: mysql:8.4\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  db:\n    image: mysql:8.4\n    healthcheck:\n      test: ["CMD-SHELL", "mysqladmin ping -h 127.0.0.1 --silent"]\n      interval: 30s\n      timeout: 10s\n      retries: 3\n      start_period: 30s\n',
    },
    {
      name: 'built Python service without curl gets a Python HTTP probe on its EXPOSEd port',
      code: 'services:\n  ai:\n    build:\n      context: ./ai\n',
      files: { 'ai/Dockerfile': 'FROM python:3.9-slim\nEXPOSE 9999\nCMD ["python", "-m", "app"]\n' },
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (HTTP probe on port 9999 with Python)'] }],
      output: 'services:\n  ai:\n    build:\n      context: ./ai\n    healthcheck:\n      test: ["CMD", "python", "-c", "import urllib.request; urllib.request.urlopen(\'http://localhost:9999/\', timeout=5)"]\n      interval: 30s\n      timeout: 10s\n      retries: 3\n      start_period: 30s\n',
    },
    {
      name: 'built service that installs curl uses curl on the published container port',
      code: 'services:\n  api:\n    build: ./api\n    ports:\n      - "8080:2030"\n',
      files: { 'api/Dockerfile': 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nCMD ["/app"]\n' },
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (HTTP probe on port 2030 with curl)'] }],
      output: 'services:\n  api:\n    build: ./api\n    ports:\n      - "8080:2030"\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:2030/"]\n      interval: 30s\n      timeout: 10s\n      retries: 3\n      start_period: 30s\n',
    },
    {
      name: 'built service: the HTTP probe asks the health route its source declares (dependencies and dot-folders are not read)',
      code: 'services:\n  api:\n    build: ./api\n',
      files: {
        'api/Dockerfile': 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD ["node", "src/server.js"]\n',
        'api/src/server.js': "app.get('/status', status);\napp.get(\"/health\", (req, res) => res.send('ok'));\nfetch('http://other:8080/healthz');\n",
        'api/node_modules/framework/index.js': "router.get('/healthz', probe);\n",
        'api/.cache/old.js': "app.get('/healthz', probe);\n",
        'api/README.md': 'Probe it at "/healthz".\n',
      },
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (HTTP probe of /health on port 3000 with wget)'] }],
      output: 'services:\n  api:\n    build: ./api\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost:3000/health"]\n      interval: 30s\n      timeout: 10s\n      retries: 3\n      start_period: 30s\n',
    },
    {
      name: 'defaults.healthcheck.path of the config wins over the source',
      code: 'services:\n  api:\n    build: ./api\n',
      files: {
        'api/Dockerfile': 'FROM node:22-alpine\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
        'api/server.js': "app.get('/health', ok);\n",
      },
      defaults: { healthcheck: { path: '/-/ready' } },
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (HTTP probe of /-/ready on port 3000 with wget)'] }],
      output: 'services:\n  api:\n    build: ./api\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost:3000/-/ready"]\n      interval: 30s\n      timeout: 10s\n      retries: 3\n      start_period: 30s\n',
    },
    {
      name: 'unknown image without a port: reported, no fix',
      code: 'services:\n  tool:\n    image: example/tool:1.0\n',
      errors: [{ line: 2, column: 3, fixes: [] }],
    },
    {
      name: 'CRLF line breaks are kept',
      code: 'services:\r\n  cache:\r\n    image: redis:7\r\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\r\n  cache:\r\n    image: redis:7\r\n    healthcheck:\r\n      test: ["CMD", "redis-cli", "ping"]\r\n      interval: 30s\r\n      timeout: 10s\r\n      retries: 3\r\n      start_period: 30s\r\n',
    },
    {
      name: 'suppressed for one service only',
      code: 'services:\n  # docker-harden-ignore compose/healthcheck\n  a:\n    image: redis:7\n  b:\n    image: redis:7\n',
      errors: [{ line: 5, column: 3 }],
      output: 'services:\n  # docker-harden-ignore compose/healthcheck\n  a:\n    image: redis:7\n  b:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n      interval: 30s\n      timeout: 10s\n      retries: 3\n      start_period: 30s\n',
    },
    {
      name: 'nginx alpine variant: the image probe uses the busybox wget it has',
      code: 'services:\n  web:\n    image: nginx:1.27-alpine\n',
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (wget -q --spider http://localhost/)'] }],
      output: 'services:\n  web:\n    image: nginx:1.27-alpine\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost/"]\n      interval: 30s\n      timeout: 10s\n      retries: 3\n      start_period: 30s\n',
    },
    {
      name: 'grafana, prometheus and elasticsearch probes from the image table',
      code: 'services:\n  g:\n    image: grafana/grafana:11.1.0\n  p:\n    image: prom/prometheus:v2.53.0\n',
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (wget -q --spider http://localhost:3000/api/health)'] }, { line: 4, column: 3, fixes: ['Add a healthcheck (wget -q --spider http://localhost:9090/-/healthy)'] }],
      output: 'services:\n  g:\n    image: grafana/grafana:11.1.0\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost:3000/api/health"]\n      interval: 30s\n      timeout: 10s\n      retries: 3\n      start_period: 30s\n  p:\n    image: prom/prometheus:v2.53.0\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost:9090/-/healthy"]\n      interval: 30s\n      timeout: 10s\n      retries: 3\n      start_period: 30s\n',
    },
  ],
});

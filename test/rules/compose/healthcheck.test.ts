import rule from '../../../engine/src/rules/compose/healthcheck';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    {
      name: 'an image with its own HEALTHCHECK in the knowledge base (mattermost) needs none',
      code: source`
        services:
          chat:
            image: mattermost/mattermost-team-edition:9.11
      `,
    },
    {
      name: 'the stage the service builds (build.target) has a HEALTHCHECK; the last stage, not built, has none',
      code: source`
        services:
          api:
            build:
              context: .
              target: app
      `,
      files: { Dockerfile: source`
        FROM python:3.12-alpine AS app
        HEALTHCHECK CMD wget -q --spider http://127.0.0.1:8000/ || exit 1
        CMD ["python3", "app.py"]
        FROM alpine:3.20 AS tools
        RUN apk add git
      ` },
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
    `, files: { 'api/Dockerfile': source`
      FROM python:3.12-slim
      HEALTHCHECK CMD python -c "print(1)"
      CMD ["python", "app.py"]
    ` } },
    { name: 'half-typed service without image or build', code: source`
      services:
        web:
          ports: ["80:80"]
    ` },
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
      code: source`
        services:
            db:
                image: postgres:16
      `,
      errors: [{ line: 2, column: 5 }],
      output: source`
        services:
            db:
                image: postgres:16
                healthcheck:
                    test: ["CMD-SHELL", "pg_isready -U \"$\${POSTGRES_USER:-postgres}\" -d \"$\${POSTGRES_DB:-postgres}\""]
                    interval: 30s
                    timeout: 10s
                    retries: 3
                    start_period: 30s
      `,
    },
    {
      name: 'mysql',
      code: source`
        services:
          db:
            image: mysql:8.4
      `,
      errors: [{ line: 2, column: 3 }],
      output: source`
        services:
          db:
            image: mysql:8.4
            healthcheck:
              test: ["CMD-SHELL", "mysqladmin ping -h 127.0.0.1 --silent"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
    {
      name: 'built Python service without curl gets a Python HTTP probe on its EXPOSEd port',
      code: source`
        services:
          ai:
            build:
              context: ./ai
      `,
      files: { 'ai/Dockerfile': source`
        FROM python:3.9-slim
        EXPOSE 9999
        CMD ["python", "-m", "app"]
      ` },
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (HTTP probe on port 9999 with Python) (verify: `/` answers with a 2xx status)'] }],
      unsafeOutput: source`
        services:
          ai:
            build:
              context: ./ai
            healthcheck:
              test: ["CMD", "python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9999/', timeout=5)"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
    {
      name: 'built service that installs curl uses curl on the published container port',
      code: source`
        services:
          api:
            build: ./api
            ports:
              - "8080:2030"
      `,
      files: { 'api/Dockerfile': source`
        FROM debian:12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
        CMD ["/app"]
      ` },
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (HTTP probe on port 2030 with curl) (verify: `/` answers with a 2xx status)'] }],
      unsafeOutput: source`
        services:
          api:
            build: ./api
            ports:
              - "8080:2030"
            healthcheck:
              test: ["CMD", "curl", "-f", "http://127.0.0.1:2030/"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
    {
      name: 'built service: the HTTP probe asks the health route its source declares (dependencies and dot-folders are not read)',
      code: source`
        services:
          api:
            build: ./api
      `,
      files: {
        'api/Dockerfile': source`
          FROM node:22-alpine
          WORKDIR /app
          COPY . .
          EXPOSE 3000
          CMD ["node", "src/server.js"]
        `,
        'api/src/server.js': source`
          app.get('/status', status);
          app.get("/health", (req, res) => res.send('ok'));
          fetch('http://other:8080/healthz');
        `,
        'api/node_modules/framework/index.js': "router.get('/healthz', probe);\n",
        'api/.cache/old.js': "app.get('/healthz', probe);\n",
        'api/README.md': 'Probe it at "/healthz".\n',
      },
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (HTTP probe of /health on port 3000 with wget)'] }],
      output: source`
        services:
          api:
            build: ./api
            healthcheck:
              test: ["CMD", "wget", "-q", "--spider", "http://127.0.0.1:3000/health"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
    {
      name: 'a build that services run with different commands (API and a dev server): the route the source registers is not evidence for each',
      code: source`
        services:
          front:
            build: .
            command: ["npm", "run", "dev"]
            ports:
              - "8080:8080"
          api:
            build: .
            command: ["node", "src/server.js"]
            ports:
              - "3000:3000"
      `,
      files: {
        Dockerfile: source`
          FROM node:22-alpine
          WORKDIR /app
          COPY . .
          CMD ["node", "src/server.js"]
        `,
        'src/server.js': "app.get('/health', (req, res) => res.send('ok'));\n",
      },
      errors: [
        { line: 2, column: 3, fixes: ['Add a healthcheck (HTTP probe of /health on port 8080 with wget) (verify: `/health` is a route of what the command of "front" runs (other services run this build with other commands))'] },
        { line: 7, column: 3, fixes: ['Add a healthcheck (HTTP probe of /health on port 3000 with wget) (verify: `/health` is a route of what the command of "api" runs (other services run this build with other commands))'] },
      ],
      output: null,
      unsafeOutput: source`
        services:
          front:
            build: .
            command: ["npm", "run", "dev"]
            ports:
              - "8080:8080"
            healthcheck:
              test: ["CMD", "wget", "-q", "--spider", "http://127.0.0.1:8080/health"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
          api:
            build: .
            command: ["node", "src/server.js"]
            ports:
              - "3000:3000"
            healthcheck:
              test: ["CMD", "wget", "-q", "--spider", "http://127.0.0.1:3000/health"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
    {
      name: 'defaults.healthcheck.path of the config wins over the source',
      code: source`
        services:
          api:
            build: ./api
      `,
      files: {
        'api/Dockerfile': source`
          FROM node:22-alpine
          EXPOSE 3000
          CMD ["node", "server.js"]
        `,
        'api/server.js': "app.get('/health', ok);\n",
      },
      defaults: { healthcheck: { path: '/-/ready' } },
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (HTTP probe of /-/ready on port 3000 with wget)'] }],
      output: source`
        services:
          api:
            build: ./api
            healthcheck:
              test: ["CMD", "wget", "-q", "--spider", "http://127.0.0.1:3000/-/ready"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
    {
      name: 'unknown image without a port: reported, no fix',
      code: source`
        services:
          tool:
            image: example/tool:1.0
      `,
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
      code: source`
        services:
          # docker-harden-ignore compose/healthcheck
          a:
            image: redis:7
          b:
            image: redis:7
      `,
      errors: [{ line: 5, column: 3 }],
      output: source`
        services:
          # docker-harden-ignore compose/healthcheck
          a:
            image: redis:7
          b:
            image: redis:7
            healthcheck:
              test: ["CMD", "redis-cli", "ping"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
    {
      name: 'nginx alpine variant: the image probe uses the busybox wget it has',
      code: source`
        services:
          web:
            image: nginx:1.27-alpine
      `,
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (wget -q --spider http://127.0.0.1/)'] }],
      output: source`
        services:
          web:
            image: nginx:1.27-alpine
            healthcheck:
              test: ["CMD", "wget", "-q", "--spider", "http://127.0.0.1/"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
    {
      name: 'grafana, prometheus and elasticsearch probes from the image table',
      code: source`
        services:
          g:
            image: grafana/grafana:11.1.0
          p:
            image: prom/prometheus:v2.53.0
      `,
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (wget -q --spider http://127.0.0.1:3000/api/health)'] }, { line: 4, column: 3, fixes: ['Add a healthcheck (wget -q --spider http://127.0.0.1:9090/-/healthy)'] }],
      output: source`
        services:
          g:
            image: grafana/grafana:11.1.0
            healthcheck:
              test: ["CMD", "wget", "-q", "--spider", "http://127.0.0.1:3000/api/health"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
          p:
            image: prom/prometheus:v2.53.0
            healthcheck:
              test: ["CMD", "wget", "-q", "--spider", "http://127.0.0.1:9090/-/healthy"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
      {
      name: 'memcached alpine has no bash: its probe uses the busybox nc it has',
      code: source`
        services:
          cache:
            image: memcached:1.6-alpine
      `,
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (echo stats | nc -w 2 127.0.0.1 11211 | grep -q uptime)'] }],
      output: source`
        services:
          cache:
            image: memcached:1.6-alpine
            healthcheck:
              test: ["CMD-SHELL", "echo stats | nc -w 2 127.0.0.1 11211 | grep -q uptime"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
    {
      name: 'nginx-unprivileged listens on 8080, not 80',
      code: source`
        services:
          web:
            image: nginxinc/nginx-unprivileged:1.27-alpine
      `,
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (wget -q --spider http://127.0.0.1:8080/)'] }],
      output: source`
        services:
          web:
            image: nginxinc/nginx-unprivileged:1.27-alpine
            healthcheck:
              test: ["CMD", "wget", "-q", "--spider", "http://127.0.0.1:8080/"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
    {
      name: 'an image of another namespace is unknown (someone/redis is not redis): no fix',
      code: source`
        services:
          cache:
            image: someone/redis:7.2
      `,
      errors: [{ line: 2, column: 3, fixes: [] }],
    },
    {
      name: 'bitnami/redis is its own family (USER 1001, a password by default, bash): a TCP probe on its port, not redis-cli ping',
      code: source`
        services:
          cache:
            image: bitnami/redis:7.2
      `,
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (TCP probe on port 6379 with bash)'] }],
      output: source`
        services:
          cache:
            image: bitnami/redis:7.2
            healthcheck:
              test: ["CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/6379"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
    {
      name: 'traefik\'s probe needs ping, which its command does not turn on: unsafe, and the title says what to verify',
      code: source`
        services:
          proxy:
            image: traefik:3.6
            command:
              - --providers.docker
              - --entrypoints.http.address=:80
      `,
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (traefik healthcheck --ping) (verify: "proxy" has ping turned on (`--ping` in its command, or TRAEFIK_PING=true))'] }],
      output: null,
      unsafeOutput: source`
        services:
          proxy:
            image: traefik:3.6
            command:
              - --providers.docker
              - --entrypoints.http.address=:80
            healthcheck:
              test: ["CMD", "traefik", "healthcheck", "--ping"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
    {
      name: 'traefik with --ping in its command: the probe has its evidence',
      code: source`
        services:
          proxy:
            image: traefik:3.6
            command: ["--ping", "--entrypoints.web.address=:8000"]
      `,
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (traefik healthcheck --ping)'] }],
      output: source`
        services:
          proxy:
            image: traefik:3.6
            command: ["--ping", "--entrypoints.web.address=:8000"]
            healthcheck:
              test: ["CMD", "traefik", "healthcheck", "--ping"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
    {
      name: 'keycloak with KC_HEALTH_ENABLED=true: its health probe has its evidence',
      code: source`
        services:
          auth:
            image: quay.io/keycloak/keycloak:26.1
            environment:
              KC_HEALTH_ENABLED: "true"
      `,
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (exec 3<>/dev/tcp/127.0.0.1/9000 && printf \'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n\' >&3 && grep -q \'200 OK\' <&3)'] }],
      output: source`
        services:
          auth:
            image: quay.io/keycloak/keycloak:26.1
            environment:
              KC_HEALTH_ENABLED: "true"
            healthcheck:
              test: ["CMD-SHELL", "exec 3<>/dev/tcp/127.0.0.1/9000 && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && grep -q '200 OK' <&3"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 90s
      `,
    },
    {
      name: 'a command that sets a port: the image probe is unsafe and says what to verify',
      code: source`
        services:
          cache:
            image: redis:7
            command: ["redis-server", "--port", "6380"]
      `,
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (redis-cli ping) (verify: the command of "cache" keeps redis\'s default listener)'] }],
      output: null,
      unsafeOutput: source`
        services:
          cache:
            image: redis:7
            command: ["redis-server", "--port", "6380"]
            healthcheck:
              test: ["CMD", "redis-cli", "ping"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
    {
      name: 'a built image with no HTTP client but bash: a TCP probe on the EXPOSEd port, safe',
      code: source`
        services:
          api:
            build: ./api
      `,
      files: { 'api/Dockerfile': source`
        FROM debian:bookworm-slim
        EXPOSE 7000
        CMD ["/app"]
      ` },
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (TCP probe on port 7000 with bash)'] }],
      output: source`
        services:
          api:
            build: ./api
            healthcheck:
              test: ["CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/7000"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 30s
      `,
    },
      {
      name: 'another compose file of the project probes the same build: its probe (route and port the app answers) is the evidence',
      code: source`
        services:
          api:
            build: ./api
      `,
      files: {
        'api/Dockerfile': 'FROM node:22\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
        'docker-compose.prod.yml': 'services:\n  backend:\n    build: ./api\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://127.0.0.1:3000/api/health"]\n      start_period: 20s\n',
      },
      errors: [{ line: 2, column: 3, fixes: ['Add a healthcheck (the probe docker-compose.prod.yml gives "backend")'] }],
      output: source`
        services:
          api:
            build: ./api
            healthcheck:
              test: ["CMD", "curl", "-f", "http://127.0.0.1:3000/api/health"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 20s
      `,
    },
  ],
});

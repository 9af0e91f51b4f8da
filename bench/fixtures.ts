/**
 * Deterministic benchmark fixtures, written to a temporary folder at bench time (never committed): a trivial
 * compose file, a realistic 5-service project, a 500-service file of about 10,000 lines, 200 separate projects, and
 * 1, 2 and 4 MB files of two shapes (many services; one map with very many keys).
 * Everything is derived from indexes, so two runs lint byte-identical files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Fixtures {
  root: string;
  trivial: string;
  realistic: string;
  big: string;
  many: string[];
  /** 1, 2 and 4 MB files of each large shape (written by writeLargeFixtures). */
  large: LargeFixture[];
}

export interface LargeFixture {
  shape: 'services' | 'one map';
  megabytes: number;
  path: string;
  /** Services, or keys of the one big map. */
  count: number;
}

const IMAGES = [
  'nginx:1.27',
  'redis:7-alpine',
  'postgres:16',
  'node:20-alpine',
  'python:3.12-slim',
  'grafana/grafana:11.0.0',
  'prom/prometheus:v2.53.0',
  'rabbitmq:3.13-management',
  'busybox:latest',
  'mongo:7',
  'traefik:v3.1',
  'ghcr.io/example/api',
];

const API_DOCKERFILE = `FROM node:20-alpine
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .
EXPOSE 3000
CMD node server.js
`;

function pad(n: number, width = 3): string {
  return String(n).padStart(width, '0');
}

export const TRIVIAL = `services:
  web:
    image: nginx:1.27
`;

/** A typical small application: a proxy, an API built from a Dockerfile, a worker, a database and a cache. */
export function realisticCompose(variant = 0): string {
  const p = 8000 + variant;
  return `# Project ${variant}: web front, API, background worker, database and cache.
version: "3.8"

services:
  web:
    image: nginx:1.27
    ports:
      - "${p}:80" # public entry point
    volumes:
      - ./nginx.conf:/etc/nginx/nginx.conf:ro
    depends_on:
      - api

  api:
    build: ./api
    environment:
      NODE_ENV: production
      DATABASE_URL: postgres://app@db:5432/app
      JWT_SECRET: \${JWT_SECRET}
      REDIS_URL: redis://cache:6379
    ports:
      - "${p + 1000}:3000"
    depends_on:
      - db
      - cache

  worker:
    build:
      context: ./api
      dockerfile: Dockerfile
    command: ["node", "worker.js"]
    environment:
      - QUEUE=default
      - CONCURRENCY=${(variant % 4) + 1}
    depends_on:
      db:
        condition: service_started

  db:
    image: postgres:16
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: example-${variant}
      POSTGRES_DB: app
    volumes:
      - db-data:/var/lib/postgresql/data
    ports:
      - "${p + 2000}:5432"

  cache:
    image: redis:7-alpine
    command: ["redis-server", "--appendonly", "yes"]
    volumes:
      - cache-data:/data

volumes:
  db-data:
  cache-data:
`;
}

/** One service of the big file: about 18 lines, varied by index, with the usual mix of problems and good practice. */
function bigService(i: number): string {
  const name = `svc-${pad(i, 4)}`;
  const image = IMAGES[i % IMAGES.length];
  const lines = [`  ${name}:`];
  if (i % 25 === 3) lines.push('    build: ./app');
  else lines.push(`    image: ${image}${i % 10 === 0 ? ' # pinned by the platform team' : ''}`);
  if (i % 3 === 0) lines.push('    restart: unless-stopped');
  lines.push('    environment:', `      APP_NAME: ${name}`, `      LOG_LEVEL: ${['info', 'debug', 'warn'][i % 3]}`);
  if (i % 6 === 1) lines.push(`      API_TOKEN: \${API_TOKEN_${i}}`);
  if (i > 0) lines.push(`      UPSTREAM: http://svc-${pad(i - 1, 4)}:8080`);
  lines.push('    ports:', `      - "${20000 + i}:8080"`);
  lines.push('    volumes:', `      - data-${pad(i, 4)}:/var/lib/data`);
  if (i > 0) lines.push('    depends_on:', `      - svc-${pad(i - 1, 4)}`);
  lines.push('    labels:', `      com.example.team: team-${i % 7}`);
  lines.push('    networks:', `      - ${i % 2 ? 'backend' : 'frontend'}`);
  if (i % 5 === 0) {
    lines.push('    healthcheck:', '      test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]', '      interval: 30s');
  }
  if (i % 7 === 0) {
    lines.push('    deploy:', '      resources:', '        limits:', '          memory: 256M', '          cpus: "0.5"');
  }
  if (i % 4 === 0) {
    lines.push('    logging:', '      driver: json-file', '      options:', '        max-size: "10m"', '        max-file: "3"');
  }
  return lines.join('\n');
}

export function bigCompose(services = 500): string {
  const parts = [`# A generated ${services}-service stack for the benchmark.`, 'services:'];
  for (let i = 0; i < services; i++) parts.push(bigService(i));
  parts.push('', 'networks:', '  frontend:', '  backend:', '', 'volumes:');
  for (let i = 0; i < services; i++) parts.push(`  data-${pad(i, 4)}:`);
  return `${parts.join('\n')}\n`;
}

/** The big file's services, as many as fit in `bytes` (about 400 bytes each). */
export function servicesOfSize(bytes: number): { text: string; count: number } {
  let count = Math.max(1, Math.floor(bytes / 400));
  let text = bigCompose(count);
  count = Math.max(1, Math.floor((count * bytes) / text.length));
  text = bigCompose(count);
  while (text.length > bytes && count > 1) text = bigCompose(--count);
  return { text, count };
}

/** One service whose `environment` map has as many keys as fit in `bytes`: the shape yaml's duplicate-key check was quadratic on. */
export function oneMapOfSize(bytes: number): { text: string; count: number } {
  const head = 'services:\n  app:\n    image: node:20-alpine\n    restart: unless-stopped\n    environment:\n';
  const lines: string[] = [];
  let size = head.length;
  for (let i = 0; ; i++) {
    const line = `      SETTING_${pad(i, 7)}: value-${i}\n`;
    if (size + line.length > bytes) break;
    lines.push(line);
    size += line.length;
  }
  return { text: head + lines.join(''), count: lines.length };
}

function write(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function writeProject(dir: string, variant: number): string {
  const compose = path.join(dir, 'compose.yaml');
  write(compose, realisticCompose(variant));
  write(path.join(dir, 'api/Dockerfile'), API_DOCKERFILE);
  write(path.join(dir, 'nginx.conf'), 'events {}\nhttp { server { listen 80; } }\n');
  return compose;
}

export function writeFixtures(root: string, manyCount = 200): Fixtures {
  fs.mkdirSync(root, { recursive: true });
  const trivial = path.join(root, 'trivial/compose.yaml');
  write(trivial, TRIVIAL);
  const realistic = writeProject(path.join(root, 'realistic'), 0);
  const big = path.join(root, 'big/compose.yaml');
  write(big, bigCompose());
  write(path.join(root, 'big/app/Dockerfile'), API_DOCKERFILE);
  const many: string[] = [];
  for (let i = 0; i < manyCount; i++) many.push(writeProject(path.join(root, `many/project-${pad(i)}`), i + 1));
  return { root, trivial, realistic, big, many, large: [] };
}

export const LARGE_MEGABYTES = [1, 2, 4];

/** The large files, each in a folder of its own (with the Dockerfile the big file's `build: ./app` services use). */
export function writeLargeFixtures(root: string): LargeFixture[] {
  const large: LargeFixture[] = [];
  for (const [shape, make] of [['services', servicesOfSize], ['one map', oneMapOfSize]] as const) {
    for (const megabytes of LARGE_MEGABYTES) {
      const dir = path.join(root, `large/${shape.replace(' ', '-')}-${megabytes}mb`);
      const { text, count } = make(megabytes * 1024 * 1024);
      write(path.join(dir, 'compose.yaml'), text);
      write(path.join(dir, 'app/Dockerfile'), API_DOCKERFILE);
      large.push({ shape, megabytes, path: path.join(dir, 'compose.yaml'), count });
    }
  }
  return large;
}

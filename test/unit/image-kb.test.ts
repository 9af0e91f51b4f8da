/**
 * The tag-aware image knowledge base (engine/src/knowledge/kb.ts): resolution of image references to family and
 * variant, the shape of every entry (sources, probes that only use the variant's tools), and the age of the data.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allImageKnowledge, flavorOf, interpolateDefaults, isDatastoreImage, resolveImage, type ImageKnowledge } from '../../engine/src/knowledge/kb';

type Expect = Partial<Pick<ImageKnowledge, 'family' | 'variant' | 'os' | 'user' | 'nonRootUser' | 'dropsPrivileges' | 'ports'>> & {
  tools?: Partial<ImageKnowledge['tools']>;
  fileEnv?: string[];
};

const CASES: [string, Expect | undefined][] = [
  ['postgres', { family: 'postgres', variant: 'debian', os: 'debian', ports: [5432], nonRootUser: 'postgres', dropsPrivileges: 'gosu', tools: { bash: true, curl: false, wget: false } }],
  ['postgres:16', { family: 'postgres', variant: 'debian' }],
  ['postgres:16-bookworm', { family: 'postgres', variant: 'debian' }],
  ['docker.io/library/postgres:16', { family: 'postgres', variant: 'debian' }],
  ['postgres:16-alpine', { family: 'postgres', variant: 'alpine', os: 'alpine', tools: { bash: true, wget: 'busybox', curl: false }, fileEnv: ['POSTGRES_DB_FILE', 'POSTGRES_INITDB_ARGS_FILE', 'POSTGRES_PASSWORD_FILE', 'POSTGRES_USER_FILE'] }],
  ['postgres:16.4-alpine3.20', { family: 'postgres', variant: 'alpine' }],
  ['postgres:16-alpine@sha256:0123456789abcdef', { family: 'postgres', variant: 'alpine' }],
  ['postgres:${PG_TAG:-16-alpine}', { family: 'postgres', variant: 'alpine' }],
  ['postgres:${PG_TAG}', undefined],
  ['postgres:16-unknownflavor', undefined],
  ['python:3.12-slim-bookworm', { family: 'python', variant: 'slim', tools: { python: true, curl: false, wget: false, bash: true } }],
  ['python:3.12', { family: 'python', variant: 'debian', tools: { python: true, curl: true, wget: 'gnu' } }],
  ['python:3.13-alpine', { family: 'python', variant: 'alpine', tools: { bash: false, wget: 'busybox', python: true } }],
  ['node:22-alpine3.20', { family: 'node', variant: 'alpine', nonRootUser: 'node', tools: { node: true, bash: false, wget: 'busybox' } }],
  ['node:22-bookworm-slim', { family: 'node', variant: 'slim', tools: { node: true, curl: false } }],
  ['node:22', { family: 'node', variant: 'debian', tools: { curl: true } }],
  ['nginx:1.27-alpine-slim', { family: 'nginx', variant: 'alpine-slim', ports: [80], tools: { curl: false, wget: 'busybox' } }],
  ['nginx:alpine', { family: 'nginx', variant: 'alpine', tools: { curl: true } }],
  ['nginx', { family: 'nginx', variant: 'debian', ports: [80], tools: { curl: true, wget: false } }],
  ['nginxinc/nginx-unprivileged:alpine', { family: 'nginx-unprivileged', variant: 'alpine', user: 'nginx', ports: [8080] }],
  ['nginxinc/nginx-unprivileged', { family: 'nginx-unprivileged', variant: 'debian', user: 'nginx', ports: [8080] }],
  ['bitnami/redis', { family: 'bitnami-redis', variant: 'debian', user: '1001', ports: [6379], tools: { bash: true, curl: false } }],
  ['bitnami/postgresql:16', { family: 'bitnami-postgresql', variant: 'debian', user: '1001', ports: [5432] }],
  ['docker.io/bitnami/postgresql:16.4.0-debian-12-r3', { family: 'bitnami-postgresql', variant: 'debian', user: '1001', fileEnv: ['POSTGRESQL_PASSWORD_FILE', 'POSTGRESQL_POSTGRES_PASSWORD_FILE', 'POSTGRESQL_REPLICATION_PASSWORD_FILE', 'POSTGRESQL_USERNAME_FILE', 'POSTGRESQL_DATABASE_FILE', 'POSTGRES_PASSWORD_FILE', 'POSTGRES_POSTGRES_PASSWORD_FILE', 'POSTGRES_REPLICATION_PASSWORD_FILE', 'POSTGRES_USER_FILE', 'POSTGRES_DB_FILE'] }],
  ['bitnami/mysql:8.4', { family: 'bitnami-mysql', variant: 'debian', user: '1001', ports: [3306] }],
  ['bitnami/mongodb:8.0', { family: 'bitnami-mongodb', variant: 'debian', user: '1001', ports: [27017] }],
  ['bitnami/kafka:3.9', { family: 'bitnami-kafka', variant: 'debian', user: '1001', ports: [9092] }],
  ['bitnami/rabbitmq:4.1', { family: 'bitnami-rabbitmq', variant: 'debian', user: '1001' }],
  ['bitnami/postgresql:16-someflavor', undefined],
  ['bitnami/nginx', undefined],
  ['confluentinc/cp-kafka:7.6.1', { family: 'cp-kafka', variant: 'ubi', user: 'appuser', nonRootUser: 'appuser', ports: [9092], tools: { sh: true, curl: false } }],
  ['confluentinc/cp-zookeeper:7.6.1', { family: 'cp-zookeeper', variant: 'ubi', user: 'appuser', ports: [2181, 2888, 3888], tools: { sh: true, nc: false } }],
  ['confluentinc/cp-schema-registry:7.6.1', { family: 'cp-schema-registry', variant: 'ubi', user: 'appuser', ports: [8081] }],
  ['confluentinc/cp-enterprise-control-center:7.6.1', undefined],
  ['mcr.microsoft.com/playwright:v1.62.1-noble', { family: 'playwright', variant: 'noble', os: 'ubuntu', nonRootUser: 'pwuser', tools: { node: true, curl: true, wget: 'gnu' } }],
  ['mcr.microsoft.com/playwright:v1.62.1-jammy', undefined],
  ['portainer/portainer-ce:2.21.4', { family: 'portainer', variant: 'default', ports: [9000, 9443, 8000], tools: { sh: false, curl: false } }],
  ['jaegertracing/all-in-one:1.62', { family: 'jaeger-all-in-one', variant: 'alpine', user: '10001', tools: { wget: 'busybox', curl: false } }],
  ['jaegertracing/jaeger:2.1.0', { family: 'jaeger', variant: 'alpine', user: '10001' }],
  ['grafana/loki:3.4.2', { family: 'loki', variant: 'distroless', os: 'distroless', user: '10001', ports: [3100], tools: { sh: false } }],
  ['grafana/promtail:3.4.2', { family: 'promtail', variant: 'ubuntu', ports: [9080], tools: { bash: true, curl: false } }],
  ['mailhog/mailhog', { family: 'mailhog', variant: 'alpine', user: 'mailhog', nonRootUser: 'mailhog', ports: [1025, 8025], tools: { nc: true } }],
  ['mattermost/mattermost-team-edition:9.11', { family: 'mattermost', variant: 'ubuntu', user: 'mattermost', ports: [8065, 8067, 8074, 8075], tools: { curl: true } }],
  ['gitea/gitea:1.22', { family: 'gitea', variant: 'alpine', nonRootUser: 'git', dropsPrivileges: 's6 + su-exec', ports: [3000, 22], tools: { curl: true } }],
  ['gitea/gitea:1.22-rootless', { family: 'gitea', variant: 'rootless', user: 'git', ports: [3000, 2222] }],
  ['gitea/gitea:latest-rootless', { family: 'gitea', variant: 'rootless', user: 'git' }],
  ['n8nio/n8n:1.121.0', { family: 'n8n', variant: 'alpine', user: 'node', nonRootUser: 'node', ports: [5678], tools: { node: true, wget: 'busybox', curl: false } }],
  ['docker.n8n.io/n8nio/n8n', { family: 'n8n', variant: 'alpine', user: 'node' }],
  ['getmeili/meilisearch:v1.10', { family: 'meilisearch', variant: 'alpine', ports: [7700], tools: { curl: true, wget: 'busybox' } }],
  ['louislam/uptime-kuma:1', { family: 'uptime-kuma', variant: 'release', nonRootUser: 'node', ports: [3001], tools: { curl: true } }],
  ['louislam/uptime-kuma:2-slim-rootless', { family: 'uptime-kuma', variant: 'rootless', user: 'node' }],
  ['someone/postgres:16', undefined],
  ['redis:7-alpine', { family: 'redis', variant: 'alpine', ports: [6379], tools: { bash: false, wget: 'busybox' } }],
  ['redis:7.2.4', { family: 'redis', variant: 'debian', nonRootUser: 'redis', dropsPrivileges: 'gosu' }],
  ['valkey/valkey:8-alpine', { family: 'valkey', variant: 'alpine', dropsPrivileges: 'setpriv' }],
  ['memcached:alpine', { family: 'memcached', variant: 'alpine', user: 'memcache', tools: { bash: false, nc: true } }],
  ['memcached:1.6', { family: 'memcached', variant: 'debian', user: 'memcache', tools: { bash: true } }],
  ['mysql:8.4', { family: 'mysql', variant: 'oracle', os: 'rhel', ports: [3306, 33060], nonRootUser: 'mysql' }],
  ['mariadb:11', { family: 'mariadb', variant: 'ubuntu', os: 'ubuntu', nonRootUser: 'mysql' }],
  ['mariadb:10.6.4-focal', { family: 'mariadb', variant: 'ubuntu' }],
  ['mariadb:lts-ubi', { family: 'mariadb', variant: 'ubi', user: 'mysql' }],
  ['mongo:7', { family: 'mongo', variant: 'ubuntu', ports: [27017], fileEnv: ['MONGO_INITDB_ROOT_PASSWORD_FILE', 'MONGO_INITDB_ROOT_USERNAME_FILE'] }],
  ['rabbitmq:3-management', { family: 'rabbitmq', variant: 'management', fileEnv: [] }],
  ['rabbitmq:3.13.6-management-alpine', { family: 'rabbitmq', variant: 'management-alpine' }],
  ['httpd:2.4-alpine', { family: 'httpd', variant: 'alpine', ports: [80] }],
  ['httpd:2.4', { family: 'httpd', variant: 'debian', tools: { bash: true, curl: false } }],
  ['traefik:v3.6', { family: 'traefik', variant: 'alpine', ports: [80] }],
  ['caddy:2', { family: 'caddy', variant: 'alpine', ports: [80, 443, 2019] }],
  ['clickhouse/clickhouse-server:25.5.6-alpine', { family: 'clickhouse', variant: 'alpine', ports: [9000, 8123, 9009] }],
  ['clickhouse/clickhouse-server', { family: 'clickhouse', variant: 'ubuntu' }],
  ['minio/minio:RELEASE.2025-09-07T16-13-09Z', { family: 'minio', variant: 'ubi', ports: [9000], tools: { curl: true } }],
  ['ghcr.io/coollabsio/minio:RELEASE.2025-10-15T17-29-55Z', undefined],
  ['prom/prometheus:v2.53.0', { family: 'prometheus', variant: 'busybox', user: 'nobody', ports: [9090] }],
  ['grafana/grafana-oss', { family: 'grafana', variant: 'alpine', user: '472', nonRootUser: 'grafana', ports: [3000] }],
  ['quay.io/keycloak/keycloak:26.1', { family: 'keycloak', variant: 'ubi-micro', user: '1000', tools: { curl: false } }],
  ['gcr.io/distroless/static-debian12:nonroot', { family: 'distroless', variant: 'nonroot', user: 'nonroot', tools: { sh: false } }],
  ['gcr.io/distroless/python3-debian12:debug', { family: 'distroless', variant: 'debug', tools: { sh: true } }],
  ['gcr.io/distroless/base', { family: 'distroless', variant: 'latest', tools: { sh: false } }],
  ['pgvector/pgvector:pg16', { family: 'pgvector', variant: 'debian', ports: [5432] }],
  ['postgis/postgis:16-3.4-alpine', { family: 'postgis', variant: 'alpine' }],
  ['axllent/mailpit:latest', { family: 'mailpit', variant: 'alpine', ports: [1025, 1110, 8025] }],
  ['debian:bookworm-slim', { family: 'debian', variant: 'slim', tools: { bash: true, curl: false, wget: false } }],
  ['ubuntu:24.04', { family: 'ubuntu', variant: 'ubuntu' }],
  ['alpine:3.20', { family: 'alpine', variant: 'alpine', tools: { bash: false, wget: 'busybox' } }],
  ['busybox:1.36', { family: 'busybox', variant: 'busybox' }],
  ['golang:1.23-alpine', { family: 'golang', variant: 'alpine' }],
  ['wordpress:php8.2-fpm-alpine', { family: 'wordpress', variant: 'fpm-alpine', ports: [9000] }],
  ['docker:dind', { family: 'docker', variant: 'dind' }],
];

describe('resolveImage', () => {
  for (const [image, expected] of CASES) {
    it(image, () => {
      const entry = resolveImage(image);
      if (!expected) {
        assert.equal(entry, undefined, `${image} should be unknown, got ${entry?.family}/${entry?.variant}`);
        return;
      }
      assert.ok(entry, `${image} should resolve`);
      const { tools, ...rest } = expected;
      for (const [key, value] of Object.entries(rest)) assert.deepEqual((entry as unknown as Record<string, unknown>)[key], value, `${image}: ${key}`);
      for (const [tool, value] of Object.entries(tools ?? {})) assert.equal(entry.tools[tool as keyof typeof entry.tools], value, `${image}: tools.${tool}`);
      if (!('user' in rest)) assert.equal(entry.user, undefined, `${image} runs as root`);
    });
  }

  it('is tag-aware where the old table was not', () => {
    assert.notDeepEqual(resolveImage('memcached:alpine')?.tools, resolveImage('memcached')?.tools);
    assert.notEqual(resolveImage('nginxinc/nginx-unprivileged')?.family, resolveImage('nginx')?.family);
  });

  it('helpers', () => {
    assert.equal(flavorOf('16.4-alpine3.20'), 'alpine3.20');
    assert.equal(flavorOf('latest'), '');
    assert.equal(interpolateDefaults('redis:${TAG:-7-alpine}'), 'redis:7-alpine');
    assert.equal(interpolateDefaults('redis:${TAG}'), undefined);
    assert.equal(interpolateDefaults('${IMAGE:-${TAG}}'), undefined);
  });
});

/** Words of a probe that name a tool of the ToolSet. */
function toolsUsed(test: string[]): string[] {
  const text = test[0] === 'CMD-SHELL' ? test.slice(1).join(' ') : test.slice(1).join(' ');
  const used = new Set<string>();
  if (test[0] === 'CMD-SHELL') used.add('sh');
  for (const word of text.split(/[\s;&|()'"]+/)) {
    const w = word.replace(/^.*\//, '');
    if (['bash', 'sh', 'curl', 'wget', 'nc', 'python', 'python3', 'node'].includes(w)) used.add(w === 'python3' ? 'python' : w);
  }
  if (/\/dev\/tcp\//.test(text)) used.add('bash');
  return [...used];
}

describe('isDatastoreImage', () => {
  // What a server is: every tag of a datastore family, and a repository of another namespace named like one.
  const CASES: [string, boolean][] = [
    ['postgres:16-alpine', true],
    ['postgres:${PG_VERSION}', true],
    ['postgres:16-unknownflavor', true],
    ['mongo:${MONGO_TAG:-7}', true],
    ['bitnami/redis:7.4', true],
    ['valkey/valkey:8', true],
    ['minio/minio', true],
    ['clickhouse/clickhouse-server:24', true],
    ['nginx:alpine', false],
    ['appwrite/mariadb:10.11', true],
    ['ghcr.io/coollabsio/minio:latest', true],
    ['someone/postgresql', true],
    ['${REGISTRY}/postgres:16', false],
    ['someone/api', false],
    ['grafana/loki:3', false],
  ];
  for (const [image, expected] of CASES) it(image, () => assert.equal(isDatastoreImage(image), expected));
});

describe('every entry', () => {
  const entries = allImageKnowledge();
  it('has at least 40 families', () => {
    assert.ok(new Set(entries.map((e) => e.family)).size >= 40);
  });
  for (const entry of entries) {
    it(`${entry.family}/${entry.variant}: shape`, () => {
      assert.match(entry.source, /^https:\/\//, 'source URL');
      assert.match(entry.checked, /^\d{4}-\d{2}-\d{2}$/, 'checked date');
      assert.ok(['debian', 'ubuntu', 'alpine', 'rhel', 'distroless', 'scratch', 'busybox', 'other'].includes(entry.os));
      assert.ok(Array.isArray(entry.ports) && entry.ports.every((p) => Number.isInteger(p) && p > 0 && p < 65536));
      assert.ok(entry.fileEnv.every((v) => /^[A-Z][A-Z0-9_]*_FILE$/.test(v)), 'fileEnv names');
      for (const key of ['bash', 'sh', 'curl', 'nc', 'python', 'node'] as const) assert.equal(typeof entry.tools[key], 'boolean', key);
      assert.ok(entry.tools.wget === false || entry.tools.wget === 'gnu' || entry.tools.wget === 'busybox');
      if (entry.user) assert.notEqual(entry.dropsPrivileges !== undefined && entry.user !== undefined, true, 'an image running as non-root does not drop privileges');
    });
    if (entry.probe) {
      it(`${entry.family}/${entry.variant}: probe uses only the variant's tools`, () => {
        const test = entry.probe!.test;
        assert.ok(test[0] === 'CMD' || test[0] === 'CMD-SHELL');
        for (const tool of toolsUsed(test)) assert.ok(entry.tools[tool as keyof typeof entry.tools], `probe uses ${tool}, which ${entry.family}/${entry.variant} lacks`);
        if (entry.tools.wget === 'busybox') assert.ok(!/--(tries|timeout=|retry)/.test(test.join(' ')), 'busybox wget options only');
      });
    }
  }
});

describe('staleness', () => {
  it('every entry was checked within 18 months', () => {
    const now = new Date();
    const limit = new Date(now.getFullYear(), now.getMonth() - 18, now.getDate());
    const stale = allImageKnowledge().filter((e) => new Date(`${e.checked}T00:00:00Z`) < limit);
    assert.deepEqual(
      stale.map((e) => `${e.family}/${e.variant} (${e.checked})`),
      [],
      'image knowledge older than 18 months: fetch the image repositories and rerun `node scripts/gen-image-kb.mjs`',
    );
  });
});

/**
 * What we know about common images, as data: health command, default port, tools present, default user,
 * whether it is a datastore, and sensible resource limits. Rules and fixes read this; no rule hard-codes an image.
 */

export interface ImageFacts {
  /** Repository names this entry matches (the last path segment: `bitnami/redis` matches `redis`). */
  names: string[];
  /** A healthcheck `test` in compose syntax (`$$` already escaped). */
  healthcheck?: string[];
  /** Seconds the service needs before the first probe counts. */
  startPeriod?: string;
  /** Port the image listens on by default. */
  port?: number;
  /** Tools present in the default variant (the tag-aware facts are in kb.ts). */
  curl: boolean;
  wget: boolean;
  /** An existing non-root user of the image, when it has one. */
  user?: string;
  datastore?: boolean;
  limits: { cpus: string; memory: string };
  /** Runtime used for a one-line HTTP probe when neither curl nor wget is there. */
  runtime?: 'python' | 'node';
  /** The distro family of the default variant. */
  family?: 'debian' | 'alpine' | 'distroless' | 'rhel' | 'scratch' | 'busybox';
}

const small = { cpus: '0.50', memory: '256M' };
const medium = { cpus: '1.0', memory: '512M' };
const large = { cpus: '2.0', memory: '2G' };

/** Limits for an image we know nothing about. */
export const DEFAULT_LIMITS = medium;

export const IMAGES: ImageFacts[] = [
  { names: ['redis', 'valkey'], healthcheck: ['CMD', 'redis-cli', 'ping'], port: 6379, curl: false, wget: false, user: 'redis', datastore: true, limits: small, family: 'debian' },
  { names: ['postgres', 'postgis', 'timescaledb', 'pgvector'], healthcheck: ['CMD-SHELL', 'pg_isready -U "$${POSTGRES_USER:-postgres}" -d "$${POSTGRES_DB:-postgres}"'], port: 5432, curl: false, wget: false, user: 'postgres', datastore: true, limits: medium, family: 'debian' },
  { names: ['mysql', 'percona'], healthcheck: ['CMD-SHELL', 'mysqladmin ping -h 127.0.0.1 --silent'], startPeriod: '30s', port: 3306, curl: false, wget: false, user: 'mysql', datastore: true, limits: large, family: 'rhel' },
  { names: ['mariadb'], healthcheck: ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'], startPeriod: '30s', port: 3306, curl: false, wget: false, user: 'mysql', datastore: true, limits: large, family: 'debian' },
  { names: ['mongo', 'mongodb'], healthcheck: ['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping').ok"], startPeriod: '30s', port: 27017, curl: false, wget: false, user: 'mongodb', datastore: true, limits: large, family: 'debian' },
  { names: ['rabbitmq'], healthcheck: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], startPeriod: '30s', port: 5672, curl: false, wget: false, user: 'rabbitmq', datastore: true, limits: medium, family: 'debian' },
  { names: ['memcached'], healthcheck: ['CMD-SHELL', "bash -c 'exec 3<>/dev/tcp/127.0.0.1/11211'"], port: 11211, curl: false, wget: false, user: 'memcache', datastore: true, limits: small, family: 'debian' },
  { names: ['elasticsearch', 'opensearch'], healthcheck: ['CMD-SHELL', 'curl -fs http://localhost:9200/_cluster/health || exit 1'], startPeriod: '60s', port: 9200, curl: true, wget: false, user: 'elasticsearch', datastore: true, limits: large, family: 'rhel' },
  { names: ['prometheus'], healthcheck: ['CMD', 'wget', '-q', '--spider', 'http://localhost:9090/-/healthy'], port: 9090, curl: false, wget: true, user: 'nobody', limits: medium, family: 'busybox' },
  { names: ['grafana', 'grafana-oss', 'grafana-enterprise'], healthcheck: ['CMD', 'wget', '-q', '--spider', 'http://localhost:3000/api/health'], port: 3000, curl: true, wget: true, user: 'grafana', limits: medium, family: 'alpine' },
  { names: ['nginx', 'nginx-unprivileged', 'openresty'], healthcheck: ['CMD', 'curl', '-fs', 'http://localhost/'], port: 80, curl: true, wget: false, limits: small, family: 'debian' },
  { names: ['httpd'], healthcheck: ['CMD-SHELL', "bash -c 'exec 3<>/dev/tcp/127.0.0.1/80'"], port: 80, curl: false, wget: false, limits: small, family: 'debian' },
  { names: ['traefik'], healthcheck: ['CMD', 'traefik', 'healthcheck', '--ping'], port: 80, curl: false, wget: true, limits: small, family: 'alpine' },
  { names: ['minio'], healthcheck: ['CMD', 'mc', 'ready', 'local'], port: 9000, curl: true, wget: false, datastore: true, limits: medium, family: 'rhel' },
  { names: ['keycloak'], healthcheck: ['CMD-SHELL', "exec 3<>/dev/tcp/127.0.0.1/9000 && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && grep -q '200 OK' <&3"], startPeriod: '90s', port: 8080, curl: false, wget: false, user: 'keycloak', limits: large, family: 'rhel' },
  { names: ['python', 'pypy'], port: 8000, curl: true, wget: true, limits: medium, runtime: 'python', family: 'debian' },
  { names: ['node'], port: 3000, curl: true, wget: true, user: 'node', limits: medium, runtime: 'node', family: 'debian' },
  { names: ['golang'], port: 8080, curl: true, wget: true, limits: medium, family: 'debian' },
  { names: ['debian', 'ubuntu'], curl: false, wget: false, limits: medium, family: 'debian' },
  { names: ['alpine', 'busybox'], curl: false, wget: true, limits: small, family: 'alpine' },
  { names: ['distroless', 'static', 'static-debian12', 'base', 'base-debian12', 'cc-debian12', 'python3-debian12', 'nodejs20-debian12', 'nodejs22-debian12'], curl: false, wget: false, user: 'nonroot', limits: medium, family: 'distroless' },
];

export interface ImageRef {
  /** Registry host and namespace, if any (`gcr.io/distroless`). */
  namespace: string | undefined;
  /** Repository name, lower case (`redis`). */
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
}

/** Splits `registry/ns/name:tag@sha256:...` into its parts. */
export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.lastIndexOf('/');
  return {
    namespace: slash >= 0 ? rest.slice(0, slash) : undefined,
    repository: (slash >= 0 ? rest.slice(slash + 1) : rest).toLowerCase(),
    tag,
    digest,
  };
}

export function imageFacts(image: string | undefined): ImageFacts | undefined {
  if (!image) return undefined;
  const ref = parseImageRef(image);
  if (ref.namespace?.includes('distroless')) return IMAGES.find((facts) => facts.family === 'distroless');
  return IMAGES.find((facts) => facts.names.includes(ref.repository));
}

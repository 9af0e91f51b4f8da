// Hand-kept input of scripts/gen-image-kb.mjs: which Dockerfile builds each image variant, and the facts no
// Dockerfile states (probes, suggested limits, documented facts of images whose build is not public or not fetched).
// Every documented fact carries the URL it was read from; `unverified` lists tool flags that are a conservative
// `false` because no source says either way. Suggested `limits` are sizing advice, not facts of the image.
export const CHECKED = '2026-12-02';

const T = (tools) => ({ bash: false, sh: false, curl: false, wget: false, nc: false, python: false, node: false, ...tools });

/** Base images not built from a fetched Dockerfile (matched against the FROM reference). */
export const BASES = [
  // debuerreotype "minbase" rootfs: Essential/required packages only (bash, coreutils, dash, ...); no curl, wget, netcat.
  { match: '^debian:', os: 'debian', tools: T({ bash: true, sh: true }), evidence: 'documentation', source: 'https://github.com/debuerreotype/docker-debian-artifacts' },
  // ubuntu-base rootfs: bash and dash, no curl, wget or netcat.
  { match: '^ubuntu:', os: 'ubuntu', tools: T({ bash: true, sh: true }), evidence: 'documentation', source: 'https://git.launchpad.net/cloud-images/+oci/ubuntu-base' },
  // Alpine minirootfs: busybox provides sh, wget and nc applets; bash and curl are separate packages.
  { match: '^alpine(:|$)', os: 'alpine', tools: T({ sh: true, wget: 'busybox', nc: true }), evidence: 'documentation', source: 'https://gitlab.alpinelinux.org/alpine/aports/-/blob/master/main/busybox/busyboxconfig' },
  { match: '^busybox(:|$)', os: 'busybox', tools: T({ sh: true, wget: 'busybox', nc: true }), evidence: 'documentation', source: 'https://github.com/docker-library/busybox' },
  { match: '^quay\\.io/prometheus/busybox', os: 'busybox', tools: T({ sh: true, wget: 'busybox', nc: true }), evidence: 'documentation', source: 'https://github.com/prometheus/busybox' },
  { match: '^oraclelinux:9-slim', os: 'rhel', tools: T({ sh: true }), unverified: ['bash', 'curl', 'wget', 'nc'], evidence: 'documentation', source: 'https://github.com/oracle/container-images' },
  { match: '^(redhat/ubi\\d+-minimal|registry\\.access\\.redhat\\.com/ubi\\d+(/ubi)?-minimal)', os: 'rhel', tools: T({ sh: true }), unverified: ['bash', 'curl', 'wget', 'nc'], evidence: 'documentation', source: 'https://catalog.redhat.com/software/containers/ubi9/ubi-minimal/615bd9b4075b022acc111bf5' },
  // Eclipse Temurin JRE images are built on ubuntu; their extra packages are not read here.
  { match: '^eclipse-temurin:[\\w.-]*(jammy|noble)$', os: 'ubuntu', tools: T({ bash: true, sh: true }), unverified: ['curl', 'wget', 'nc'], evidence: 'documentation', source: 'https://github.com/adoptium/containers' },
  { match: '^scratch$', os: 'scratch', tools: T({}), evidence: 'documentation', source: 'https://docs.docker.com/build/building/base-images/#create-a-minimal-base-image-using-scratch' },
  { match: '^gcr\\.io/distroless/[\\w-]+:(latest|nonroot)(@|$)', os: 'distroless', tools: T({}), evidence: 'documentation', source: 'https://github.com/GoogleContainerTools/distroless/blob/main/README.md' },
  // ubi-micro: no package manager; which of bash/curl it ships is not stated in a source read here.
  { match: '^registry\\.access\\.redhat\\.com/ubi\\d+/ubi-micro', os: 'rhel', tools: T({ sh: true }), unverified: ['bash', 'curl', 'wget', 'nc'], evidence: 'documentation', source: 'https://catalog.redhat.com/software/containers/ubi9/ubi-micro/61832b36dd607bfc82e66399' },
  { match: '^gcr\\.io/distroless/[\\w-]+:debug', os: 'distroless', tools: T({ sh: true, wget: 'busybox', nc: true }), evidence: 'documentation', source: 'https://github.com/GoogleContainerTools/distroless#debug-images' },
];

// Tag flavours (the tag without its leading version): see `flavorOf` in engine/src/knowledge/kb.ts.
const CODENAMES = 'bookworm|trixie|bullseye|buster|stretch|forky';
const DEBIAN = `(|${CODENAMES})`;
const ALPINE = 'alpine(\\d+\\.\\d+)?';
const pg = ['CMD-SHELL', 'pg_isready -U "$${POSTGRES_USER:-postgres}" -d "$${POSTGRES_DB:-postgres}"'];
const redisPing = ['CMD', 'redis-cli', 'ping'];
const small = { cpus: '0.50', memory: '256M' };
const medium = { cpus: '1.0', memory: '512M' };
const large = { cpus: '2.0', memory: '2G' };

/**
 * A Bitnami image: FROM bitnami/minideb (Debian minbase, bash as SHELL), `USER 1001` (no passwd entry: nss_wrapper),
 * no HEALTHCHECK. Its *-env.sh reads `<VAR>_FILE` for each variable of its list.
 */
function bitnami(app, { ports, limits, dockerfile, env, probe, fileEnv, curl, runtime }) {
  return [{
    family: `bitnami-${app}`, names: [`bitnami/${app}`], datastore: true, limits, ...(runtime ? { runtime } : {}), ...(probe ? { probe } : {}),
    variants: [{ variant: 'debian', match: '^(|debian-\\d+(-r\\d+)?)$', facts: {
      os: 'debian', tools: T({ bash: true, sh: true }), user: '1001', ports, evidence: 'source',
      ...(fileEnv ? { fileEnv: fileEnv.map((v) => `${v}_FILE`) } : {}),
      unverified: curl ? ['wget', 'nc'] : ['curl', 'wget', 'nc'],
      notes: curl ? `The Dockerfile removes curl after the download (\`${curl}\`).` : 'The Dockerfile read keeps the curl it installs for the download; other versions remove it, so curl is not claimed.',
      sources: [dockerfile, ...(env ? [env] : []), 'https://github.com/bitnami/minideb'] } }],
  }];
}

export const FAMILIES = [
  {
    family: 'postgres', names: ['postgres'], datastore: true, limits: { cpus: '1.0', memory: '1G' },
    probe: { test: pg, startPeriod: '30s' },
    variants: [
      { variant: 'debian', match: `^${DEBIAN}$`, from: { library: 'postgres', tag: 'latest' } },
      { variant: 'alpine', match: `^${ALPINE}$`, from: { library: 'postgres', tag: 'alpine' } },
    ],
  },
  {
    // pgvector builds FROM postgres:$PG_MAJOR-<suite> and only adds the extension.
    family: 'pgvector', names: ['pgvector/pgvector'], datastore: true, limits: { cpus: '1.0', memory: '1G' },
    probe: { test: pg, startPeriod: '30s' },
    variants: [{ variant: 'debian', match: `^(pg\\d+)?(-(${CODENAMES}))?$`, from: { repo: 'pgvector/pgvector', dockerfile: 'Dockerfile', entrypoint: 'none' }, inherit: ['postgres', 'debian'] }],
  },
  {
    family: 'postgis', names: ['postgis/postgis'], datastore: true, limits: { cpus: '1.0', memory: '1G' },
    probe: { test: pg, startPeriod: '30s' }, versionPattern: '^\\d+(\\.\\d+)?-\\d+(\\.\\d+)*(-|$)',
    variants: [
      { variant: 'debian', match: `^${DEBIAN}$`, from: { repo: 'postgis/docker-postgis', dockerfile: '*-3.5/Dockerfile', entrypoint: 'none' }, inherit: ['postgres', 'debian'] },
      { variant: 'alpine', match: `^${ALPINE}$`, from: { repo: 'postgis/docker-postgis', dockerfile: '*-3.5/alpine/Dockerfile', entrypoint: 'none' }, inherit: ['postgres', 'alpine'] },
    ],
  },
  {
    family: 'mysql', names: ['mysql'], datastore: true, limits: large,
    probe: { test: ['CMD-SHELL', 'mysqladmin ping -h 127.0.0.1 --silent'], startPeriod: '30s' },
    versionPattern: '^(\\d+(\\.\\d+)*|innovation|lts)(-|$)',
    variants: [{ variant: 'oracle', match: '^(|oracle|oraclelinux\\d+)$', from: { library: 'mysql', tag: 'latest' } }],
  },
  {
    family: 'mariadb', names: ['mariadb'], datastore: true, limits: large,
    probe: { test: ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'], startPeriod: '30s' },
    versionPattern: '^(\\d+(\\.\\d+)*|lts)(-|$)',
    variants: [
      { variant: 'ubuntu', match: '^(|jammy|noble|focal|resolute)$', from: { library: 'mariadb', tag: 'latest' } },
      { variant: 'ubi', match: '^ubi\\d*$', from: { library: 'mariadb', tag: 'lts-ubi' } },
    ],
  },
  {
    family: 'mongo', names: ['mongo'], datastore: true, limits: large,
    probe: { test: ['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping').ok"], startPeriod: '30s' },
    variants: [{ variant: 'ubuntu', match: '^(|jammy|noble)$', from: { repo: 'docker-library/mongo', dockerfile: '*/Dockerfile' } }],
  },
  {
    family: 'redis', names: ['redis'], datastore: true, limits: small, probe: { test: redisPing },
    variants: [
      { variant: 'debian', match: `^${DEBIAN}$`, from: { repo: 'redis/docker-library-redis', dockerfile: '*/debian/Dockerfile' } },
      { variant: 'alpine', match: `^${ALPINE}$`, from: { repo: 'redis/docker-library-redis', dockerfile: '*/alpine/Dockerfile' } },
    ],
  },
  {
    family: 'valkey', names: ['valkey/valkey'], datastore: true, limits: small, probe: { test: ['CMD', 'valkey-cli', 'ping'] },
    variants: [
      { variant: 'debian', match: `^${DEBIAN}$`, from: { repo: 'valkey-io/valkey-container', dockerfile: '*/debian/Dockerfile' } },
      { variant: 'alpine', match: `^${ALPINE}$`, from: { repo: 'valkey-io/valkey-container', dockerfile: '*/alpine/Dockerfile' } },
    ],
  },
  {
    // No client in the image: debian has bash (/dev/tcp), alpine has busybox nc.
    family: 'memcached', names: ['memcached'], datastore: true, limits: small,
    variants: [
      { variant: 'debian', match: `^${DEBIAN}$`, from: { library: 'memcached', tag: 'latest' }, probe: { test: ['CMD', 'bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/11211'] } },
      { variant: 'alpine', match: `^${ALPINE}$`, from: { library: 'memcached', tag: 'alpine' }, probe: { test: ['CMD-SHELL', 'echo stats | nc -w 2 127.0.0.1 11211 | grep -q uptime'] } },
    ],
  },
  {
    family: 'rabbitmq', names: ['rabbitmq'], datastore: true, limits: { cpus: '1.0', memory: '1G' },
    probe: { test: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], startPeriod: '30s' },
    variants: [
      { variant: 'ubuntu', match: '^(|noble|jammy)$', from: { library: 'rabbitmq', tag: 'latest' } },
      { variant: 'management', match: '^management$', from: { library: 'rabbitmq', tag: 'management' } },
      { variant: 'alpine', match: '^alpine$', from: { library: 'rabbitmq', tag: 'alpine' } },
      { variant: 'management-alpine', match: '^management-alpine$', from: { library: 'rabbitmq', tag: 'management-alpine' } },
    ],
  },
  {
    family: 'nginx', names: ['nginx'], limits: small, versionPattern: '^(\\d+(\\.\\d+)*|mainline|stable)(-|$)',
    variants: [
      { variant: 'debian', match: `^${DEBIAN}$`, from: { library: 'nginx', tag: 'latest', repo: 'nginxinc/docker-nginx' }, probe: { test: ['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://127.0.0.1/'] } },
      { variant: 'debian-perl', match: `^${DEBIAN}-?perl$`, from: { library: 'nginx', tag: 'perl', repo: 'nginxinc/docker-nginx' }, probe: { test: ['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://127.0.0.1/'] } },
      { variant: 'alpine-slim', match: `^${ALPINE}-slim$`, from: { library: 'nginx', tag: 'alpine-slim', repo: 'nginxinc/docker-nginx' }, probe: { test: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1/'] } },
      { variant: 'alpine', match: `^${ALPINE}$`, from: { library: 'nginx', tag: 'alpine', repo: 'nginxinc/docker-nginx' }, probe: { test: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1/'] } },
    ],
  },
  {
    family: 'nginx-unprivileged', names: ['nginxinc/nginx-unprivileged'], limits: small, versionPattern: '^(\\d+(\\.\\d+)*|mainline|stable)(-|$)',
    variants: [
      { variant: 'debian', match: `^${DEBIAN}$`, from: { repo: 'nginxinc/docker-nginx-unprivileged', dockerfile: 'mainline/debian/Dockerfile' }, probe: { test: ['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://127.0.0.1:8080/'] } },
      { variant: 'alpine-slim', match: `^${ALPINE}-slim$`, from: { repo: 'nginxinc/docker-nginx-unprivileged', dockerfile: 'mainline/alpine-slim/Dockerfile' }, probe: { test: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:8080/'] } },
      { variant: 'alpine', match: `^${ALPINE}$`, from: { repo: 'nginxinc/docker-nginx-unprivileged', dockerfile: 'mainline/alpine/Dockerfile' }, probe: { test: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:8080/'] } },
    ],
  },
  {
    family: 'httpd', names: ['httpd'], limits: small,
    variants: [
      { variant: 'debian', match: `^${DEBIAN}$`, from: { library: 'httpd', tag: 'latest' }, probe: { test: ['CMD', 'bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/80'] } },
      { variant: 'alpine', match: `^${ALPINE}$`, from: { library: 'httpd', tag: 'alpine' }, probe: { test: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1/'] } },
    ],
  },
  {
    family: 'haproxy', names: ['haproxy'], limits: small, versionPattern: '^(\\d+(\\.\\d+)*(-dev\\d*)?|lts)(-|$)',
    variants: [
      { variant: 'debian', match: `^${DEBIAN}$`, from: { library: 'haproxy', tag: 'latest' } },
      { variant: 'alpine', match: `^${ALPINE}$`, from: { library: 'haproxy', tag: 'alpine' } },
    ],
  },
  {
    // `traefik healthcheck --ping` needs `--ping=true` in the static configuration.
    family: 'traefik', names: ['traefik'], limits: small,
    variants: [{ variant: 'alpine', match: '^(|alpine|langres|mimolette)$', from: { library: 'traefik', tag: 'latest' },
      probe: { test: ['CMD', 'traefik', 'healthcheck', '--ping'], requires: { what: 'ping turned on (`--ping` in its command, or TRAEFIK_PING=true)', command: '^--ping(=true)?$', environment: 'TRAEFIK_PING' } } }],
  },
  {
    family: 'caddy', names: ['caddy'], limits: small,
    variants: [{ variant: 'alpine', match: '^(|alpine)$', from: { library: 'caddy', tag: 'alpine' }, probe: { test: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:2019/config/'] } }],
  },
  {
    family: 'clickhouse', names: ['clickhouse/clickhouse-server', 'clickhouse'], datastore: true, limits: { cpus: '2.0', memory: '4G' },
    versionPattern: '^(\\d+(\\.\\d+)*|head|latest)(-|$)',
    variants: [
      { variant: 'ubuntu', match: '^(|jammy|focal|noble)$', from: { repo: 'ClickHouse/docker-library', dockerfile: 'server/*/Dockerfile.ubuntu' }, probe: { test: ['CMD', 'clickhouse-client', '--query', 'SELECT 1'], startPeriod: '30s' },
        facts: { tools: { wget: 'busybox', nc: true }, notes: 'Dockerfile.ubuntu installs busybox and runs `busybox --install -s`, which provides wget and nc applets.' } },
      { variant: 'alpine', match: `^${ALPINE}$`, from: { repo: 'ClickHouse/docker-library', dockerfile: 'server/*/Dockerfile.alpine' }, probe: { test: ['CMD', 'clickhouse-client', '--query', 'SELECT 1'], startPeriod: '30s' } },
      { variant: 'distroless', match: '^distroless$', from: { repo: 'ClickHouse/docker-library', dockerfile: 'server/*/Dockerfile.distroless', entrypoint: 'none' }, probe: { test: ['CMD', 'clickhouse-client', '--query', 'SELECT 1'], startPeriod: '30s' } },
    ],
  },
  {
    // The release image copies a static curl in (dockerscripts/download-static-curl.sh) and runs as root.
    family: 'minio', names: ['minio/minio', 'quay.io/minio/minio'], datastore: true, limits: { cpus: '1.0', memory: '1G' },
    versionPattern: '^(RELEASE\\.[\\dT-]+Z(\\.fips)?|latest)(-|$)',
    variants: [{ variant: 'ubi', match: '^(|cpuv1)$', from: { repo: 'minio/minio', dockerfile: 'Dockerfile.release', entrypoint: 'dockerscripts/docker-entrypoint.sh' },
      probe: { test: ['CMD', 'curl', '-fsS', 'http://127.0.0.1:9000/minio/health/live'], startPeriod: '10s' },
      facts: { os: 'rhel', tools: { curl: true }, ports: [9000], dropsPrivileges: null, notes: 'The final stage is FROM registry.access.redhat.com/ubi9/ubi-micro and copies a static curl (download-static-curl.sh) into /usr/bin. The entrypoint switches user (chroot --userspec) only when MINIO_USERNAME and MINIO_GROUPNAME are set.' } }],
  },
  {
    family: 'prometheus', names: ['prom/prometheus', 'quay.io/prometheus/prometheus'], limits: medium, versionPattern: '^(v?\\d+(\\.\\d+)*(-rc\\.\\d+)?|main|latest)(-|$)',
    variants: [{ variant: 'busybox', match: '^(|distroless)$', from: { repo: 'prometheus/prometheus', dockerfile: 'Dockerfile', entrypoint: 'none' }, probe: { test: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:9090/-/healthy'] } }],
  },
  {
    family: 'mailpit', names: ['axllent/mailpit'], limits: small, versionPattern: '^(v?\\d+(\\.\\d+)*|latest|edge)(-|$)',
    variants: [{ variant: 'alpine', match: '^$', from: { repo: 'axllent/mailpit', dockerfile: 'Dockerfile', entrypoint: 'none' }, probe: { test: ['CMD', '/mailpit', 'readyz'] } }],
  },
  {
    family: 'node', names: ['node'], runtime: 'node', limits: medium, versionPattern: '^(\\d+(\\.\\d+)*|current|lts|[a-z]+(?=-|$))(-|$)',
    variants: [
      { variant: 'debian', match: `^${DEBIAN}$`, from: { library: 'node', tag: 'latest' } },
      { variant: 'slim', match: `^((${CODENAMES})-)?slim$`, from: { library: 'node', tag: 'slim' } },
      { variant: 'alpine', match: `^${ALPINE}$`, from: { library: 'node', tag: 'alpine' } },
    ],
  },
  {
    family: 'python', names: ['python'], runtime: 'python', limits: medium, versionPattern: '^(\\d+(\\.\\d+)*(a|b|rc)?\\d*(-rc)?)(-|$)',
    variants: [
      { variant: 'debian', match: `^${DEBIAN}$`, from: { library: 'python', tag: 'latest' } },
      { variant: 'slim', match: `^slim(-(${CODENAMES}))?$`, from: { library: 'python', tag: 'slim' } },
      { variant: 'alpine', match: `^${ALPINE}$`, from: { library: 'python', tag: 'alpine' } },
    ],
  },
  {
    family: 'golang', names: ['golang'], runtime: 'go', limits: medium,
    variants: [
      { variant: 'debian', match: `^${DEBIAN}$`, from: { library: 'golang', tag: 'latest' } },
      { variant: 'alpine', match: `^${ALPINE}$`, from: { library: 'golang', tag: 'alpine' } },
    ],
  },
  {
    family: 'php', names: ['php'], limits: medium, versionPattern: '^(\\d+(\\.\\d+)*(-rc|(alpha|beta|RC)\\d+)?)(-|$)',
    variants: [
      { variant: 'cli', match: `^(cli-?)?${DEBIAN}$`, from: { library: 'php', tag: 'cli' } },
      { variant: 'apache', match: `^apache(-(${CODENAMES}))?$`, from: { library: 'php', tag: 'apache' } },
      { variant: 'fpm', match: `^fpm(-(${CODENAMES}))?$`, from: { library: 'php', tag: 'fpm' } },
      { variant: 'fpm-alpine', match: `^fpm-${ALPINE}$`, from: { library: 'php', tag: 'fpm-alpine' } },
      { variant: 'cli-alpine', match: `^(cli-)?${ALPINE}$`, from: { library: 'php', tag: 'alpine' } },
    ],
  },
  {
    family: 'wordpress', names: ['wordpress'], limits: medium, versionPattern: '^(\\d+(\\.\\d+)*)(-|$)',
    variants: [
      { variant: 'apache', match: '^(php\\d+\\.\\d+-?)?(apache)?$', from: { library: 'wordpress', tag: 'latest' } },
      { variant: 'fpm', match: '^(php\\d+\\.\\d+-)?fpm$', from: { library: 'wordpress', tag: 'fpm' } },
      { variant: 'fpm-alpine', match: '^(php\\d+\\.\\d+-)?fpm-alpine$', from: { library: 'wordpress', tag: 'fpm-alpine' } },
    ],
  },
  {
    family: 'nextcloud', names: ['nextcloud'], limits: { cpus: '1.0', memory: '1G' },
    variants: [
      { variant: 'apache', match: '^(apache)?$', from: { repo: 'nextcloud/docker', dockerfile: '*/apache/Dockerfile' } },
      { variant: 'fpm', match: '^fpm$', from: { repo: 'nextcloud/docker', dockerfile: '*/fpm/Dockerfile' } },
      { variant: 'fpm-alpine', match: '^fpm-alpine$', from: { repo: 'nextcloud/docker', dockerfile: '*/fpm-alpine/Dockerfile' } },
    ],
  },
  {
    family: 'ghost', names: ['ghost'], limits: medium,
    variants: [
      { variant: 'debian', match: `^${DEBIAN}$`, from: { library: 'ghost', tag: 'latest', repo: 'docker-library/ghost' } },
      { variant: 'alpine', match: `^${ALPINE}$`, from: { library: 'ghost', tag: 'alpine', repo: 'docker-library/ghost' } },
    ],
  },
  {
    family: 'adminer', names: ['adminer'], limits: small,
    variants: [
      { variant: 'standalone', match: '^(|standalone)$', from: { library: 'adminer', tag: 'latest' } },
      { variant: 'fastcgi', match: '^fastcgi$', from: { library: 'adminer', tag: 'fastcgi' } },
    ],
  },
  {
    family: 'phpmyadmin', names: ['phpmyadmin', 'phpmyadmin/phpmyadmin'], limits: small,
    variants: [
      { variant: 'apache', match: '^(|apache)$', from: { library: 'phpmyadmin', tag: 'latest' } },
      { variant: 'fpm', match: '^fpm$', from: { library: 'phpmyadmin', tag: 'fpm' } },
      { variant: 'fpm-alpine', match: '^fpm-alpine$', from: { library: 'phpmyadmin', tag: 'fpm-alpine' } },
    ],
  },
  {
    family: 'zookeeper', names: ['zookeeper'], datastore: true, runtime: 'java', limits: { cpus: '1.0', memory: '1G' },
    variants: [{ variant: 'jre', match: '^(|jre-\\d+)$', from: { library: 'zookeeper', tag: 'latest' } }],
  },
  {
    family: 'registry', names: ['registry'], limits: small,
    variants: [{ variant: 'alpine', match: '^$', from: { library: 'registry', tag: 'latest' } }],
  },
  {
    family: 'docker', names: ['docker'], limits: medium,
    variants: [
      { variant: 'dind', match: `^(dind(-${ALPINE})?|${ALPINE}|)$`, from: { library: 'docker', tag: 'dind' } },
      { variant: 'cli', match: `^cli(-${ALPINE})?$`, from: { library: 'docker', tag: 'cli' } },
      { variant: 'dind-rootless', match: '^dind-rootless$', from: { library: 'docker', tag: 'dind-rootless' } },
    ],
  },
  // ----- third-party images frequent in real stacks (issue 16): read from their Dockerfiles where the repository is
  // fetched (`from`), else from the Dockerfile text of the public repository at the commit in the URL (`facts` with
  // evidence: 'source'). Facts that differ between versions of one tag variant are the conservative value, noted.
  ...bitnami('postgresql', { ports: [5432], limits: { cpus: '1.0', memory: '1G' }, curl: 'uninstall_packages curl',
    dockerfile: 'https://github.com/bitnami/containers/blob/fa346212cd1275a04affe7af927c62be9fb22d52/bitnami/postgresql/17/debian-12/Dockerfile',
    env: 'https://github.com/bitnami/containers/blob/c50bf1d7dfaefc31cea619e0d4ae2ab7a4534e51/bitnami/postgresql/17/debian-12/rootfs/opt/bitnami/scripts/postgresql-env.sh',
    // pg_isready is on PATH (/opt/bitnami/postgresql/bin); -U avoids a user lookup for uid 1001, which has no passwd entry.
    probe: { test: ['CMD', 'pg_isready', '-U', 'postgres', '-h', '127.0.0.1', '-p', '5432'], startPeriod: '30s' },
    fileEnv: ['POSTGRESQL_PASSWORD', 'POSTGRESQL_POSTGRES_PASSWORD', 'POSTGRESQL_REPLICATION_PASSWORD', 'POSTGRESQL_USERNAME', 'POSTGRESQL_DATABASE', 'POSTGRES_PASSWORD', 'POSTGRES_POSTGRES_PASSWORD', 'POSTGRES_REPLICATION_PASSWORD', 'POSTGRES_USER', 'POSTGRES_DB'] }),
  // Password required by default (ALLOW_EMPTY_PASSWORD=no): a plain `redis-cli ping` gets NOAUTH, so no probe is claimed.
  ...bitnami('redis', { ports: [6379], limits: small, curl: 'apt-get autoremove --purge -y curl',
    dockerfile: 'https://github.com/bitnami/containers/blob/db3c7a09741909259bc18ca6797bc1991d8298c6/bitnami/redis/7.4/debian-12/Dockerfile' }),
  ...bitnami('mysql', { ports: [3306], limits: large, curl: 'apt-get autoremove --purge -y curl',
    dockerfile: 'https://github.com/bitnami/containers/blob/043f89c88c0ea505b02145ba5dd2299e9cd3058e/bitnami/mysql/8.4/debian-12/Dockerfile',
    // mysqladmin is on PATH (/opt/bitnami/mysql/bin); `ping` exits 0 while the server runs, even when access is denied.
    probe: { test: ['CMD-SHELL', 'mysqladmin ping -h 127.0.0.1 --silent'], startPeriod: '30s' } }),
  ...bitnami('mongodb', { ports: [27017], limits: large, curl: 'apt-get autoremove --purge -y curl',
    dockerfile: 'https://github.com/bitnami/containers/blob/043f89c88c0ea505b02145ba5dd2299e9cd3058e/bitnami/mongodb/8.0/debian-12/Dockerfile' }),
  ...bitnami('kafka', { ports: [9092], limits: { cpus: '1.0', memory: '2G' }, runtime: 'java',
    dockerfile: 'https://github.com/bitnami/containers/blob/043f89c88c0ea505b02145ba5dd2299e9cd3058e/bitnami/kafka/3.9/debian-12/Dockerfile' }),
  ...bitnami('rabbitmq', { ports: [5672, 15672, 4369, 5551, 5552, 5671, 15671, 25672], limits: { cpus: '1.0', memory: '1G' },
    dockerfile: 'https://github.com/bitnami/containers/blob/63f390cadbd778efae6fbc213df2de0339e3765b/bitnami/rabbitmq/4.1/debian-12/Dockerfile',
    // rabbitmq-diagnostics is on PATH (/opt/bitnami/rabbitmq/sbin); Bitnami's own chart probes with it.
    probe: { test: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], startPeriod: '30s' } }),
  {
    // cp-kafka is built FROM confluentinc/cp-base-java(-micro), a ubi9-minimal image that creates `appuser` and ends
    // with `USER appuser`; the cp-kafka Dockerfile ends with `USER ${APP_UID}` (the base's appuser).
    family: 'cp-kafka', names: ['confluentinc/cp-kafka'], datastore: true, runtime: 'java', limits: { cpus: '1.0', memory: '2G' },
    variants: [{ variant: 'ubi', match: '^((\\d+-)?ubi\\d+)?$', facts: { os: 'rhel', tools: T({ sh: true }), user: 'appuser', nonRootUser: 'appuser', ports: [9092],
      evidence: 'source', unverified: ['bash', 'curl', 'wget', 'nc'],
      sources: ['https://github.com/confluentinc/kafka-images/blob/f8e3015a9a60a4f4713de29f61c3ffa15a18b3ae/kafka/Dockerfile.ubi9', 'https://github.com/confluentinc/common-docker/blob/fc63df605c2afb90369f08223fd52284982d5f25/base-java/Dockerfile.ubi9'] } }],
  },
  {
    // cp-zookeeper (7.x, discontinued with Confluent Platform 8): FROM confluentinc/cp-base-new (ubi8-minimal, which
    // creates appuser and ends with `USER appuser`), EXPOSE 2181 2888 3888. cp-base-new installs wget and nmap-ncat in
    // the ubi8 line; other lines differ, so no tool is claimed beyond sh.
    family: 'cp-zookeeper', names: ['confluentinc/cp-zookeeper'], datastore: true, runtime: 'java', limits: { cpus: '1.0', memory: '1G' },
    variants: [{ variant: 'ubi', match: '^((\\d+-)?ubi\\d+)?$', facts: { os: 'rhel', tools: T({ sh: true }), user: 'appuser', nonRootUser: 'appuser', ports: [2181, 2888, 3888],
      evidence: 'source', unverified: ['bash', 'curl', 'wget', 'nc'],
      sources: ['https://github.com/confluentinc/kafka-images/blob/5a46386b2e134bf371e3cbcd105631469984966e/zookeeper/Dockerfile.ubi8', 'https://github.com/confluentinc/common-docker/blob/2eebf9e7376abf3f6e17d46c592e8d4b424c6d39/base/Dockerfile.ubi8'] } }],
  },
  {
    // FROM confluentinc/cp-base-java (ubi9-minimal, appuser), EXPOSE 8081, ends with `USER appuser`.
    family: 'cp-schema-registry', names: ['confluentinc/cp-schema-registry'], runtime: 'java', limits: { cpus: '1.0', memory: '1G' },
    variants: [{ variant: 'ubi', match: '^((\\d+-)?ubi\\d+)?$', facts: { os: 'rhel', tools: T({ sh: true }), user: 'appuser', nonRootUser: 'appuser', ports: [8081],
      evidence: 'source', unverified: ['bash', 'curl', 'wget', 'nc'],
      sources: ['https://github.com/confluentinc/schema-registry-images/blob/09519e29abc6052e5f123c0f4e061dc86ef7bf8f/schema-registry/Dockerfile.ubi9', 'https://github.com/confluentinc/common-docker/blob/fc63df605c2afb90369f08223fd52284982d5f25/base-java/Dockerfile.ubi9'] } }],
  },
  {
    // Playwright's test image: ubuntu noble with Node.js from NodeSource, curl, GNU wget, git; `adduser pwuser`; runs as root.
    family: 'playwright', names: ['mcr.microsoft.com/playwright'], runtime: 'node', limits: { cpus: '2.0', memory: '2G' },
    variants: [{ variant: 'noble', match: '^noble$', facts: { os: 'ubuntu', tools: T({ bash: true, sh: true, curl: true, wget: 'gnu' }), nonRootUser: 'pwuser', evidence: 'source', unverified: ['nc'],
      sources: ['https://github.com/microsoft/playwright/blob/110312cf624a777884ddfc522614aa2cf3a41945/utils/docker/Dockerfile.noble'] } }],
  },
  {
    // portainer/base (the FROM of the release image) is not built in this repository: its tools are not known.
    family: 'portainer', names: ['portainer/portainer-ce', 'portainer/portainer-ee', 'portainer/portainer'], limits: small,
    versionPattern: '^(\\d+(\\.\\d+)*|lts|sts|latest)(-|$)',
    variants: [{ variant: 'default', match: '^$', facts: { os: 'other', tools: T({}), ports: [9000, 9443, 8000], evidence: 'source', unverified: ['bash', 'sh', 'curl', 'wget', 'nc'],
      sources: ['https://github.com/portainer/portainer/blob/cc75167437c013a24d12f97d2e07c8468448cc35/build/linux/Dockerfile'] } }],
  },
  {
    // Jaeger v1 all-in-one: FROM $base_image, Jaeger's alpine base (scripts/build/docker/base/Dockerfile), USER 10001.
    family: 'jaeger-all-in-one', names: ['jaegertracing/all-in-one'], limits: medium,
    variants: [{ variant: 'alpine', match: '^$', facts: { os: 'alpine', tools: T({ sh: true, wget: 'busybox', nc: true }), user: '10001', ports: [16686, 4317, 4318, 14268, 14250, 9411],
      evidence: 'source', sources: ['https://github.com/jaegertracing/jaeger/blob/f1201e77e160681ed35773f1d0edf0c8da8d1a75/cmd/all-in-one/Dockerfile', 'https://github.com/jaegertracing/jaeger/blob/f1201e77e160681ed35773f1d0edf0c8da8d1a75/scripts/build/docker/base/Dockerfile'] } }],
  },
  {
    family: 'jaeger', names: ['jaegertracing/jaeger'], limits: medium,
    variants: [{ variant: 'alpine', match: '^$', facts: { os: 'alpine', tools: T({ sh: true, wget: 'busybox', nc: true }), user: '10001', ports: [16686, 4317, 4318, 5778, 5779, 14268, 14250, 9411, 13132, 13133],
      evidence: 'source', sources: ['https://github.com/jaegertracing/jaeger/blob/8498073ff809b1a3923521920a9b1b017ea97ecf/cmd/jaeger/Dockerfile', 'https://github.com/jaegertracing/jaeger/blob/8498073ff809b1a3923521920a9b1b017ea97ecf/scripts/build/docker/base/Dockerfile'] } }],
  },
  {
    // Loki 3.x: final stage gcr.io/distroless/static:nonroot, USER 10001 (2.x tags were alpine: their tools are not claimed).
    family: 'loki', names: ['grafana/loki'], limits: { cpus: '1.0', memory: '1G' },
    variants: [{ variant: 'distroless', match: '^(|amd64|arm64|arm)$', from: { repo: 'grafana/loki', dockerfile: 'cmd/loki/Dockerfile', entrypoint: 'none' } }],
  },
  {
    // Promtail's last Dockerfile (removed from the repository after bd51fca): FROM ubuntu:noble with tzdata and ca-certificates.
    family: 'promtail', names: ['grafana/promtail'], limits: small,
    variants: [{ variant: 'ubuntu', match: '^(|amd64|arm64|arm)$', facts: { os: 'ubuntu', tools: T({ bash: true, sh: true }), ports: [9080], evidence: 'source',
      notes: 'Port 9080 is http_listen_port of the bundled /etc/promtail/config.yml. Older tags were built on debian.',
      sources: ['https://github.com/grafana/loki/blob/bd51fcae09d1301f3d9b58ac81dac427e88819ff/clients/cmd/promtail/Dockerfile', 'https://github.com/grafana/loki/blob/bd51fcae09d1301f3d9b58ac81dac427e88819ff/clients/cmd/promtail/promtail-docker-config.yaml'] } }],
  },
  {
    family: 'mailhog', names: ['mailhog/mailhog'], limits: small,
    variants: [{ variant: 'alpine', match: '^$', from: { repo: 'mailhog/MailHog', dockerfile: 'Dockerfile', entrypoint: 'none' },
      // A TCP probe on the SMTP listener: busybox nc is in the alpine base.
      probe: { test: ['CMD', 'nc', '-z', '127.0.0.1', '1025'] } }],
  },
  {
    family: 'mattermost', names: ['mattermost/mattermost-team-edition', 'mattermost/mattermost-enterprise-edition'], limits: { cpus: '1.0', memory: '1G' },
    versionPattern: '^(release-)?\\d+(\\.\\d+)*(-|$)',
    variants: [{ variant: 'ubuntu', match: '^$', facts: { os: 'ubuntu', tools: T({ bash: true, sh: true, curl: true }), user: 'mattermost', uid: 2000, nonRootUser: 'mattermost',
      ports: [8065, 8067, 8074, 8075], healthcheck: ['CMD-SHELL', 'curl -f http://localhost:8065/api/v4/system/ping || exit 1'], evidence: 'source', unverified: ['wget', 'nc'],
      notes: 'Read from the server/build/Dockerfile of a 7.10 release (the stored snapshot): its own HEALTHCHECK asks /api/v4/system/ping with curl.',
      sources: ['https://github.com/mattermost/mattermost/blob/83ca2bfd2388fca44e286ddcac01e5ff66cb54a3/server/build/Dockerfile'] } }],
  },
  {
    // Release image: alpine with curl, root, EXPOSE 7700; GET /health answers without an API key.
    family: 'meilisearch', names: ['getmeili/meilisearch'], datastore: true, limits: { cpus: '1.0', memory: '1G' },
    variants: [{ variant: 'alpine', match: '^$', from: { repo: 'meilisearch/meilisearch', dockerfile: 'Dockerfile', entrypoint: 'none' },
      probe: { test: ['CMD', 'curl', '-fsS', 'http://127.0.0.1:7700/health'] },
      facts: { sources: ['https://www.meilisearch.com/docs/reference/api/health'] } }],
  },
  {
    // docker/dockerfile target `release` (tags 2, 2-slim) on louislam/uptime-kuma:base2(-slim) (node:22-bookworm-slim
    // with curl), its own HEALTHCHECK extra/healthcheck; target `rootless` adds USER node.
    family: 'uptime-kuma', names: ['louislam/uptime-kuma'], runtime: 'node', limits: medium,
    variants: [
      { variant: 'release', match: '^(|slim)$', facts: { os: 'debian', tools: T({ bash: true, sh: true, curl: true }), nonRootUser: 'node', ports: [3001], healthcheck: ['CMD', 'extra/healthcheck'], evidence: 'source', unverified: ['wget', 'nc'],
        sources: ['https://github.com/louislam/uptime-kuma/blob/6398a9581d1c3c427a7536559f47ccf45dac08b4/docker/dockerfile', 'https://github.com/louislam/uptime-kuma/blob/6398a9581d1c3c427a7536559f47ccf45dac08b4/docker/debian-base.dockerfile'] } },
      { variant: 'rootless', match: '^(slim-)?rootless$', facts: { os: 'debian', tools: T({ bash: true, sh: true, curl: true }), user: 'node', nonRootUser: 'node', ports: [3001], healthcheck: ['CMD', 'extra/healthcheck'], evidence: 'source', unverified: ['wget', 'nc'],
        sources: ['https://github.com/louislam/uptime-kuma/blob/6398a9581d1c3c427a7536559f47ccf45dac08b4/docker/dockerfile', 'https://github.com/louislam/uptime-kuma/blob/6398a9581d1c3c427a7536559f47ccf45dac08b4/docker/debian-base.dockerfile'] } },
    ],
  },
  {
    // n8n 1.x: FROM n8nio/base (node:<version>-alpine with tini, git, openssh, graphicsmagick), `USER node`, EXPOSE
    // 5678. Versions before 1.0 ran as root and switched with su-exec: their tags are not this variant's facts.
    family: 'n8n', names: ['n8nio/n8n', 'docker.n8n.io/n8nio/n8n'], runtime: 'node', limits: { cpus: '1.0', memory: '1G' },
    variants: [{ variant: 'alpine', match: '^$', facts: { os: 'alpine', tools: T({ sh: true, wget: 'busybox', nc: true }), user: 'node', nonRootUser: 'node', ports: [5678], evidence: 'source',
      notes: 'Read from the 1.x docker/images/n8n/Dockerfile (FROM n8nio/base, USER node, ENTRYPOINT tini -- /docker-entrypoint.sh) and docker/images/n8n-base/Dockerfile.',
      sources: ['https://github.com/n8n-io/n8n/blob/a7693dd0cd1b0bc976b58dc00307fd15a6b114eb/docker/images/n8n-base/Dockerfile', 'https://github.com/n8n-io/n8n/tree/master/docker/images/n8n', 'https://docs.n8n.io/hosting/installation/docker/'] } }],
  },
  {
    // The root image starts s6 as root; its gitea service runs `su-exec $USER gitea web`. The rootless one is USER 1000:1000 (git).
    family: 'gitea', names: ['gitea/gitea'], limits: medium,
    probe: { test: ['CMD', 'curl', '-fsS', 'http://127.0.0.1:3000/api/healthz'], startPeriod: '30s' },
    variants: [
      { variant: 'alpine', match: '^$', facts: { os: 'alpine', tools: T({ bash: true, sh: true, curl: true, wget: 'busybox', nc: true }), nonRootUser: 'git', dropsPrivileges: 's6 + su-exec', ports: [3000, 22], evidence: 'source',
        sources: ['https://github.com/go-gitea/gitea/blob/03173b39ec924c76181370dd3c0dee3e75f6333a/Dockerfile', 'https://docs.gitea.com/installation/install-with-docker', 'https://docs.gitea.com/administration/command-line#doctor'] } },
      { variant: 'rootless', match: '^rootless$', facts: { os: 'alpine', tools: T({ bash: true, sh: true, curl: true, wget: 'busybox', nc: true }), user: 'git', uid: 1000, nonRootUser: 'git', ports: [3000, 2222], evidence: 'source',
        sources: ['https://github.com/go-gitea/gitea/blob/023ef493211f44ec0d93485e677a7ca5330f2e0c/Dockerfile.rootless', 'https://docs.gitea.com/installation/install-with-docker-rootless'] } },
    ],
  },
  // ----- base OS images: documented (their rootfs is not built from a Dockerfile)
  {
    family: 'debian', names: ['debian'], limits: medium, versionPattern: '^(\\d+(\\.\\d+)*|bookworm|trixie|bullseye|buster|forky|sid|stable|testing|unstable|oldstable)(-\\d{8})?(-|$)',
    variants: [
      { variant: 'debian', match: '^(|backports)$', facts: { os: 'debian', tools: T({ bash: true, sh: true }), sources: ['https://github.com/debuerreotype/docker-debian-artifacts', 'https://hub.docker.com/_/debian'] } },
      { variant: 'slim', match: '^slim$', facts: { os: 'debian', tools: T({ bash: true, sh: true }), sources: ['https://github.com/debuerreotype/docker-debian-artifacts', 'https://hub.docker.com/_/debian'] } },
    ],
  },
  {
    family: 'ubuntu', names: ['ubuntu'], limits: medium, versionPattern: '^(\\d+(\\.\\d+)*|jammy|noble|focal|plucky|questing|resolute|rolling|devel)(-\\d{8}(\\.\\d+)?)?(-|$)',
    variants: [{ variant: 'ubuntu', match: '^$', facts: { os: 'ubuntu', tools: T({ bash: true, sh: true }), sources: ['https://git.launchpad.net/cloud-images/+oci/ubuntu-base', 'https://hub.docker.com/_/ubuntu'] } }],
  },
  {
    family: 'alpine', names: ['alpine'], limits: small, versionPattern: '^(\\d+(\\.\\d+)*|edge|\\d{8})(-|$)',
    variants: [{ variant: 'alpine', match: '^$', facts: { os: 'alpine', tools: T({ sh: true, wget: 'busybox', nc: true }), sources: ['https://gitlab.alpinelinux.org/alpine/aports/-/blob/master/main/busybox/busyboxconfig', 'https://hub.docker.com/_/alpine'] } }],
  },
  {
    family: 'busybox', names: ['busybox'], limits: small, versionPattern: '^(\\d+(\\.\\d+)*|unstable|stable)(-|$)',
    variants: [{ variant: 'busybox', match: '^(|glibc|musl|uclibc)$', facts: { os: 'busybox', tools: T({ sh: true, wget: 'busybox', nc: true }), sources: ['https://github.com/docker-library/busybox', 'https://hub.docker.com/_/busybox'] } }],
  },
  {
    // gcr.io/distroless/<image>:<tag>: matched on "<image>:<tag>" (see kb.ts). No shell or tools; `:debug` adds busybox.
    family: 'distroless', names: ['gcr.io/distroless/*'], limits: medium, matchOn: 'repository:tag',
    variants: [
      { variant: 'latest', match: '^[\\w-]+:(latest|[\\w-]*-?(amd64|arm64))?$', facts: { os: 'distroless', tools: T({}), sources: ['https://github.com/GoogleContainerTools/distroless/blob/main/README.md'] } },
      { variant: 'nonroot', match: '^[\\w-]+:nonroot(-[\\w]+)?$', facts: { os: 'distroless', tools: T({}), user: 'nonroot', nonRootUser: 'nonroot', sources: ['https://github.com/GoogleContainerTools/distroless/blob/main/README.md'] } },
      { variant: 'debug', match: '^[\\w-]+:debug(-(amd64|arm64))?$', facts: { os: 'distroless', tools: T({ sh: true, wget: 'busybox', nc: true }), nonRootUser: 'nonroot', sources: ['https://github.com/GoogleContainerTools/distroless/blob/main/README.md#debug-images'] } },
      { variant: 'debug-nonroot', match: '^[\\w-]+:debug-nonroot(-[\\w]+)?$', facts: { os: 'distroless', tools: T({ sh: true, wget: 'busybox', nc: true }), user: 'nonroot', nonRootUser: 'nonroot', sources: ['https://github.com/GoogleContainerTools/distroless/blob/main/README.md#debug-images'] } },
    ],
  },
  // ----- documented only: build not fetched here (repository too large or not public); facts from the vendor's docs
  {
    family: 'elasticsearch', names: ['elasticsearch', 'docker.elastic.co/elasticsearch/elasticsearch'], datastore: true, runtime: 'java', limits: { cpus: '2.0', memory: '2G' },
    variants: [{ variant: 'ubuntu', match: '^$', probe: { test: ['CMD-SHELL', 'curl -fs http://127.0.0.1:9200/_cluster/health || exit 1'], startPeriod: '60s' },
      facts: { os: 'other', tools: T({ bash: true, sh: true, curl: true }), user: 'elasticsearch', nonRootUser: 'elasticsearch', ports: [9200, 9300], unverified: ['wget', 'nc'],
        notes: 'Base is a Wolfi/ubuntu image depending on version; curl is used by the documented healthcheck. Security is on by default in 8.x: the probe then needs credentials (-u elastic:$ELASTIC_PASSWORD) or returns 401.',
        fileEnv: ['ELASTIC_PASSWORD_FILE'],
        sources: ['https://www.elastic.co/guide/en/elasticsearch/reference/current/docker.html', 'https://github.com/elastic/elasticsearch/tree/main/distribution/docker'] } }],
  },
  {
    family: 'opensearch', names: ['opensearchproject/opensearch'], datastore: true, runtime: 'java', limits: { cpus: '2.0', memory: '2G' },
    variants: [{ variant: 'default', match: '^$', facts: { os: 'rhel', tools: T({ bash: true, sh: true, curl: true }), user: 'opensearch', nonRootUser: 'opensearch', ports: [9200, 9300, 9600], unverified: ['wget', 'nc'],
      notes: 'Security plugin enables TLS and basic auth on 9200 by default; a probe needs -k and credentials.',
      sources: ['https://opensearch.org/docs/latest/install-and-configure/install-opensearch/docker/', 'https://github.com/opensearch-project/opensearch-build/tree/main/docker/release'] } }],
  },
  {
    family: 'grafana', names: ['grafana/grafana', 'grafana/grafana-oss', 'grafana/grafana-enterprise'], limits: medium,
    variants: [
      { variant: 'alpine', match: '^$', probe: { test: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:3000/api/health'] },
        facts: { os: 'alpine', tools: T({ sh: true, wget: 'busybox', nc: true }), user: '472', nonRootUser: 'grafana', ports: [3000], unverified: ['curl', 'bash'],
          fileEnv: ['GF_SECURITY_ADMIN_PASSWORD__FILE', 'GF_SECURITY_ADMIN_USER__FILE'],
          notes: 'Any GF_<SECTION>_<KEY>__FILE variable is read from a file (double underscore).',
          sources: ['https://grafana.com/docs/grafana/latest/setup-grafana/configure-docker/', 'https://grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#override-configuration-with-environment-variables'] } },
      { variant: 'ubuntu', match: '^ubuntu$', probe: { test: ['CMD', 'curl', '-fsS', 'http://127.0.0.1:3000/api/health'] },
        facts: { os: 'ubuntu', tools: T({ bash: true, sh: true, curl: true }), user: '472', nonRootUser: 'grafana', ports: [3000], unverified: ['wget', 'nc'],
          fileEnv: ['GF_SECURITY_ADMIN_PASSWORD__FILE', 'GF_SECURITY_ADMIN_USER__FILE'],
          sources: ['https://grafana.com/docs/grafana/latest/setup-grafana/configure-docker/'] } },
    ],
  },
  {
    // ubi9-micro: no curl; bash present. Health endpoints on the management port 9000 need KC_HEALTH_ENABLED=true.
    family: 'keycloak', names: ['quay.io/keycloak/keycloak', 'keycloak/keycloak'], runtime: 'java', limits: { cpus: '2.0', memory: '1G' },
    variants: [{ variant: 'ubi-micro', match: '^$', probe: { test: ['CMD-SHELL', "exec 3<>/dev/tcp/127.0.0.1/9000 && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && grep -q '200 OK' <&3"], startPeriod: '90s',
      requires: { what: 'health endpoints turned on (KC_HEALTH_ENABLED=true, or `--health-enabled=true` in its command)', command: '^--health-enabled(=true)?$', environment: 'KC_HEALTH_ENABLED' } },
      facts: { os: 'rhel', tools: T({ bash: true, sh: true }), user: '1000', nonRootUser: 'keycloak', ports: [8080, 8443, 9000], unverified: ['wget', 'nc'],
        notes: 'The probe uses bash /dev/tcp (CMD-SHELL runs /bin/sh, which is bash on UBI). Port 9000 serves health only with KC_HEALTH_ENABLED=true.',
        sources: ['https://github.com/keycloak/keycloak/blob/main/quarkus/container/Dockerfile', 'https://www.keycloak.org/server/containers', 'https://www.keycloak.org/observability/health'] } }],
  },
];

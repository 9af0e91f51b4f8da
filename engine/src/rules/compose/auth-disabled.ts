import { isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import { entryNameRange, environmentEntries, singleVariable } from '../../compose/environment';
import { allInterfaces, composeIndex } from '../../compose/file-index';
import type { ComposeService } from '../../compose/model';

/** How a value turns the setting on. */
type Test = (value: string) => boolean;
const yes: Test = (value) => /^(yes|true|1|on)$/i.test(value);
const no: Test = (value) => /^(no|false|0|off)$/i.test(value);
/** The MySQL and MariaDB entrypoints test `-n "$VAR"`: any value at all, even `no`, allows the empty password. */
const anyValue: Test = (value) => value !== '';

const SETTINGS: { name: RegExp; on: Test; effect: string }[] = [
  { name: /^POSTGRES_HOST_AUTH_METHOD$/, on: (value) => value.toLowerCase() === 'trust', effect: 'lets anyone who reaches PostgreSQL log in as any user, without a password' },
  { name: /^(MYSQL_ALLOW_EMPTY_PASSWORD|MARIADB_ALLOW_EMPTY_ROOT_PASSWORD|MARIADB_ALLOW_EMPTY_PASSWORD)$/, on: anyValue, effect: 'creates the database\'s root user with an empty password (any value turns it on, even "no")' },
  { name: /^ALLOW_EMPTY_PASSWORD$/, on: yes, effect: 'starts the Bitnami image without a password' },
  { name: /^xpack\.security\.enabled$/, on: no, effect: 'turns off Elasticsearch\'s authentication' },
  { name: /^(DISABLE_SECURITY_PLUGIN|plugins\.security\.disabled)$/, on: yes, effect: 'turns off OpenSearch\'s security plugin (no authentication, no TLS)' },
  { name: /^GF_AUTH_ANONYMOUS_ORG_ROLE$/, on: (value) => value.toLowerCase() === 'admin', effect: 'gives every anonymous visitor the Admin role in Grafana' },
];

export default defineComposeRule({
  meta: {
    id: 'compose/auth-disabled',
    severity: 'warning',
    description: 'A setting turns off a service\'s authentication (`POSTGRES_HOST_AUTH_METHOD: trust`, an allowed empty password, Redis without protected mode).',
    rationale:
      'Images that ship with a login let their environment turn it off, for a quick local start: `POSTGRES_HOST_AUTH_METHOD: trust`, `MYSQL_ALLOW_EMPTY_PASSWORD` (any value, even "no"), `MARIADB_ALLOW_EMPTY_ROOT_PASSWORD`, Bitnami\'s `ALLOW_EMPTY_PASSWORD=yes`, `xpack.security.enabled=false`, OpenSearch\'s `DISABLE_SECURITY_PLUGIN`, Grafana\'s anonymous Admin role, `redis-server --protected-mode no` without `--requirepass`. Then any process that reaches the port owns the data: every container on the network, a compromised dependency, and the whole network when the port is published. It is a warning, since the port may be reachable from other containers only; it is an error when the service publishes a port on every interface of the host, where anyone who can reach the host can log in. There is no fix: set a password from a Docker secret (`POSTGRES_PASSWORD_FILE`, `MYSQL_ROOT_PASSWORD_FILE`, `--requirepass` read from a file).',
    examples: {
      incorrect: [
        'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: trust\n',
        'services:\n  db:\n    image: mysql:8.4\n    environment:\n      MYSQL_ALLOW_EMPTY_PASSWORD: "yes"\n    ports:\n      - "3306:3306"\n',
      ],
      correct: [
        'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt\n',
      ],
    },
  },
  check({ file, report }) {
    const published = new Set(composeIndex(file).ports.filter((port) => allInterfaces(port.hostIp)).map((port) => port.service));
    const seen = new Set<unknown>();
    for (const service of file.services) {
      const severity = published.has(service) ? 'error' : 'warning';
      const where = published.has(service) ? ', and its port is published on every interface of the host' : '';
      for (const entry of environmentEntries(service)) {
        if (entry.value === undefined || seen.has(entry.node)) continue;
        const setting = SETTINGS.find((each) => each.name.test(entry.name));
        const value = effectiveValue(entry.value);
        if (!setting || value === undefined || !setting.on(value)) continue;
        seen.add(entry.node);
        report({ ...entryNameRange(file.text, entry), message: `"${entry.name}" ${setting.effect}${where}.`, severity, fixes: [] });
      }
      const unprotected = unprotectedRedis(service);
      if (unprotected && !seen.has(unprotected)) {
        seen.add(unprotected);
        report({ node: unprotected, message: `Redis runs with \`--protected-mode no\` and no \`--requirepass\`: any client that reaches it gets every key and command${where}.`, severity, fixes: [] });
      }
    }
  },
});

/** The value Compose passes: the text, or the default of a lone `${VAR:-default}`; undefined for a bare variable. */
function effectiveValue(raw: string): string | undefined {
  const trimmed = raw.trim();
  const variable = singleVariable(trimmed);
  if (!variable) return trimmed.includes('$') ? undefined : trimmed;
  return variable.operator === ':-' || variable.operator === '-' ? variable.argument?.trim() : undefined;
}

/** The `command` item or string with `--protected-mode no` when no item of it sets `--requirepass`. */
function unprotectedRedis(service: ComposeService): Scalar | undefined {
  const command = service.get('command');
  const scalars: Scalar[] = [];
  if (isScalar(command)) scalars.push(command);
  else if (isSeq(command)) for (const item of command.items as Node[]) { const resolved = service.resolve(item); if (isScalar(resolved)) scalars.push(resolved); }
  const words = scalars.flatMap((scalar) => String(scalar.value).split(/\s+/).map((word) => ({ word: word.replace(/^["']|["']$/g, ''), scalar })));
  if (words.some(({ word }) => word === '--requirepass' || word.startsWith('--requirepass='))) return undefined;
  const at = words.findIndex(({ word }) => word === '--protected-mode');
  return at >= 0 && words[at + 1]?.word === 'no' ? words[at].scalar : undefined;
}

/** The `environment:` of a service in both syntaxes, with the exact range of every name and value. */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { ComposeService } from './model';

export interface EnvironmentEntry {
  name: string;
  /** undefined when the variable has no value (`- NAME` or `NAME:`), passed through from the host. */
  value: string | undefined;
  /** Offsets of the name. */
  nameStart: number;
  nameEnd: number;
  /** The node holding the entry: the list item scalar (`- NAME=value`) or the map pair. */
  node: Scalar | Pair;
  syntax: 'list' | 'map';
}

const entriesCache = new WeakMap<ComposeService, EnvironmentEntry[]>();

/** The entries of a service's `environment`, read once per parsed file (several rules and fixes ask). */
export function environmentEntries(service: ComposeService): EnvironmentEntry[] {
  let entries = entriesCache.get(service);
  if (!entries) {
    entries = readEnvironment(service);
    entriesCache.set(service, entries);
  }
  return entries;
}

function readEnvironment(service: ComposeService): EnvironmentEntry[] {
  const environment = service.get('environment');
  const entries: EnvironmentEntry[] = [];
  if (isMap(environment)) {
    for (const pair of environment.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const value = isScalar(pair.value) && pair.value.value !== null ? String(pair.value.value) : undefined;
      entries.push({ name: String(pair.key.value), value, nameStart: pair.key.range[0], nameEnd: pair.key.range[1], node: pair, syntax: 'map' });
    }
  } else if (isSeq(environment)) {
    for (const item of environment.items as Node[]) {
      if (!isScalar(item) || !item.range || typeof item.value !== 'string') continue;
      const text = item.value;
      const eq = text.indexOf('=');
      const name = (eq >= 0 ? text.slice(0, eq) : text).trim();
      const quote = item.type === 'QUOTE_DOUBLE' || item.type === 'QUOTE_SINGLE' ? 1 : 0;
      const nameStart = item.range[0] + quote;
      entries.push({ name, value: eq >= 0 ? text.slice(eq + 1) : undefined, nameStart, nameEnd: nameStart + name.length, node: item, syntax: 'list' });
    }
  }
  return entries;
}

const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'secret', 'secrets', 'token', 'apikey', 'credential', 'credentials', 'auth', 'privatekey', 'passphrase']);
const SECRET_PAIRS = [['api', 'key'], ['private', 'key'], ['access', 'key'], ['secret', 'key'], ['client', 'secret'], ['encryption', 'key'], ['signing', 'key'], ['master', 'key']];
/** Last words that make a secret-looking name a public setting (`AUTH_ENABLED`, `TOKEN_TTL`, `GOOGLE_CLIENT_ID`). */
const PUBLIC_LAST_WORDS = new Set([
  'file', 'id', 'user', 'username', 'name', 'host', 'hostname', 'port', 'url', 'uri', 'path', 'dir', 'enabled', 'enable',
  'disabled', 'type', 'mode', 'method', 'provider', 'expire', 'expires', 'expiry', 'expiration', 'ttl', 'timeout',
  'algorithm', 'alg', 'issuer', 'audience', 'realm', 'domain', 'length', 'header', 'endpoint', 'server', 'version',
  'strategy', 'scope', 'scopes', 'policy', 'lifetime', 'duration', 'min', 'max', 'rounds', 'cost', 'db', 'database',
  'location', 'store', 'backend', 'prefix', 'suffix', 'format', 'level', 'required', 'secure', 'size', 'count',
]);

/** Splits `GOOGLE_CLIENT_SECRET`, `jwtSecret`, `api-key` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/** Whether a variable name looks like it holds a secret. */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  if (PUBLIC_LAST_WORDS.has(words[words.length - 1])) return false;
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  for (let i = 0; i + 1 < words.length; i++) {
    if (SECRET_PAIRS.some(([a, b]) => words[i] === a && words[i + 1] === b)) return true;
  }
  return false;
}

export type SecretValueKind = 'literal' | 'interpolated' | 'interpolated-default';

/** Classifies a value: a literal, `${VAR}`, or `${VAR:-default}` with a non-empty default. */
export function secretValueKind(value: string): SecretValueKind | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const withoutEscapes = trimmed.replace(/\$\$/g, '');
  const interpolation = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
  let found = false;
  let hasDefault = false;
  let rest = withoutEscapes;
  for (const match of withoutEscapes.matchAll(interpolation)) {
    found = true;
    if (match[2] === '-' && (match[3] ?? '').trim() !== '') hasDefault = true;
    rest = rest.replace(match[0], '');
  }
  if (!found) return 'literal';
  if (hasDefault) return 'interpolated-default';
  return rest.trim() === '' ? 'interpolated' : 'literal';
}

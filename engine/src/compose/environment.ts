/** The `environment:` of a service in both syntaxes, with the exact range of every name and value. */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { isMergeKey, type ComposeService } from './model';

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
    readMapEntries(service, environment, entries, new Set(), 0);
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

/**
 * The pairs of an `environment` map, then those merged into it with `<<: *anchor` (or `<<: [*a, *b]`) that it does
 * not set itself: a merged entry is the pair in the anchored map (an `x-` block), so a secret written there is one
 * entry however many services merge it.
 */
function readMapEntries(service: ComposeService, map: YAMLMap, entries: EnvironmentEntry[], names: Set<string>, depth: number): void {
  const merges: Pair[] = [];
  for (const pair of map.items) {
    if (isMergeKey(pair)) {
      merges.push(pair);
      continue;
    }
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const name = String(pair.key.value);
    if (depth > 0 && names.has(name)) continue;
    names.add(name);
    const value = isScalar(pair.value) && pair.value.value !== null ? String(pair.value.value) : undefined;
    entries.push({ name, value, nameStart: pair.key.range[0], nameEnd: pair.key.range[1], node: pair, syntax: 'map' });
  }
  if (depth > 8) return;
  for (const merge of merges) {
    const source = service.resolve(merge.value as Node);
    const sources = isSeq(source) ? (source.items as Node[]).map((item) => service.resolve(item)) : [source];
    for (const candidate of sources) if (isMap(candidate)) readMapEntries(service, candidate, entries, names, depth + 1);
  }
}

/**
 * Where an entry's name is written. A list item spelled as a block scalar (`- |-` then `NAME=value`) has its name on
 * the first line with content after the header, not where the item starts (its `|`); the item's start when the name
 * is not found there as written (a name split by folding).
 */
export function entryNameRange(text: string, entry: EnvironmentEntry): { start: number; end: number } {
  const item = entry.node as Scalar;
  if (entry.syntax !== 'list' || !item.range || (item.type !== 'BLOCK_LITERAL' && item.type !== 'BLOCK_FOLDED')) return { start: entry.nameStart, end: entry.nameEnd };
  const headerEnd = text.indexOf('\n', item.range[0]);
  const content = headerEnd < 0 ? -1 : text.slice(headerEnd, item.range[1]).search(/\S/);
  const start = content < 0 ? -1 : headerEnd + content;
  if (start < 0 || entry.name === '' || text.slice(start, start + entry.name.length) !== entry.name) return { start: entry.nameStart, end: entry.nameEnd };
  return { start, end: start + entry.name.length };
}

const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'secret', 'secrets', 'token', 'apikey', 'credential', 'credentials', 'auth', 'privatekey', 'passphrase']);
const SECRET_PAIRS = [['api', 'key'], ['private', 'key'], ['access', 'key'], ['secret', 'key'], ['client', 'secret'], ['encryption', 'key'], ['signing', 'key'], ['master', 'key'], ['secret', 'id']];
/**
 * Words that may follow the secret word of a name that still holds the secret itself: `SECRET_KEY_BASE`,
 * `AUTH_KEY`, `API_KEY_2`, `DB_PASSWORD_PROD`, `PRIVATE_KEY_PEM`, `ADMIN_PASSWORD_HASH`. Any other word after it makes
 * the name a setting about the secret, not the secret: `*_PASSWORD_POLICY`, `*_TOKEN_TTL`, `*_SECRET_NAME`,
 * `*_KEY_PATH`, `*_PASSWORD_FILE`, `AUTH_LDAP_USER_SEARCH`, `*_AUTH_BACKENDS`, `AUTH_LDAP_USER_ATTR_MAP`.
 */
const VALUE_SUFFIX_WORDS = new Set([
  'key', 'base', 'value', 'hash', 'hashed', 'salt', 'digest', 'bcrypt', 'sha', 'sha1', 'sha256', 'sha512', 'md5',
  'b64', 'base64', 'hex', 'encoded', 'raw', 'plain', 'plaintext', 'pem', 'der', 'jwk', 'json', 'data', 'content',
  'contents', 'string', 'str', 'text', 'bytes', 'prod', 'production', 'dev', 'development', 'staging', 'stage', 'test',
  'live', 'sandbox', 'old', 'new', 'current', 'previous', 'prev', 'next', 'primary', 'secondary', 'admin', 'root',
  'ro', 'rw', 'readonly', 'readwrite',
]);

/**
 * Words that make a name a setting about the secret when one of them alone follows the secret word (`AUTH_BACKENDS`,
 * `TOKEN_TTL`, `PASSWORD_FILE`); a plural counts as its singular. Any other single word is read as a qualifier of
 * the value (`SERVICE_PASSWORD_POSTGRESQL`, `WA_TOKEN_WEBHOOK`, `ACCESS_AUTH_CODE`).
 */
const SETTING_WORDS = new Set([
  'file', 'id', 'user', 'username', 'name', 'host', 'hostname', 'port', 'url', 'uri', 'path', 'dir', 'enabled', 'enable',
  'disabled', 'disable', 'type', 'mode', 'method', 'provider', 'expire', 'expires', 'expiry', 'expiration', 'ttl', 'timeout',
  'algorithm', 'alg', 'issuer', 'audience', 'realm', 'domain', 'length', 'header', 'endpoint', 'server', 'version',
  'strategy', 'scope', 'policy', 'lifetime', 'duration', 'min', 'max', 'rounds', 'cost', 'db', 'database',
  'location', 'store', 'backend', 'prefix', 'suffix', 'format', 'level', 'required', 'secure', 'insecure', 'size', 'count',
  'search', 'map', 'attr', 'attribute', 'template', 'filter', 'class', 'reset', 'signup', 'callback', 'redirect', 'verify',
  'autoverify', 'check', 'cache', 'storage', 'source', 'config', 'option', 'setting', 'key', 'field', 'param', 'env',
  'variable', 'var', 'regex', 'pattern', 'list', 'allowed', 'allow', 'ignore', 'skip', 'interval', 'delay', 'through', 'thru',
]);

/** Splits `GOOGLE_CLIENT_SECRET`, `jwtSecret`, `api-key` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/**
 * Whether a variable name looks like it holds a secret: it has a secret word (`PASSWORD`, `TOKEN`, `API_KEY`...), and
 * the words after the last one only qualify the value (`_2`, `_PROD`, `_BASE`, `_HASH`) or are one word that names
 * no setting (`SERVICE_PASSWORD_POSTGRESQL`). A name whose secret word is followed by a setting word or by several
 * words names a setting about the secret (`*_TOKEN_TTL`, `*_PASSWORD_FILE`, `*_AUTH_BACKENDS`, `AUTH_LDAP_USER_SEARCH`).
 * `*_ACCESS_KEY_ID` is a credential: the public half of a key pair, still an account identifier to keep out of files.
 */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  let end = -1;
  for (let i = 0; i < words.length; i++) {
    if (i + 1 < words.length && SECRET_PAIRS.some(([a, b]) => words[i] === a && words[i + 1] === b)) end = i + 2;
    else if (SECRET_WORDS.has(words[i])) end = Math.max(end, i + 1);
  }
  if (end < 0) return false;
  const suffix = words.slice(end);
  if (suffix.length === 1 && suffix[0] === 'id' && words[end - 2] === 'access' && words[end - 1] === 'key') return true;
  if (suffix.every((word) => VALUE_SUFFIX_WORDS.has(word) || /^v?\d+$/.test(word))) return true;
  return suffix.length === 1 && !SETTING_WORDS.has(suffix[0]) && !SETTING_WORDS.has(suffix[0].replace(/s$/, ''));
}

export type SecretValueKind = 'literal' | 'interpolated' | 'interpolated-default';

/** `${VAR<operator><argument>}`: `:-`/`-` a default, `:?`/`?` an error when unset, `:+`/`+` a replacement when set. */
export type InterpolationOperator = ':-' | '-' | ':?' | '?' | ':+' | '+';

/** A piece of a value as Compose interpolates it: literal text (`$$` read as `$`) or one variable reference. */
export type InterpolationPart =
  | { text: string }
  | { variable: string; operator?: InterpolationOperator; argument?: string };

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const OPERATOR = /:?[-?+]/y;

/**
 * A value split as Compose reads it, left to right: `$$` is a literal `$`, `$VAR` and `${VAR}` are variables,
 * `${VAR:-default}` and the other operators keep their argument (which may hold `${...}` itself); a `$` before
 * anything else is text. Undefined for a `${` Compose refuses (no name, or never closed).
 */
export function interpolationParts(value: string): InterpolationPart[] | undefined {
  const parts: InterpolationPart[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') parts.push({ text });
    text = '';
  };
  let at = 0;
  while (at < value.length) {
    const dollar = value.indexOf('$', at);
    if (dollar < 0) {
      text += value.slice(at);
      break;
    }
    text += value.slice(at, dollar);
    const next = value[dollar + 1];
    if (next === '$') {
      text += '$';
      at = dollar + 2;
      continue;
    }
    if (next === '{') {
      NAME.lastIndex = dollar + 2;
      const name = NAME.exec(value)?.[0];
      if (name === undefined) return undefined;
      let cursor = dollar + 2 + name.length;
      OPERATOR.lastIndex = cursor;
      const operator = OPERATOR.exec(value)?.[0] as InterpolationOperator | undefined;
      if (operator) cursor += operator.length;
      else if (value[cursor] !== '}') return undefined;
      const close = closingBrace(value, cursor);
      if (close < 0) return undefined;
      flush();
      parts.push(operator ? { variable: name, operator, argument: value.slice(cursor, close) } : { variable: name });
      at = close + 1;
      continue;
    }
    NAME.lastIndex = dollar + 1;
    const name = NAME.exec(value)?.[0];
    if (name === undefined) {
      text += '$';
      at = dollar + 1;
      continue;
    }
    flush();
    parts.push({ variable: name });
    at = dollar + 1 + name.length;
  }
  flush();
  return parts;
}

/** The `}` that closes a `${` whose argument starts at `from` (nested `${...}` and `$$` skipped); -1 when none. */
function closingBrace(value: string, from: number): number {
  let depth = 0;
  for (let i = from; i < value.length; i++) {
    if (value[i] === '$' && value[i + 1] === '$') i++;
    else if (value[i] === '$' && value[i + 1] === '{') {
      depth++;
      i++;
    } else if (value[i] === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The variable a value is, when the whole value is exactly one reference (`$VAR`, `${VAR}`, `${VAR:-x}`...). */
export function singleVariable(value: string): Extract<InterpolationPart, { variable: string }> | undefined {
  const parts = interpolationParts(value);
  return parts?.length === 1 && 'variable' in parts[0] ? parts[0] : undefined;
}

/** Whether a default holds text of its own (`${A:-s3cret}`, `${A:-${B:-s3cret}}`), not only other variables. */
function writesText(argument: string): boolean {
  const parts = interpolationParts(argument);
  if (!parts) return argument.trim() !== '';
  return parts.some((part) => ('text' in part ? part.text.trim() !== '' : (part.operator === '-' || part.operator === ':-') && writesText(part.argument ?? '')));
}

/**
 * Classifies a value: a literal (no variable, or variables mixed with text such as `$S$$_1`, the variable S then a
 * literal `$_1`), `${VAR}` alone, or a variable with a default written in the file (`${VAR:-default}`).
 */
export function secretValueKind(value: string): SecretValueKind | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const parts = interpolationParts(trimmed);
  if (!parts) return 'literal';
  const variables = parts.filter((part) => 'variable' in part);
  if (variables.length === 0) return 'literal';
  if (variables.some((part) => (part.operator === '-' || part.operator === ':-') && writesText(part.argument ?? ''))) return 'interpolated-default';
  return parts.every((part) => 'variable' in part || part.text.trim() === '') ? 'interpolated' : 'literal';
}

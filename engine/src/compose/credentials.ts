/**
 * Secrets that are not a secret-named variable: a password inside a URL (`postgres://user:pass@host/db`), a password
 * option on a command line (`redis-server --requirepass pass`), and the variables of an `env_file`. Each says what
 * kind of value it found (a literal, a `${VAR}`, a `${VAR:-default}`), never the value itself.
 */
import * as path from '../core/paths';
import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { isSecretName, secretValueKind, type SecretValueKind } from './environment';
import type { ComposeFile, ComposeService } from './model';

/** `scheme://user:password@` and `scheme://:password@` (the password may be empty, then there is none). */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/@:]*:([^\s/@]*)@/gi;

/**
 * How the password of the first URL with one is written: undefined when no URL of the value has a password, or
 * when each is exactly a variable (`postgres://app:${DB_PASSWORD}@db/app`).
 */
export function urlPasswordKind(value: string): SecretValueKind | undefined {
  let worst: SecretValueKind | undefined;
  for (const match of value.matchAll(URL_CREDENTIALS)) {
    const kind = passwordKind(match[1]);
    if (kind === 'literal') return kind;
    if (kind === 'interpolated-default') worst = kind;
  }
  return worst;
}

/**
 * A password written in the file: a literal, or a variable with a default written in the file. Undefined when empty
 * or a variable (`${VAR}`, or `$$VAR` that the shell expands in the container).
 */
function passwordKind(raw: string): Exclude<SecretValueKind, 'interpolated'> | undefined {
  if (raw === '') return undefined;
  if (/^\$\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(raw)) return undefined;
  const kind = secretValueKind(raw);
  return kind === 'interpolated' ? undefined : kind;
}

export interface CommandPassword {
  /** The node holding the option (the `command` string, or the list item). */
  node: Scalar;
  /** The option as written (`--requirepass`, `-a`, `-p`), never its value. */
  option: string;
  kind: SecretValueKind;
}

/** Options whose value is a password whatever the program: Redis/Valkey's own, and secret-named long options. */
const PASSWORD_OPTIONS = new Set(['--requirepass', '--masterauth']);
/** Programs whose short option takes a password: `redis-cli -a pass`, `mysql -ppass` (attached only). */
const SHORT_PASSWORD = new Map([['redis-cli', '-a'], ['valkey-cli', '-a'], ['mysql', '-p'], ['mysqladmin', '-p'], ['mysqldump', '-p'], ['mariadb', '-p'], ['mariadb-admin', '-p'], ['mariadb-dump', '-p']]);

/**
 * Passwords written on the command lines of a service: `command`, `entrypoint` and the healthcheck `test`, in string
 * or list form, `sh -c "..."` strings included. Values that are variables are left alone.
 */
export function commandPasswords(service: ComposeService): CommandPassword[] {
  const found: CommandPassword[] = [];
  const lines: { word: string; scalar: Scalar }[][] = [];
  const collect = (node: Node | null | undefined) => {
    const resolved = service.resolve(node);
    const scalars = isScalar(resolved) ? [resolved] : isSeq(resolved) ? (resolved.items as Node[]).map((item) => service.resolve(item)) : [];
    lines.push(scalars.flatMap((scalar) => (isScalar(scalar) && typeof scalar.value === 'string' ? shellWords(scalar.value).map((word) => ({ word, scalar })) : [])));
  };
  collect(service.get('command'));
  collect(service.get('entrypoint'));
  const healthcheck = service.get('healthcheck');
  if (isMap(healthcheck)) collect(healthcheck.get('test', true) as Node | undefined);
  for (const words of lines) {
    let short: string | undefined;
    for (let i = 0; i < words.length; i++) {
      const { word, scalar } = words[i];
      const program = word.slice(word.lastIndexOf('/') + 1);
      short = SHORT_PASSWORD.get(program) ?? short;
      let option: string | undefined;
      let value: string | undefined;
      const eq = word.indexOf('=');
      const name = eq > 0 ? word.slice(0, eq) : word;
      if (name.startsWith('--') && (PASSWORD_OPTIONS.has(name) || isSecretName(name.slice(2)))) {
        option = name;
        value = eq > 0 ? word.slice(eq + 1) : words[i + 1]?.word;
        if (eq < 0 && value?.startsWith('-')) value = undefined;
      } else if (short === '-a' && word === '-a') {
        option = word;
        value = words[i + 1]?.word;
      } else if (short === '-p' && word.startsWith('-p') && word.length > 2 && !word.startsWith('--')) {
        option = '-p';
        value = word.slice(2);
      }
      if (option === undefined || value === undefined) continue;
      const kind = passwordKind(value);
      if (kind) found.push({ node: scalar, option, kind });
    }
  }
  return found;
}

/** Words of a command line, quotes removed (enough to find options and their values; no expansion). */
function shellWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) {
    const word = match[1] ?? match[2] ?? match[3];
    // A quoted `sh -c` script is a command line of its own.
    if (match[3] === undefined && /\s/.test(word)) for (const inner of shellWords(word)) words.push(inner);
    else words.push(word);
  }
  return words;
}

export interface EnvFileSecret {
  /** The `env_file` entry naming the file (the string, or the long syntax's `path`). */
  node: Scalar;
  /** The path as written in the compose file. */
  file: string;
  /** The variable, never its value. */
  name: string;
  /** `name`: a secret-named variable; `url`: a password inside a URL. */
  reason: 'name' | 'url';
  kind: SecretValueKind;
}

/**
 * Secrets in the `env_file` files of a service: secret-named variables with a value, and URLs with a password. Files
 * that cannot be read (missing, outside the workspace) are skipped.
 */
export function envFileSecrets(file: ComposeFile, service: ComposeService, read: (absolutePath: string) => string | undefined): EnvFileSecret[] {
  const found: EnvFileSecret[] = [];
  const envFile = service.get('env_file');
  const entries: Scalar[] = [];
  const add = (node: Node | null | undefined) => {
    const resolved = service.resolve(node);
    if (isScalar(resolved) && typeof resolved.value === 'string') entries.push(resolved);
    else if (isMap(resolved)) {
      const pathNode = service.resolve(resolved.get('path', true) as Node | undefined);
      if (isScalar(pathNode) && typeof pathNode.value === 'string') entries.push(pathNode);
    }
  };
  if (isSeq(envFile)) for (const item of envFile.items as Node[]) add(item);
  else add(envFile);
  for (const node of entries) {
    const written = String(node.value);
    if (written.includes('$')) continue;
    const text = read(path.resolve(path.dirname(file.path), written));
    if (text === undefined) continue;
    for (const { name, value } of dotenvEntries(text)) {
      if (value === '') continue;
      // Compose interpolates env_file values too: `${VAR}` there is read from the host, like in `environment`.
      const kind = isSecretName(name) ? secretValueKind(value) : undefined;
      if (kind && kind !== 'interpolated') found.push({ node, file: written, name, reason: 'name', kind });
      else if (!kind) {
        const inUrl = urlPasswordKind(value);
        if (inUrl) found.push({ node, file: written, name, reason: 'url', kind: inUrl });
      }
    }
  }
  return found;
}

/** `NAME=value` lines of an env file (`export ` prefixes, quotes and comments as Compose reads them). */
export function dotenvEntries(text: string): { name: string; value: string }[] {
  const entries: { name: string; value: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2].trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.indexOf(quote, 1) > 0) value = value.slice(1, value.indexOf(quote, 1));
    else value = value.replace(/\s+#.*$/, '');
    entries.push({ name: match[1], value });
  }
  return entries;
}

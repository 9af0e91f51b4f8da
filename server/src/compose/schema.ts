/**
 * The Compose Specification schema read for editing: which keys a mapping may hold at a YAML path, their
 * descriptions, types and allowed values. The schema is dclint's copy of the compose-spec JSON schema (the one the
 * engine validates with), bundled into the server by esbuild: nothing is fetched.
 *
 * A path is the keys from the document root (`['services', 'web', 'healthcheck']`), with `[]` for an item of a
 * sequence. Services, networks... are matched by the schema's own `patternProperties`, so a service's name is any key.
 */

export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  pattern?: string;
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  required?: string[];
  deprecated?: boolean;
  definitions?: Record<string, SchemaNode>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ROOT = require('../../../node_modules/dclint/schemas/compose.schema.json') as SchemaNode;

export interface KeyInfo {
  key: string;
  description: string | undefined;
  types: string[];
  values: string[];
  deprecated: boolean;
  required: boolean;
}

/**
 * Values Compose accepts that the schema leaves as free strings (its descriptions name them): the Compose reference
 * lists these for `restart`, `network_mode`, `pull_policy`, `ipc`, `pid`, `cgroup`, a `logging.driver` and others.
 */
const DOCUMENTED_VALUES: Record<string, string[]> = {
  'services.*.restart': ['no', 'always', 'on-failure', 'unless-stopped'],
  'services.*.network_mode': ['bridge', 'host', 'none', 'service:', 'container:'],
  'services.*.pull_policy': ['always', 'never', 'missing', 'build', 'if_not_present', 'daily', 'weekly'],
  'services.*.ipc': ['private', 'shareable', 'host'],
  'services.*.pid': ['host'],
  'services.*.userns_mode': ['host'],
  'services.*.uts': ['host'],
  'services.*.cgroup': ['host', 'private'],
  'services.*.logging.driver': ['json-file', 'local', 'journald', 'syslog', 'none', 'fluentd', 'gelf', 'awslogs', 'splunk', 'etwlogs', 'gcplogs'],
  'services.*.deploy.restart_policy.condition': ['none', 'on-failure', 'any'],
  'services.*.deploy.mode': ['replicated', 'global', 'replicated-job', 'global-job'],
  'services.*.deploy.endpoint_mode': ['vip', 'dnsrr'],
  'services.*.deploy.update_config.order': ['start-first', 'stop-first'],
  'services.*.deploy.update_config.failure_action': ['continue', 'rollback', 'pause'],
  'services.*.stop_signal': ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGKILL', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'],
  'services.*.volumes.[].type': ['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image'],
  'services.*.ports.[].protocol': ['tcp', 'udp'],
  'services.*.ports.[].mode': ['host', 'ingress'],
  'networks.*.driver': ['bridge', 'overlay', 'host', 'none', 'macvlan', 'ipvlan'],
  'volumes.*.driver': ['local'],
};

/** `services.web.restart` → `services.*.restart`: the names of services, networks... are not part of the key. */
function pattern(path: readonly string[]): string {
  return path.map((key, index) => (index === 1 && NAMED_SECTIONS.has(path[0]) ? '*' : key)).join('.');
}

const NAMED_SECTIONS = new Set(['services', 'networks', 'volumes', 'secrets', 'configs', 'models']);

function deref(node: SchemaNode | undefined, seen = 0): SchemaNode | undefined {
  if (!node || seen > 20) return node;
  if (node.$ref?.startsWith('#/definitions/')) {
    const target = ROOT.definitions?.[node.$ref.slice('#/definitions/'.length)];
    // The referring node's description wins over the definition's (`healthcheck` says what it is for a service).
    const resolved = deref(target, seen + 1);
    return resolved && node.description ? { ...resolved, description: node.description } : resolved;
  }
  return node;
}

/** A node with its `oneOf`/`anyOf`/`allOf` alternatives flattened (each dereferenced). */
function alternatives(node: SchemaNode | undefined, depth = 0): SchemaNode[] {
  const resolved = deref(node);
  if (!resolved || depth > 6) return [];
  const nested = [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.allOf ?? [])];
  return [resolved, ...nested.flatMap((alternative) => alternatives(alternative, depth + 1))];
}

function child(node: SchemaNode, key: string): SchemaNode[] {
  if (key === '[]') return node.items ? [node.items] : [];
  if (node.properties?.[key]) return [node.properties[key]];
  for (const [regex, value] of Object.entries(node.patternProperties ?? {})) {
    if (safeTest(regex, key)) return [value];
  }
  if (node.additionalProperties && typeof node.additionalProperties === 'object') return [node.additionalProperties];
  return [];
}

function safeTest(regex: string, key: string): boolean {
  try {
    return new RegExp(regex).test(key);
  } catch {
    return false;
  }
}

/** The schema nodes (alternatives flattened) that describe the value at a path; empty when the schema does not know it. */
export function schemaAt(path: readonly string[]): SchemaNode[] {
  let nodes = alternatives(ROOT);
  for (const key of path) {
    if (key.startsWith('x-')) return [];
    nodes = nodes.flatMap((node) => child(node, key)).flatMap((node) => alternatives(node));
    if (nodes.length === 0) return [];
  }
  return nodes;
}

function typesOf(nodes: SchemaNode[]): string[] {
  const types = new Set<string>();
  for (const node of nodes) for (const type of [node.type ?? []].flat()) types.add(type);
  return [...types];
}

function descriptionOf(nodes: SchemaNode[]): string | undefined {
  return nodes.find((node) => node.description)?.description;
}

/** The values the key at a path takes: the schema's enums, else the values the Compose reference lists. */
export function valuesAt(path: readonly string[]): string[] {
  const nodes = schemaAt(path);
  const values = new Set<string>();
  for (const node of nodes) for (const value of node.enum ?? []) if (typeof value === 'string' || typeof value === 'number') values.add(String(value));
  for (const value of DOCUMENTED_VALUES[pattern(path)] ?? []) values.add(value);
  if (values.size === 0 && typesOf(nodes).includes('boolean')) return ['true', 'false'];
  return [...values];
}

/** What the schema says about the key at the end of a path (undefined when it does not know the key). */
export function keyInfo(path: readonly string[]): KeyInfo | undefined {
  if (path.length === 0) return undefined;
  const parents = schemaAt(path.slice(0, -1));
  const key = path[path.length - 1];
  const own = parents.flatMap((node) => (node.properties?.[key] ? [node.properties[key]] : []));
  const nodes = schemaAt(path);
  if (nodes.length === 0 && own.length === 0) return undefined;
  return {
    key,
    description: descriptionOf(own) ?? descriptionOf(nodes),
    types: typesOf(nodes),
    values: valuesAt(path),
    deprecated: [...own, ...nodes].some((node) => node.deprecated === true),
    required: parents.some((node) => node.required?.includes(key)),
  };
}

const keysCache = new Map<string, KeyInfo[]>();

/** The keys a mapping at a path may hold (named in the schema's `properties`), with what the schema says of each. */
export function keysAt(path: readonly string[]): KeyInfo[] {
  // The schema is constant: one answer per path pattern (`services.*.healthcheck`), asked on each completion.
  const key = pattern(path);
  let keys = keysCache.get(key);
  if (!keys) {
    keys = keysAtUncached(path);
    if (keysCache.size > 500) keysCache.clear();
    keysCache.set(key, keys);
  }
  return keys;
}

function keysAtUncached(path: readonly string[]): KeyInfo[] {
  const names = new Set<string>();
  for (const node of schemaAt(path)) for (const name of Object.keys(node.properties ?? {})) names.add(name);
  return [...names].flatMap((name) => keyInfo([...path, name]) ?? []);
}

const REFERENCE = 'https://docs.docker.com/reference/compose-file/';
const SERVICE_PAGES = new Set(['build', 'deploy', 'develop']);

/** The page of the Compose reference for the key at a path, with the key's anchor. */
export function referenceUrl(path: readonly string[]): string | undefined {
  if (path.length === 0) return undefined;
  const [section] = path;
  if (section === 'services' && path.length >= 3) {
    const key = path[2];
    if (SERVICE_PAGES.has(key) && path.length >= 4 && !path[3].startsWith('[')) return `${REFERENCE}${key}/#${path[3]}`;
    return `${REFERENCE}services/#${key}`;
  }
  if (NAMED_SECTIONS.has(section) && path.length >= 3) return `${REFERENCE}${section}/#${path[2]}`;
  if (NAMED_SECTIONS.has(section)) return `${REFERENCE}${section}/`;
  if (section === 'include') return `${REFERENCE}include/`;
  if (section === 'version' || section === 'name') return `${REFERENCE}version-and-name/`;
  return undefined;
}

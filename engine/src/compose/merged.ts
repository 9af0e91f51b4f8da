/**
 * The merged model of a compose group (compose/group.ts): for each service, the values rules judge (image, published
 * ports, healthcheck, limits, user, secrets) after Compose's merge of the group's files and its interpolation of
 * `${VAR}` from the project folder's `.env`. It is what `docker compose -f a -f b config` resolves for those values;
 * the Docker tests compare the two (test/docker/merged-model.test.ts).
 *
 * Merge rules (the Compose specification's merge.md): scalars (`image`, `user`) are replaced by the later file;
 * mappings (`healthcheck`, `deploy.resources.limits`) are merged key by key; `ports` are appended, an entry equal to an
 * earlier one (same host address, published port, target and protocol) replacing it; `secrets` are merged by source.
 */
import * as path from '../core/paths';
import type { Project } from '../core/project';
import { composeGroup } from './group';
import { interpolationParts } from './environment';
import { parsePortSpec, expandPorts } from './file-index';
import type { ComposeFile } from './model';

export interface MergedService {
  image?: string;
  /** `host_ip:published:target/protocol`, one per port (ranges expanded), sorted; host address and published may be empty. */
  ports: string[];
  /** A healthcheck with a test that is not disabled. */
  healthcheck: boolean;
  limits: { cpus?: number; memory?: number };
  user?: string;
  /** Secret sources, sorted. */
  secrets: string[];
}

type Plain = Record<string, unknown>;

/** The merged services of the group `file` belongs to, by name. */
export function mergedServices(file: ComposeFile, project: Project): Map<string, MergedService> {
  const merged = new Map<string, Plain>();
  const members = composeGroup(file, project).members;
  const vars = dotEnv(path.dirname(members[0].file.path), project);
  for (const member of members) {
    let data: unknown;
    try {
      data = member.file.doc.toJS({ maxAliasCount: 1000 });
    } catch {
      continue;
    }
    const services = (data as Plain | null)?.services;
    if (!isPlain(services)) continue;
    for (const [name, raw] of Object.entries(services)) {
      const service = isPlain(raw) ? (interpolateAll(raw, vars) as Plain) : {};
      merged.set(name, mergeService(merged.get(name), service));
    }
  }
  const out = new Map<string, MergedService>();
  for (const [name, service] of merged) out.set(name, summarize(service));
  return out;
}

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeService(base: Plain | undefined, over: Plain): Plain {
  if (!base) return { ...over };
  const result: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (key === 'ports') result.ports = mergeList(base.ports, value, portKey);
    else if (key === 'secrets') result.secrets = mergeList(base.secrets, value, secretKey);
    else if (isPlain(value) && isPlain(base[key])) result[key] = mergeMaps(base[key] as Plain, value);
    else result[key] = value;
  }
  return result;
}

function mergeMaps(base: Plain, over: Plain): Plain {
  const result: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) result[key] = isPlain(value) && isPlain(base[key]) ? mergeMaps(base[key] as Plain, value) : value;
  return result;
}

function mergeList(base: unknown, over: unknown, keyOf: (item: unknown) => string): unknown[] {
  const items = new Map<string, unknown>();
  for (const item of [...(Array.isArray(base) ? base : []), ...(Array.isArray(over) ? over : [])]) items.set(keyOf(item), item);
  return [...items.values()];
}

function portKey(item: unknown): string {
  return portEntries(item).join(',') || JSON.stringify(item);
}

function secretKey(item: unknown): string {
  return typeof item === 'string' ? item : isPlain(item) ? String(item.source) : JSON.stringify(item);
}

/** A port item as normalised entries (`host_ip:published:target/protocol`), ranges expanded. */
function portEntries(item: unknown): string[] {
  if (typeof item === 'number') return [`::${item}/tcp`];
  if (typeof item === 'string') {
    const parsed = parsePortSpec(item);
    if (!parsed) return [];
    const targets = expandPorts(parsed.target);
    const published = parsed.published ? expandPorts(parsed.published) : [];
    const host = (index: number) => (published.length === targets.length ? String(published[index]) : (parsed.published ?? ''));
    return targets.map((target, index) => `${parsed.hostIp ?? ''}:${host(index)}:${target}/${parsed.protocol}`);
  }
  if (isPlain(item)) {
    const published = item.published === undefined || item.published === null ? '' : String(item.published);
    return [`${item.host_ip ?? ''}:${published}:${item.target}/${item.protocol ?? 'tcp'}`];
  }
  return [];
}

function summarize(service: Plain): MergedService {
  const healthcheck = isPlain(service.healthcheck) ? service.healthcheck : undefined;
  const disabled = healthcheck?.disable === true || (Array.isArray(healthcheck?.test) && healthcheck.test[0] === 'NONE');
  const limits = isPlain(service.deploy) && isPlain(service.deploy.resources) && isPlain(service.deploy.resources.limits) ? service.deploy.resources.limits : {};
  const cpus = limits.cpus ?? service.cpus;
  const memory = limits.memory ?? service.mem_limit;
  const summary: MergedService = {
    ports: (Array.isArray(service.ports) ? service.ports : []).flatMap(portEntries).sort(),
    healthcheck: !!healthcheck && !disabled && healthcheck.test !== undefined,
    limits: {},
    secrets: (Array.isArray(service.secrets) ? service.secrets : []).map(secretKey).sort(),
  };
  if (typeof service.image === 'string') summary.image = service.image;
  if (service.user !== undefined && service.user !== null) summary.user = String(service.user);
  if (cpus !== undefined && cpus !== null && cpus !== '') summary.limits.cpus = Number(cpus);
  if (memory !== undefined && memory !== null && memory !== '') summary.limits.memory = toBytes(memory);
  return summary;
}

/** `512M`, `1g`, `1.5GB`, `1048576`: bytes (Compose's units are powers of 1024). */
export function toBytes(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([bkmgt]?)b?\s*$/i.exec(String(value));
  if (!match) return undefined;
  const power = ' kmgt'.indexOf(match[2].toLowerCase() || ' ');
  return Math.round(Number(match[1]) * 1024 ** Math.max(0, power));
}

/** The variables of the folder's `.env` (KEY=VALUE lines, quotes removed, `#` comments). */
function dotEnv(dir: string, project: Project): Map<string, string> {
  const vars = new Map<string, string>();
  const text = project.read(path.join(dir, '.env'));
  for (const line of text?.split(/\r?\n/) ?? []) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    let value = match[2];
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2];
    else value = value.replace(/\s+#.*$/, '');
    vars.set(match[1], value);
  }
  return vars;
}

/** `${VAR}`, `${VAR:-default}` and the other operators, as Compose interpolates them; unset variables are empty. */
export function interpolate(value: string, vars: ReadonlyMap<string, string>): string {
  const parts = interpolationParts(value);
  if (!parts) return value;
  return parts
    .map((part) => {
      if ('text' in part) return part.text;
      const set = vars.get(part.variable);
      const argument = part.argument === undefined ? '' : interpolate(part.argument, vars);
      switch (part.operator) {
        case ':-':
          return set ? set : argument;
        case '-':
          return set !== undefined ? set : argument;
        case ':+':
          return set ? argument : '';
        case '+':
          return set !== undefined ? argument : '';
        default:
          return set ?? '';
      }
    })
    .join('');
}

function interpolateAll(value: unknown, vars: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return interpolate(value, vars);
  if (Array.isArray(value)) return value.map((item) => interpolateAll(item, vars));
  if (isPlain(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateAll(item, vars)]));
  return value;
}

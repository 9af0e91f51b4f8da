/**
 * Indexes several compose rules need (services by name, `depends_on` edges, published ports, top-level names),
 * built once per parsed file and cached on the ComposeFile object, so no rule re-walks the whole document.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import { getIn, mapEntries, resolve, scalarString, type ComposeFile, type ComposeService } from './model';

export interface DependsOnEdge {
  from: ComposeService;
  to: string;
  /** The list item or the map key naming the dependency. */
  node: Scalar;
  /** `condition` of the long form; undefined for the short form. */
  condition: string | undefined;
}

export interface PublishedPort {
  service: ComposeService;
  /** The list item (a scalar or a long-syntax map). */
  node: Node;
  /** Where a problem about the host side is shown: the item, or the long syntax's `published` (or `target`) value. */
  at: Node;
  hostIp: string | undefined;
  /** Host port or range as written; undefined when Docker picks a random port. */
  published: string | undefined;
  target: string;
  protocol: string;
  syntax: 'short' | 'long';
}

export type TopLevelKind = 'services' | 'networks' | 'volumes' | 'secrets' | 'configs';

export interface ComposeIndex {
  serviceByName: Map<string, ComposeService>;
  dependsOn: DependsOnEdge[];
  ports: PublishedPort[];
  /** Names defined at the top level (`networks:`, `volumes:`...). */
  defined(kind: TopLevelKind): Map<string, Pair>;
}

const cache = new WeakMap<ComposeFile, ComposeIndex>();

export function composeIndex(file: ComposeFile): ComposeIndex {
  let index = cache.get(file);
  if (!index) {
    index = buildIndex(file);
    cache.set(file, index);
  }
  return index;
}

function buildIndex(file: ComposeFile): ComposeIndex {
  const serviceByName = new Map(file.services.map((service) => [service.name, service]));
  const dependsOn: DependsOnEdge[] = [];
  const ports: PublishedPort[] = [];
  for (const service of file.services) {
    const depends = service.get('depends_on');
    if (isSeq(depends)) {
      for (const item of depends.items as Node[]) {
        const name = scalarString(item);
        if (name && isScalar(item)) dependsOn.push({ from: service, to: name, node: item, condition: undefined });
      }
    } else if (isMap(depends)) {
      for (const entry of mapEntries(file.doc, depends)) {
        dependsOn.push({ from: service, to: String(entry.key.value), node: entry.key, condition: scalarString(getIn(file.doc, entry.value, ['condition'])) });
      }
    }
    const published = service.get('ports');
    if (isSeq(published)) {
      for (const raw of published.items as Node[]) {
        const item = resolve(file.doc, raw);
        if (!item) continue;
        const port = readPort(file, service, item);
        if (port) ports.push(port);
      }
    }
  }
  const definedCache = new Map<TopLevelKind, Map<string, Pair>>();
  return {
    serviceByName,
    dependsOn,
    ports,
    defined(kind) {
      let names = definedCache.get(kind);
      if (!names) {
        names = new Map();
        const section = file.root ? getIn(file.doc, file.root, [kind]) : undefined;
        if (isMap(section)) for (const entry of mapEntries(file.doc, section)) names.set(String(entry.key.value), entry.pair);
        definedCache.set(kind, names);
      }
      return names;
    },
  };
}

function readPort(file: ComposeFile, service: ComposeService, item: Node): PublishedPort | undefined {
  if (isMap(item)) {
    const target = scalarString(getIn(file.doc, item, ['target']));
    if (!target) return undefined;
    const at = getIn(file.doc, item, ['published']) ?? getIn(file.doc, item, ['target']);
    return {
      service,
      node: item,
      at: at ?? item,
      hostIp: scalarString(getIn(file.doc, item, ['host_ip'])),
      published: scalarString(getIn(file.doc, item, ['published'])) || undefined,
      target,
      protocol: scalarString(getIn(file.doc, item, ['protocol'])) ?? 'tcp',
      syntax: 'long',
    };
  }
  const spec = scalarString(item);
  if (!spec) return undefined;
  const parsed = parsePortSpec(spec);
  return parsed ? { service, node: item, at: item, ...parsed, syntax: 'short' } : undefined;
}

/** `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, with ranges and bracketed IPv6 addresses. */
export function parsePortSpec(spec: string): { hostIp: string | undefined; published: string | undefined; target: string; protocol: string } | undefined {
  let rest = spec.trim();
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return undefined;
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 1).replace(/^:/, '');
  }
  const parts = rest.split(':');
  if (parts.length > 3) {
    hostIp = parts.slice(0, -2).join(':');
    parts.splice(0, parts.length - 2);
  }
  if (parts.length === 3) hostIp = parts.shift();
  const target = parts.pop() ?? '';
  const published = parts.pop() || undefined;
  if (!target) return undefined;
  return { hostIp: hostIp || undefined, published, target, protocol };
}

/** Host ports of a published range (`8000-8002`), at most 1,024 of them. */
export function expandPorts(range: string): number[] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(range.trim());
  if (!match) return [];
  const first = Number(match[1]);
  const last = match[2] ? Number(match[2]) : first;
  const ports: number[] = [];
  for (let port = first; port <= last && ports.length < 1024; port++) ports.push(port);
  return ports;
}

/** Whether a host address means every interface. */
export function allInterfaces(hostIp: string | undefined): boolean {
  return hostIp === undefined || hostIp === '' || hostIp === '0.0.0.0' || hostIp === '::';
}

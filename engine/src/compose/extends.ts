/**
 * What a service inherits through `extends` (Compose merges the base service under it, from this file or from
 * `extends.file`). Rules that flag a missing setting (healthcheck, logging, limits, restart, user...) ask here
 * before they report: a service whose base sets it is not missing it, and a fix that added it would override the
 * base's value. Values are read, never edited: a fix edits the service itself.
 */
import * as path from '../core/paths';
import { isMap, isScalar, type Node } from 'yaml';
import type { Project } from '../core/project';
import { settingInGroup } from './group';
import { getIn, parseComposeShared, scalarString, type ComposeFile, type ComposeService } from './model';

export interface BaseService {
  file: ComposeFile;
  service: ComposeService;
}

/** Compose itself refuses deeper chains long before this; it only bounds a hostile file. */
const MAX_CHAIN = 10;

/** The services a service extends, nearest first (a base's own base follows it). */
export function baseServices(file: ComposeFile, service: ComposeService, project: Project): BaseService[] {
  if (service.get('extends') === undefined) return [];
  return project.memo(`extends:${file.path}:${service.name}`, () => {
    const chain: BaseService[] = [];
    const seen = new Set([`${file.path}\n${service.name}`]);
    let current: BaseService | undefined = { file, service };
    while (current && chain.length < MAX_CHAIN) {
      current = baseOf(current.file, current.service, project);
      if (!current) break;
      const key = `${current.file.path}\n${current.service.name}`;
      if (seen.has(key)) break;
      seen.add(key);
      chain.push(current);
    }
    return chain;
  });
}

/**
 * The value at `keys` (`['deploy', 'resources', 'limits', 'memory']`) that the service gets from elsewhere once
 * Compose has merged the project: another file of its group (base, override: compose/group.ts), else the nearest of
 * the bases it extends.
 */
export function inheritedValue(file: ComposeFile, service: ComposeService, project: Project, keys: string[]): { file: ComposeFile; node: Node } | undefined {
  const grouped = settingInGroup(file, service, project, keys);
  if (grouped) return grouped;
  for (const base of baseServices(file, service, project)) {
    const node = base.service.map ? getIn(base.file.doc, base.service.map, keys) : undefined;
    if (node !== undefined && node !== null) return { file: base.file, node };
  }
  return undefined;
}

/** Whether a base sets any of these top-level keys of a service. */
export function inheritsAny(file: ComposeFile, service: ComposeService, project: Project, ...keys: string[]): boolean {
  return keys.some((key) => inheritedValue(file, service, project, [key]) !== undefined);
}

function baseOf(file: ComposeFile, service: ComposeService, project: Project): BaseService | undefined {
  const spec = service.get('extends');
  let name: string | undefined;
  let other: string | undefined;
  if (isScalar(spec)) {
    name = scalarString(spec);
  } else if (isMap(spec)) {
    name = scalarString(getIn(file.doc, spec, ['service']));
    other = scalarString(getIn(file.doc, spec, ['file']));
  }
  // An interpolated name or path is only known at run time.
  if (!name || name.includes('$') || other?.includes('$')) return undefined;
  let target = file;
  if (other) {
    const otherPath = path.resolve(path.dirname(file.path), other);
    const text = otherPath === file.path ? file.text : project.read(otherPath);
    if (text === undefined) return undefined;
    target = otherPath === file.path ? file : parseComposeShared(otherPath, text);
  }
  const base = servicesByName(target).get(name);
  return base ? { file: target, service: base } : undefined;
}

const byName = new WeakMap<ComposeFile, Map<string, ComposeService>>();

/** A file's services by name, the first of a name winning (a scan per lookup made every `extends` cost the file's size). */
function servicesByName(file: ComposeFile): Map<string, ComposeService> {
  let services = byName.get(file);
  if (!services) {
    services = new Map();
    for (const service of file.services) if (!services.has(service.name)) services.set(service.name, service);
    byName.set(file, services);
  }
  return services;
}

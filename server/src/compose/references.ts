/**
 * The named things of a compose file and where they are named: services, networks, volumes, secrets and configs are
 * defined under their top-level key and referenced from services (`depends_on`, `links`, `extends`,
 * `network_mode: service:x`, `volumes_from`, `networks`, named `volumes`, `secrets`, `configs`). Each occurrence has
 * the offsets of the name itself (inside quotes, before a `:alias` or `:/path`), so a rename replaces exactly it.
 * Names with `${...}` are only known at run time and are left out.
 */
import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { getIn, mapEntries, resolve, scalarString, type ComposeFile } from '../../../engine/src/compose/model';

export type NameKind = 'service' | 'network' | 'volume' | 'secret' | 'config';

export const SECTION_OF: Record<NameKind, string> = { service: 'services', network: 'networks', volume: 'volumes', secret: 'secrets', config: 'configs' };
export const KIND_OF_SECTION: Record<string, NameKind> = { services: 'service', networks: 'network', volumes: 'volume', secrets: 'secret', configs: 'config' };

export interface NameOccurrence {
  kind: NameKind;
  name: string;
  /** Offsets of the name in the file's text. */
  start: number;
  end: number;
  /** True for the key that defines it under its top-level section. */
  definition: boolean;
  /** For `extends: { file, service }`: the file (as written) the service is in. */
  file?: string;
}

/** Every definition and reference of a name in a file, in text order. */
export function nameOccurrences(file: ComposeFile): NameOccurrence[] {
  const found: NameOccurrence[] = [];
  const { doc, root } = file;
  if (!root) return found;
  const add = (kind: NameKind, node: Node | null | undefined, definition: boolean, part?: (value: string) => [number, number] | undefined, extra?: Partial<NameOccurrence>) => {
    if (!isScalar(node) || !node.range) return;
    const value = scalarString(node);
    if (!value || value.includes('$')) return;
    const [from, to] = part ? part(value) ?? [-1, -1] : [0, value.length];
    if (from < 0) return;
    const offset = valueOffset(file.text, node);
    if (offset === undefined) return;
    found.push({ kind, name: value.slice(from, to), start: offset + from, end: offset + to, definition, ...extra });
  };
  for (const entry of mapEntries(doc, root)) {
    const kind = KIND_OF_SECTION[String(entry.key.value)];
    if (!kind || !isMap(entry.value)) continue;
    for (const item of mapEntries(doc, entry.value)) add(kind, item.key, true);
  }
  // Services, and the `x-` blocks they merge in (`<<: *defaults`): a depends_on written in an anchor is a reference
  // too, and a rename that missed it would leave it dangling.
  const extensionMaps = mapEntries(doc, root).flatMap((entry) => (String(entry.key.value).startsWith('x-') && isMap(entry.value) ? [entry.value] : []));
  for (const map of [...file.services.flatMap((service) => (service.map ? [service.map] : [])), ...extensionMaps]) {
    const own = (key: string) => {
      const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
      return pair ? resolve(doc, pair.value as Node) : undefined;
    };
    const listOrKeys = (node: Node | null | undefined, kind: NameKind, itemKey = 'source') => {
      if (isSeq(node)) {
        for (const raw of node.items as Node[]) {
          const item = resolve(doc, raw);
          if (isMap(item)) add(kind, getIn(doc, item, [itemKey]), false);
          else add(kind, item, false, kind === 'service' ? beforeColon : undefined);
        }
      } else if (isMap(node)) {
        for (const item of mapEntries(doc, node)) add(kind, item.key, false);
      }
    };
    listOrKeys(own('depends_on'), 'service');
    listOrKeys(own('links'), 'service');
    listOrKeys(own('networks'), 'network');
    listOrKeys(own('secrets'), 'secret');
    listOrKeys(own('configs'), 'config');
    const extendsNode = own('extends');
    if (isScalar(extendsNode)) add('service', extendsNode, false);
    else if (isMap(extendsNode)) {
      const otherFile = scalarString(getIn(doc, extendsNode, ['file']));
      add('service', getIn(doc, extendsNode, ['service']), false, undefined, otherFile ? { file: otherFile } : {});
    }
    add('service', own('network_mode'), false, (value) => (value.startsWith('service:') ? [8, value.length] : undefined));
    const volumesFrom = own('volumes_from');
    if (isSeq(volumesFrom)) {
      for (const raw of volumesFrom.items as Node[]) add('service', resolve(doc, raw), false, (value) => (value.startsWith('container:') ? undefined : beforeColon(value)));
    }
    const volumes = own('volumes');
    if (isSeq(volumes)) {
      for (const raw of volumes.items as Node[]) {
        const item = resolve(doc, raw);
        if (isMap(item)) {
          const type = scalarString(getIn(doc, item, ['type']));
          if (type === 'volume') add('volume', getIn(doc, item, ['source']), false);
        } else add('volume', item, false, namedVolumeSource);
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** `svc:alias` → `svc`. */
function beforeColon(value: string): [number, number] | undefined {
  const colon = value.indexOf(':');
  const end = colon < 0 ? value.length : colon;
  return end > 0 ? [0, end] : undefined;
}

/** The volume of a short volume spec `name:/path[:mode]`, not a host path (`./x`, `/x`, `~/x`) or a bare path. */
function namedVolumeSource(value: string): [number, number] | undefined {
  const colon = value.indexOf(':');
  if (colon <= 0) return undefined;
  const source = value.slice(0, colon);
  if (/^[./~]/.test(source) || !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(source)) return undefined;
  return [0, colon];
}

/**
 * Where a scalar's value starts in the text: after the quote of a quoted scalar; undefined for a scalar whose text
 * is not its value (escapes, folded lines), which a rename could not replace exactly.
 */
export function valueOffset(text: string, node: Scalar): number | undefined {
  const [start, end] = node.range!;
  const raw = text.slice(start, end);
  const value = scalarString(node) ?? '';
  if (raw === value) return start;
  if ((raw.startsWith('"') || raw.startsWith("'")) && raw.slice(1, 1 + value.length) === value) return start + 1;
  return undefined;
}

/** The occurrence whose name contains an offset (its end included: the cursor just after a name is on it). */
export function occurrenceAt(occurrences: NameOccurrence[], offset: number): NameOccurrence | undefined {
  return occurrences.find((occurrence) => occurrence.start <= offset && offset <= occurrence.end);
}

/** The names a file defines in a section. */
export function definedNames(file: ComposeFile, kind: NameKind): string[] {
  const section = file.root ? getIn(file.doc, file.root, [SECTION_OF[kind]]) : undefined;
  return isMap(section) ? mapEntries(file.doc, section).map((entry) => String(entry.key.value)) : [];
}

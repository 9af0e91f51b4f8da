/**
 * Inlay hints (off unless `dockerHarden.inlayHints.enabled`): after a service's `extends`, the keys it inherits from
 * its base (with their values when they are scalars); after a value that an override file of the same folder sets
 * differently, the value that wins (`compose.override.yaml`, `docker-compose.prod.yml` over `docker-compose.yml`),
 * and in the override file, the value it replaces.
 */
import * as path from '../../../engine/src/core/paths';
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { getIn, mapEntries, scalarString, type ComposeFile, type ComposeService } from '../../../engine/src/compose/model';

export interface ComposeInlayHint {
  offset: number;
  label: string;
  tooltip: string;
}

/** Compose does not copy these from a base service (the Compose reference on `extends`). */
const NOT_INHERITED = new Set(['extends', 'depends_on', 'links', 'volumes_from']);
const MAX_LISTED = 5;
const MAX_DEPTH = 4;

export function composeInlayHints(file: ComposeFile, group: readonly ComposeFile[]): ComposeInlayHint[] {
  return [...inheritedHints(file, group), ...overrideHints(file, group)].sort((a, b) => a.offset - b.offset);
}

function serviceNamed(file: ComposeFile, name: string): ComposeService | undefined {
  return file.services.find((service) => service.name === name);
}

/** The services a service extends, nearest first, within the project's files. */
function baseChain(file: ComposeFile, service: ComposeService, group: readonly ComposeFile[]): { file: ComposeFile; service: ComposeService }[] {
  const chain: { file: ComposeFile; service: ComposeService }[] = [];
  let current = { file, service };
  const seen = new Set([`${file.path}\n${service.name}`]);
  for (let depth = 0; depth < 10; depth++) {
    const spec = current.service.get('extends');
    const name = isScalar(spec) ? scalarString(spec) : isMap(spec) ? scalarString(getIn(current.file.doc, spec, ['service'])) : undefined;
    const other = isMap(spec) ? scalarString(getIn(current.file.doc, spec, ['file'])) : undefined;
    if (!name || name.includes('$') || other?.includes('$')) break;
    const target = other ? group.find((candidate) => candidate.path === path.resolve(path.dirname(current.file.path), other)) : current.file;
    const base = target && serviceNamed(target, name);
    if (!target || !base || seen.has(`${target.path}\n${name}`)) break;
    seen.add(`${target.path}\n${name}`);
    chain.push({ file: target, service: base });
    current = { file: target, service: base };
  }
  return chain;
}

function inheritedHints(file: ComposeFile, group: readonly ComposeFile[]): ComposeInlayHint[] {
  const hints: ComposeInlayHint[] = [];
  for (const service of file.services) {
    const extendsPair = service.getPair('extends');
    if (!service.map || !extendsPair || extendsPair.inherited) continue;
    const own = new Set(mapEntries(file.doc, service.map).map((entry) => String(entry.key.value)));
    const inherited = new Map<string, { value: string | undefined; from: string }>();
    for (const base of baseChain(file, service, group)) {
      if (!base.service.map) continue;
      for (const entry of mapEntries(base.file.doc, base.service.map)) {
        const key = String(entry.key.value);
        if (own.has(key) || NOT_INHERITED.has(key) || inherited.has(key)) continue;
        inherited.set(key, { value: isScalar(entry.value) ? scalarString(entry.value) : undefined, from: base.service.name });
      }
    }
    if (inherited.size === 0) continue;
    let end = (extendsPair.pair.value as Node | null)?.range?.[1] ?? (extendsPair.pair.key as Node).range![1];
    // A block map's range runs to the start of the next line: the hint goes on its last line.
    while (end > 0 && /\s/.test(file.text[end - 1])) end--;
    const listed = [...inherited].map(([key, { value }]) => (value === undefined ? key : `${key}: ${value}`));
    const label = `inherits ${listed.slice(0, MAX_LISTED).join(', ')}${listed.length > MAX_LISTED ? `, +${listed.length - MAX_LISTED}` : ''}`;
    const tooltip = [...inherited].map(([key, { value, from }]) => `${key}${value === undefined ? '' : `: ${value}`} (from ${from})`).join('\n');
    hints.push({ offset: lineEnd(file.text, end), label, tooltip });
  }
  return hints;
}

/** `docker-compose.prod.yml` overrides `docker-compose.yml`: its name is the base's with more parts. */
function overrides(override: string, base: string): boolean {
  const stem = (name: string) => path.basename(name).replace(/\.ya?ml$/i, '');
  return stem(override).startsWith(`${stem(base)}.`) || stem(override).startsWith(`${stem(base)}-`);
}

function overrideHints(file: ComposeFile, group: readonly ComposeFile[]): ComposeInlayHint[] {
  const hints: ComposeInlayHint[] = [];
  const folder = path.dirname(file.path);
  for (const other of group) {
    if (other === file || path.dirname(other.path) !== folder) continue;
    const isBase = overrides(other.path, file.path);
    const isOverride = overrides(file.path, other.path);
    if (!isBase && !isOverride) continue;
    const name = path.basename(other.path);
    for (const service of file.services) {
      const counterpart = serviceNamed(other, service.name);
      if (!service.map || !counterpart?.map) continue;
      compareMaps(file, service.map, other, counterpart.map, 0, (offset, theirs) => {
        hints.push(
          isBase
            ? { offset, label: `→ ${theirs} (${name})`, tooltip: `${name} overrides this value with ${theirs}` }
            : { offset, label: `replaces ${theirs} (${name})`, tooltip: `This file overrides ${theirs} of ${name}` },
        );
      });
    }
  }
  return hints;
}

/** Calls `found` at the end of each scalar of `mine` that `theirs` sets to another scalar at the same keys. */
function compareMaps(mineFile: ComposeFile, mine: YAMLMap, theirsFile: ComposeFile, theirs: YAMLMap, depth: number, found: (offset: number, theirs: string) => void): void {
  if (depth > MAX_DEPTH) return;
  for (const entry of mapEntries(mineFile.doc, mine)) {
    const key = String(entry.key.value);
    const other = getIn(theirsFile.doc, theirs, [key]);
    if (isMap(entry.value) && isMap(other)) compareMaps(mineFile, entry.value, theirsFile, other, depth + 1, found);
    else if (isScalar(entry.value) && isScalar(other) && entry.value.range) {
      const theirsValue = scalarString(other) ?? 'null';
      if (theirsValue !== (scalarString(entry.value) ?? 'null')) found(entry.value.range[1], theirsValue);
    }
  }
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  const end = newline < 0 ? text.length : newline;
  return text[end - 1] === '\r' ? end - 1 : end;
}

/**
 * Go to definition, find references, document highlights and rename for the named things of a compose project.
 * A name is one symbol across the project's files (group.ts): an override file's `web` is the base file's `web`, and
 * a service named in an included or extended file is the one defined there. Works on offsets; the server converts.
 */
import * as path from '../../../engine/src/core/paths';
import { isMap } from 'yaml';
import { getIn, scalarString, type ComposeFile } from '../../../engine/src/compose/model';
import { nameOccurrences, occurrenceAt, SECTION_OF, type NameKind, type NameOccurrence } from './references';

export interface Location {
  path: string;
  start: number;
  end: number;
}

export interface NamedSymbol {
  kind: NameKind;
  name: string;
  occurrence: NameOccurrence;
}

interface Indexed {
  file: ComposeFile;
  occurrences: NameOccurrence[];
}

const occurrenceCache = new WeakMap<ComposeFile, NameOccurrence[]>();

function indexed(files: readonly ComposeFile[]): Indexed[] {
  return files.map((file) => {
    let occurrences = occurrenceCache.get(file);
    if (!occurrences) {
      occurrences = nameOccurrences(file);
      occurrenceCache.set(file, occurrences);
    }
    return { file, occurrences };
  });
}

/** The named thing at an offset of the group's first file. */
export function symbolAt(files: readonly ComposeFile[], offset: number): NamedSymbol | undefined {
  const [first] = indexed(files.slice(0, 1));
  const occurrence = first ? occurrenceAt(first.occurrences, offset) : undefined;
  return occurrence ? { kind: occurrence.kind, name: occurrence.name, occurrence } : undefined;
}

function sameSymbol(a: { kind: NameKind; name: string }, b: NameOccurrence): boolean {
  return a.kind === b.kind && a.name === b.name;
}

/** Where the name at an offset is defined, in every file of the project that defines it (the file's own first). */
export function definitions(files: readonly ComposeFile[], offset: number): Location[] {
  const symbol = symbolAt(files, offset);
  if (!symbol) return [];
  return indexed(files).flatMap(({ file, occurrences }) =>
    occurrences.filter((occurrence) => occurrence.definition && sameSymbol(symbol, occurrence)).map((occurrence) => location(file, occurrence)),
  );
}

/** Every occurrence of the name at an offset in the project's files. */
export function references(files: readonly ComposeFile[], offset: number, includeDeclaration: boolean): Location[] {
  const symbol = symbolAt(files, offset);
  if (!symbol) return [];
  return indexed(files).flatMap(({ file, occurrences }) =>
    occurrences.filter((occurrence) => sameSymbol(symbol, occurrence) && (includeDeclaration || !occurrence.definition)).map((occurrence) => location(file, occurrence)),
  );
}

/** The occurrences of the name at an offset in the first file, definitions marked. */
export function highlights(files: readonly ComposeFile[], offset: number): { start: number; end: number; definition: boolean }[] {
  const symbol = symbolAt(files, offset);
  if (!symbol) return [];
  const [first] = indexed(files.slice(0, 1));
  return first.occurrences.filter((occurrence) => sameSymbol(symbol, occurrence)).map(({ start, end, definition }) => ({ start, end, definition }));
}

/** The names Compose accepts for services, networks, volumes, secrets and configs (the schema's patternProperties). */
const VALID_NAME = /^[a-zA-Z0-9._-]+$/;

export type RenameResult = { edits: Map<string, { start: number; end: number; newText: string }[]> } | { error: string };

/** The edits that rename the name at an offset in every file of the project, or why it cannot be renamed. */
export function rename(files: readonly ComposeFile[], offset: number, newName: string): RenameResult {
  const symbol = symbolAt(files, offset);
  if (!symbol) return { error: 'Only a service, network, volume, secret or config name can be renamed here.' };
  if (!VALID_NAME.test(newName)) return { error: `'${newName}' is not a valid ${symbol.kind} name: letters, digits, '.', '_' and '-' only.` };
  const edits = new Map<string, { start: number; end: number; newText: string }[]>();
  for (const { file, occurrences } of indexed(files)) {
    const own = occurrences.filter((occurrence) => sameSymbol(symbol, occurrence));
    if (own.length === 0) continue;
    if (newName !== symbol.name && occurrences.some((occurrence) => occurrence.definition && occurrence.kind === symbol.kind && occurrence.name === newName)) {
      return { error: `A ${symbol.kind} named '${newName}' exists already in ${file.path}.` };
    }
    edits.set(file.path, own.map(({ start, end }) => ({ start, end, newText: newName })));
  }
  return { edits };
}

function location(file: ComposeFile, occurrence: NameOccurrence): Location {
  return { path: file.path, start: occurrence.start, end: occurrence.end };
}

/**
 * Markdown for a hover on a name (a service in depends_on, a network, volume, secret or config): where it is
 * defined and what it is (a service's image or build context; the file, environment variable or driver of the
 * others), or that the project does not define it.
 */
export function describeName(files: readonly ComposeFile[], offset: number): string | undefined {
  const symbol = symbolAt(files, offset);
  if (!symbol || symbol.occurrence.definition) return undefined;
  const found = indexed(files).flatMap(({ file, occurrences }) =>
    occurrences.filter((occurrence) => occurrence.definition && sameSymbol(symbol, occurrence)).map((occurrence) => ({ file, occurrence })),
  );
  if (found.length === 0) return `**${symbol.kind} \`${symbol.name}\`**: not defined in this project's files`;
  return found
    .map(({ file, occurrence }) => {
      const line = file.text.slice(0, occurrence.start).split('\n').length;
      const facts = definitionFacts(file, symbol.kind, symbol.name);
      return `**${symbol.kind} \`${symbol.name}\`**, defined in ${path.basename(file.path)} line ${line}${facts ? `: ${facts}` : ''}`;
    })
    .join('\n\n');
}

function definitionFacts(file: ComposeFile, kind: NameKind, name: string): string | undefined {
  if (kind === 'service') {
    const service = file.services.find((candidate) => candidate.name === name);
    if (service?.image) return `image \`${service.image}\``;
    if (service?.build) return `built from \`${service.build.contextSource}\``;
    return undefined;
  }
  const section = file.root ? getIn(file.doc, file.root, [SECTION_OF[kind], name]) : undefined;
  if (!isMap(section)) return undefined;
  const facts = ['file', 'environment', 'external', 'driver', 'name'].flatMap((key) => {
    const value = scalarString(getIn(file.doc, section, [key]));
    return value === undefined ? [] : [`${key} \`${value}\``];
  });
  return facts.length > 0 ? facts.join(', ') : undefined;
}

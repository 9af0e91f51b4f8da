/**
 * The files a compose file brings in with top-level `include:` (Compose 2.20+): their services, networks, volumes,
 * secrets and configs join the project, so a service may depend on a service defined there. Forms: a path,
 * `{ path: file }` or `{ path: [file, override] }`, relative to the including file; included files may include
 * others. Files are read through the project (the workspace, open buffers first), never outside it.
 */
import * as path from '../core/paths';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Project } from '../core/project';
import { otherMembers } from './group';
import { getIn, parseComposeShared, resolve, scalarString, type ComposeFile, type ComposeService } from './model';

export interface Included {
  files: ComposeFile[];
  /** False when an entry could not be read or named (interpolated, missing, outside the workspace, invalid YAML). */
  complete: boolean;
}

/** Bounds a hostile chain of includes (Compose refuses cycles; real projects nest one or two levels). */
const MAX_FILES = 50;

/** Every file `file` includes, directly or through included files. */
export function includedFiles(file: ComposeFile, project: Project): Included {
  if (!file.root || getIn(file.doc, file.root, ['include']) === undefined) return { files: [], complete: true };
  return project.memo(`include:${file.path}`, () => {
    const files: ComposeFile[] = [];
    const seen = new Set([path.resolve(file.path)]);
    let complete = true;
    const queue = [file];
    while (queue.length > 0) {
      const current = queue.shift()!;
      const { paths, named } = includePaths(current);
      if (!named) complete = false;
      for (const included of paths) {
        if (seen.has(included)) continue;
        seen.add(included);
        const text = project.read(included);
        if (text === undefined || files.length >= MAX_FILES) {
          complete = false;
          continue;
        }
        const parsed = parseComposeShared(included, text);
        if (parsed.syntaxErrors.length > 0) complete = false;
        files.push(parsed);
        queue.push(parsed);
      }
    }
    return { files, complete };
  });
}

/** The absolute paths of a file's own `include:` entries; `named` is false when one could not be read as a path. */
export function includePaths(file: ComposeFile): { paths: string[]; named: boolean } {
  const list = file.root ? getIn(file.doc, file.root, ['include']) : undefined;
  if (list === undefined || list === null) return { paths: [], named: true };
  if (!isSeq(list)) return { paths: [], named: false };
  const paths: string[] = [];
  let named = true;
  const add = (node: Node | null | undefined) => {
    const value = scalarString(node);
    if (value === undefined || value.includes('$')) named = false;
    else paths.push(path.resolve(path.dirname(file.path), value));
  };
  for (const raw of list.items as Node[]) {
    const item = resolve(file.doc, raw);
    if (isScalar(item)) add(item);
    else if (isMap(item)) {
      const value = getIn(file.doc, item, ['path']);
      if (isSeq(value)) for (const each of value.items as Node[]) add(resolve(file.doc, each));
      else add(value);
    } else named = false;
  }
  return { paths, named };
}

/**
 * The services a compose file can name in `depends_on`: its own and those of the files it includes (its own win),
 * by name with the file each is in. Memoised per lint: several rules ask.
 */
export function servicesByName(file: ComposeFile, project: Project): Map<string, { file: ComposeFile; service: ComposeService }> {
  return project.memo(`services-by-name:${file.path}`, () => {
    const byName = new Map<string, { file: ComposeFile; service: ComposeService }>();
    // The other files of the group Compose merges it with (base and override), then includes, then its own (which win).
    for (const member of otherMembers(file, project)) for (const service of member.file.services) if (!byName.has(service.name)) byName.set(service.name, { file: member.file, service });
    for (const other of [...includedFiles(file, project).files].reverse()) for (const service of other.services) byName.set(service.name, { file: other, service });
    for (const service of file.services) byName.set(service.name, { file, service });
    return byName;
  });
}

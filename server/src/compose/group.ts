/**
 * The compose files that make one project with a file, for navigation and rename across files: the files it
 * `include`s, the files its services `extends` from, the other compose files of its folder (overrides such as
 * `compose.override.yaml` and `docker-compose.prod.yml`, merged with it by `docker compose -f`), and the compose files
 * of the folder above that include or extend it, each followed in turn. Bounded: a hostile chain stops at MAX_FILES.
 */
import * as path from '../../../engine/src/core/paths';
import { isMap } from 'yaml';
import { kindFromName } from '../../../engine/src/index';
import { includePaths } from '../../../engine/src/compose/include';
import { getIn, parseComposeShared, scalarString, type ComposeFile } from '../../../engine/src/compose/model';

export interface FileAccess {
  /** The text of a file (an open buffer first), undefined when it cannot be read or is outside the workspace. */
  read(absolutePath: string): string | undefined;
  /** The names of the files in a folder (empty when it cannot be listed). */
  list(folder: string): string[];
}

const MAX_FILES = 40;

export function isComposeName(name: string): boolean {
  return kindFromName(name) === 'compose';
}

/** Compose files in a folder, sorted by name. */
function composeFilesIn(access: FileAccess, folder: string): string[] {
  return access
    .list(folder)
    .filter(isComposeName)
    .sort()
    .map((name) => path.join(folder, name));
}

/** The paths a file names in `include` and `extends.file`, resolved against its folder. */
export function linkedPaths(file: ComposeFile): string[] {
  const paths = includePaths(file).paths;
  const folder = path.dirname(file.path);
  for (const service of file.services) {
    const spec = service.get('extends');
    const value = isMap(spec) ? scalarString(getIn(file.doc, spec, ['file'])) : undefined;
    if (value && !value.includes('$')) paths.push(path.resolve(folder, value));
  }
  return paths;
}

/** The file first, then the others of its project (see the module comment). */
export function composeGroup(filePath: string, text: string, access: FileAccess): ComposeFile[] {
  const start = path.resolve(filePath);
  const files = new Map<string, ComposeFile>();
  const parse = (absolutePath: string): ComposeFile | undefined => {
    if (files.has(absolutePath)) return files.get(absolutePath);
    if (files.size >= MAX_FILES) return undefined;
    const content = absolutePath === start ? text : access.read(absolutePath);
    if (content === undefined) return undefined;
    const parsed = parseComposeShared(absolutePath, content);
    files.set(absolutePath, parsed);
    return parsed;
  };
  const first = parse(start)!;
  // The folder above: a compose file there that includes or extends one of this folder's files joins the project.
  const folder = path.dirname(start);
  const siblings = composeFilesIn(access, folder);
  const above = path.dirname(folder) === folder ? [] : composeFilesIn(access, path.dirname(folder));
  const joined = new Set<string>([start, ...siblings]);
  for (const candidate of above) {
    const parsed = parse(candidate);
    if (parsed && linkedPaths(parsed).some((linked) => joined.has(linked))) joined.add(candidate);
    else files.delete(candidate);
  }
  const queue = [...joined];
  const seen = new Set(queue);
  while (queue.length > 0 && seen.size <= MAX_FILES) {
    const parsed = parse(queue.shift()!);
    if (!parsed) continue;
    for (const linked of linkedPaths(parsed)) {
      if (seen.has(linked)) continue;
      seen.add(linked);
      queue.push(linked);
    }
  }
  return [first, ...[...files.values()].filter((file) => file !== first && seen.has(file.path))];
}

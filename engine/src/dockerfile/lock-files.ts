/**
 * The versions a project's own lock and requirements files pin, read offline from the build context (the Dockerfile's
 * folder): the evidence a pinning fix rests on. Each answer says which file it came from.
 */
import * as path from '../core/paths';
import type { Project } from '../core/project';

export type Ecosystem = 'pip' | 'npm' | 'gem' | 'go';

export interface LockedVersion {
  version: string;
  /** The file and entry the version comes from (`requirements.txt: flask==3.0.2`). */
  evidence: string;
}

/** PEP 503: names compare without case, with `-`, `_` and `.` alike. */
function pipName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

type Table = Map<string, LockedVersion>;

function requirements(text: string, file: string, table: Table): void {
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*([A-Za-z0-9.!+_-]+)\s*(?:[;#].*)?$/.exec(line);
    if (match && !table.has(pipName(match[1]))) table.set(pipName(match[1]), { version: match[2], evidence: `${file}: ${line.trim()}` });
  }
}

/** poetry.lock and uv.lock: `[[package]]` tables with `name = "x"` and `version = "1.2"`. */
function tomlPackages(text: string, file: string, table: Table, normalize: (name: string) => string): void {
  for (const block of text.split(/^\[\[package\]\]\s*$/m).slice(1)) {
    const name = /^name\s*=\s*"([^"]+)"/m.exec(block)?.[1];
    const version = /^version\s*=\s*"([^"]+)"/m.exec(block)?.[1];
    if (name && version && !table.has(normalize(name))) table.set(normalize(name), { version, evidence: `${file}: ${name} ${version}` });
  }
}

function packageLock(text: string, file: string, table: Table): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return;
  }
  const lock = data as { packages?: Record<string, { version?: unknown }>; dependencies?: Record<string, { version?: unknown }> };
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    // Top-level installs only: `node_modules/x`, not `node_modules/a/node_modules/x`.
    const name = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(key)?.[1];
    if (name && typeof entry?.version === 'string' && !table.has(name)) table.set(name, { version: entry.version, evidence: `${file}: ${name} ${entry.version}` });
  }
  for (const [name, entry] of Object.entries(lock.dependencies ?? {})) {
    if (typeof entry?.version === 'string' && /^\d/.test(entry.version) && !table.has(name)) table.set(name, { version: entry.version, evidence: `${file}: ${name} ${entry.version}` });
  }
}

/** Gemfile.lock: `    rails (7.1.3)` under `specs:` (four spaces: a gem, six: its dependencies' constraints). */
function gemfileLock(text: string, file: string, table: Table): void {
  for (const match of text.matchAll(/^ {4}([A-Za-z0-9._-]+) \(([0-9][^)\s]*)\)$/gm)) {
    if (!table.has(match[1])) table.set(match[1], { version: match[2], evidence: `${file}: ${match[1]} (${match[2]})` });
  }
}

/** go.mod: `require example.com/x v1.2.3` and `require ( ... )` blocks. */
function goMod(text: string, file: string, table: Table): void {
  for (const match of text.matchAll(/^(?:require\s+|\t|\s+)([^\s()]+\.[^\s()]+)\s+(v[0-9][^\s]*)/gm)) {
    if (!table.has(match[1])) table.set(match[1], { version: match[2], evidence: `${file}: ${match[1]} ${match[2]}` });
  }
}

const READERS: Record<Ecosystem, [string, (text: string, file: string, table: Table) => void][]> = {
  pip: [
    ['requirements.txt', requirements],
    ['constraints.txt', requirements],
    ['poetry.lock', (text, file, table) => tomlPackages(text, file, table, pipName)],
    ['uv.lock', (text, file, table) => tomlPackages(text, file, table, pipName)],
  ],
  npm: [['package-lock.json', packageLock]],
  gem: [['Gemfile.lock', gemfileLock]],
  go: [['go.mod', goMod]],
};

/** The version the build context's lock files give a package, if any (read once per lint and folder). */
export function lockedVersion(project: Project, folder: string, ecosystem: Ecosystem, name: string): LockedVersion | undefined {
  const table = project.memo(`lock-files:${ecosystem}:${folder}`, () => {
    const found: Table = new Map();
    for (const [file, read] of READERS[ecosystem]) {
      const text = project.read(path.join(folder, file));
      if (text !== undefined) read(text, file, found);
    }
    return found;
  });
  return table.get(ecosystem === 'pip' ? pipName(name) : name);
}

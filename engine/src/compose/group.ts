/**
 * The project as Compose runs it: the files merged into one model, and the role of each file.
 *
 * Compose never runs a file alone. `docker compose up` in a folder reads its base file (`compose.yaml`,
 * `compose.yml`, `docker-compose.yml`, `docker-compose.yaml`: the first that exists) and merges its override
 * (`compose.override.yml`, `compose.override.yaml`, `docker-compose.override.yml`, `docker-compose.override.yaml`:
 * the first that exists) over it; `COMPOSE_FILE` in the folder's `.env` names other files to merge (separated by
 * `COMPOSE_PATH_SEPARATOR`, `:` by default); `.docker-harden.yaml` `projects:` names groups explicitly. A lint of one
 * file of such a group judges its services as merged with the group's other files:
 * - a setting another file of the group gives a service is not missing (`settingInGroup`), and a fix never adds it
 *   again (it would replace the other file's value after the merge);
 * - a missing setting is reported once, in the file it belongs in (`isHomeOf`): the last production file of the group
 *   that defines the service (the base for base + override, `compose.prod.yml` for base + prod), else the first
 *   file that defines it;
 * - each file has a role (`fileRole`): production demands (log rotation, limits, restart policies...) are not made of
 *   development, CI/test and devcontainer files, and swarm stack files follow swarm's semantics.
 */
import * as path from '../core/paths';
import { isSeq, type Node } from 'yaml';
import type { Project } from '../core/project';
import { STACK_FILE_NAME, baseName, isComposeFileName } from '../core/file-names';
import type { FileRole } from '../core/types';
import { composeIndex } from './file-index';
import { getIn, parseComposeShared, scalarString, type ComposeFile, type ComposeService } from './model';

export type { FileRole };

/** Compose's default file names, in its order of preference. */
export const DEFAULT_BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'] as const;
/** Compose's default override names, in its order of preference. */
export const DEFAULT_OVERRIDE_NAMES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'] as const;

export interface GroupMember {
  file: ComposeFile;
  role: FileRole;
}

export interface ComposeGroup {
  /** The files in merge order (later files override earlier ones); the linted file is one of them. */
  members: GroupMember[];
  /** Where the group comes from (`overlay`: a production overlay found by its content, see productionOverlaysOf). */
  source: 'alone' | 'default' | 'env' | 'config' | 'overlay';
}

/** Group settings from `.docker-harden.yaml`, paths absolute. */
export interface GroupOptions {
  /** `projects: [{ files: [...] }]`: each entry's files in merge order. */
  projects?: readonly (readonly string[])[];
  /** `roles:`: a role per file (absolute path) or per glob (absolute, `*` and `**`). */
  roles?: readonly { pattern: string; role: FileRole }[];
}

const PRODUCTION_WORDS = new Set(['prod', 'production', 'release', 'live']);
const DEVELOPMENT_WORDS = new Set(['override', 'dev', 'develop', 'development', 'local', 'debug', 'watch', 'hotreload']);
const TEST_WORDS = new Set(['test', 'tests', 'testing', 'ci', 'e2e', 'integration', 'spec', 'acceptance', 'cypress', 'playwright', 'selenium']);
const TEST_FOLDERS = new Set(['test', 'tests', 'testing', 'e2e', 'ci', '.github', '.gitlab', 'integration-tests', 'integration']);
const DEVELOPMENT_FOLDERS = new Set(['dev', 'development', 'local']);

function words(name: string): string[] {
  return name.toLowerCase().replace(/\.ya?ml$/, '').split(/[._-]/);
}

/**
 * A file's role by name and location: swarm stack files (`docker-stack.yml`, `stack.yml`, `docker-swarm.yml`);
 * devcontainer files (in `.devcontainer/`); CI/test files (a word such as `test`, `ci`, `e2e` in the name, or a
 * folder such as `tests/` or `e2e/` holding the file); development files (`override`, `dev`, `local`, `debug` in the
 * name, or a `dev/` or `local/` folder); else
 * production (and always when the name says `prod`).
 */
export function roleFromName(filePath: string): FileRole {
  const name = baseName(filePath);
  const folders = filePath.split(/[\\/]/).slice(0, -1).map((folder) => folder.toLowerCase());
  if (STACK_FILE_NAME.test(name)) return 'swarm';
  if (folders.includes('.devcontainer')) return 'devcontainer';
  const nameWords = words(name);
  // `docker-compose.prod.override.yml` is a production file whatever else its name says.
  if (nameWords.some((word) => PRODUCTION_WORDS.has(word))) return 'production';
  if (nameWords.some((word) => TEST_WORDS.has(word)) || TEST_FOLDERS.has(folders[folders.length - 1] ?? '')) return 'test';
  if (nameWords.some((word) => DEVELOPMENT_WORDS.has(word)) || DEVELOPMENT_FOLDERS.has(folders[folders.length - 1] ?? '')) return 'development';
  return 'production';
}

/** The role `.docker-harden.yaml` `roles:` gives a file, when it gives one. */
function configuredRole(filePath: string, options: GroupOptions | undefined): FileRole | undefined {
  for (const { pattern, role } of options?.roles ?? []) if (globMatches(pattern, filePath)) return role;
  return undefined;
}

/** `*` within a segment, `**` across segments, on absolute paths with `/` (Windows paths normalised). */
export function globMatches(pattern: string, filePath: string): boolean {
  const normal = (value: string) => value.split(path.sep).join('/');
  const source = normal(pattern)
    .split(/(\*\*\/?|\*|\?)/)
    .map((part) => (part === '**/' || part === '**' ? '(?:.*/)?' + (part === '**' ? '.*' : '') : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(normal(filePath));
}

/** The role of a file: `.docker-harden.yaml` `roles:` first, then the name (a default group's override is development). */
export function fileRole(file: ComposeFile, project: Project): FileRole {
  return composeGroup(file, project).members.find((member) => member.file.path === file.path)?.role ?? roleFromName(file.path);
}

/** The group of files `file` is merged with when Compose runs it (a group of one when it runs alone). */
export function composeGroup(file: ComposeFile, project: Project): ComposeGroup {
  return project.memo(`group:${file.path}`, () => {
    const options = project.groupOptions;
    const found = groupPaths(file.path, project, options);
    const members: GroupMember[] = [];
    // A file named twice (COMPOSE_FILE=a.yml:a.yml) is merged once.
    for (const member of [...new Set(found.paths)]) {
      const parsed = member === file.path ? file : readCompose(member, project);
      if (!parsed) continue;
      const named = configuredRole(member, options);
      const role = named ?? (found.source === 'default' && DEFAULT_OVERRIDE_NAMES.includes(baseName(member) as never) ? 'development' : roleFromName(member));
      members.push({ file: parsed, role });
    }
    if (!members.some((member) => member.file === file)) members.push({ file, role: configuredRole(file.path, options) ?? roleFromName(file.path) });
    return { members, source: members.length > 1 ? found.source : 'alone' };
  });
}

function readCompose(filePath: string, project: Project): ComposeFile | undefined {
  const text = project.read(filePath);
  if (text === undefined) return undefined;
  const parsed = parseComposeShared(filePath, text);
  return parsed.syntaxErrors.length > 0 ? undefined : parsed;
}

function groupPaths(filePath: string, project: Project, options: GroupOptions | undefined): { paths: string[]; source: ComposeGroup['source'] } {
  for (const files of options?.projects ?? []) if (files.includes(filePath)) return { paths: [...files], source: 'config' };
  const dir = path.dirname(filePath);
  const fromEnv = composeFileFromEnv(dir, project);
  if (fromEnv?.includes(filePath)) return { paths: fromEnv, source: 'env' };
  // Read, not only tested for existence: the lint then depends on every candidate, so creating or editing an
  // override (or the base) re-lints the other file in the editor.
  const exists = (name: string) => path.join(dir, name) === filePath || project.read(path.join(dir, name)) !== undefined;
  const base = DEFAULT_BASE_NAMES.find(exists);
  const override = DEFAULT_OVERRIDE_NAMES.find(exists);
  if (base && override) {
    const paths = [path.join(dir, base), path.join(dir, override)];
    if (paths.includes(filePath)) return { paths, source: 'default' };
  }
  // A production overlay of the base (`compose.deploy.yml` run as `-f compose.yml -f compose.deploy.yml`).
  if (base && productionOverlaysOf(path.join(dir, base), project).some((overlay) => overlay.path === filePath)) {
    return { paths: [path.join(dir, base), filePath], source: 'overlay' };
  }
  return { paths: [filePath], source: 'alone' };
}

/**
 * The production overlays of a base file: the other compose files of its folder (not its override) that are
 * production files by name and whose services all only add to services of the base (none has an `image` or a
 * `build`, each is defined in the base). Compose cannot run such a file alone; it is merged over the base for a
 * deployment (`docker compose -f compose.yml -f compose.deploy.yml up`). Its services' missing production settings
 * belong in it, not in the base.
 */
export function productionOverlaysOf(basePath: string, project: Project): ComposeFile[] {
  return project.memo(`overlays:${basePath}`, () => {
    const dir = path.dirname(basePath);
    const entries = project.workspace.listDirectory?.(dir) ?? [];
    const baseText = project.read(basePath);
    if (baseText === undefined) return [];
    const base = parseComposeShared(basePath, baseText);
    const baseNames = new Set(base.services.map((service) => service.name));
    const overlays: ComposeFile[] = [];
    for (const entry of entries) {
      const candidate = path.join(dir, entry.name);
      if (entry.directory || candidate === basePath || !isComposeFileName(entry.name)) continue;
      if ((DEFAULT_OVERRIDE_NAMES as readonly string[]).includes(entry.name) || roleFromName(candidate) !== 'production') continue;
      const file = readCompose(candidate, project);
      if (!file || file.services.length === 0) continue;
      if (file.services.every((service) => baseNames.has(service.name) && !service.image && !service.build)) overlays.push(file);
    }
    return overlays;
  });
}

function isDefaultBase(filePath: string): boolean {
  return (DEFAULT_BASE_NAMES as readonly string[]).includes(baseName(filePath));
}

/** `COMPOSE_FILE` of the folder's `.env`, as absolute paths; undefined when it sets none or it is interpolated. */
function composeFileFromEnv(dir: string, project: Project): string[] | undefined {
  const text = project.read(path.join(dir, '.env'));
  if (text === undefined) return undefined;
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?(COMPOSE_FILE|COMPOSE_PATH_SEPARATOR)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) values.set(match[1], match[2].replace(/^(['"])(.*)\1$/, '$2'));
  }
  const list = values.get('COMPOSE_FILE');
  if (!list || list.includes('$')) return undefined;
  // Compose's default is `;` on Windows, whose paths reach the engine as URI paths (`/c:/...`).
  const separator = values.get('COMPOSE_PATH_SEPARATOR') || (/^\/[a-zA-Z]:\//.test(dir) ? ';' : ':');
  return list
    .split(separator)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => path.resolve(dir, entry));
}

/** The definitions of a service in the group, in merge order. */
export function definitionsOf(file: ComposeFile, serviceName: string, project: Project): { member: GroupMember; service: ComposeService }[] {
  const group = composeGroup(file, project);
  const found: { member: GroupMember; service: ComposeService }[] = [];
  for (const member of group.members) {
    const service = member.file.services.find((candidate) => candidate.name === serviceName);
    if (service) found.push({ member, service });
  }
  return found;
}

/**
 * Whether `file` is where a missing setting of `service` belongs: the last production (or swarm) file of the group
 * that defines it, else the first file that defines it. A file alone is home to all its services.
 */
export function isHomeOf(file: ComposeFile, service: ComposeService, project: Project): boolean {
  // A base whose production overlay redefines the service: the overlay is where its production settings go.
  const group = composeGroup(file, project);
  if ((group.source === 'alone' || group.source === 'default') && group.members[0].file.path === file.path && isDefaultBase(file.path)) {
    if (productionOverlaysOf(file.path, project).some((overlay) => overlay.services.some((other) => other.name === service.name))) return false;
  }
  const definitions = definitionsOf(file, service.name, project);
  if (definitions.length <= 1) return true;
  const production = definitions.filter((definition) => definition.member.role === 'production' || definition.member.role === 'swarm');
  const home = production.length > 0 ? production[production.length - 1] : definitions[0];
  return home.member.file.path === file.path;
}

/**
 * The value at `keys` another file of the group gives this service (the last file that sets it wins, as in Compose's
 * merge); undefined when no other file sets it.
 */
export function settingInGroup(file: ComposeFile, service: ComposeService, project: Project, keys: string[]): { file: ComposeFile; node: Node } | undefined {
  const definitions = definitionsOf(file, service.name, project);
  for (let index = definitions.length - 1; index >= 0; index--) {
    const { member, service: other } = definitions[index];
    if (member.file.path === file.path || !other.map) continue;
    const node = getIn(member.file.doc, other.map, keys);
    if (node !== undefined && node !== null) return { file: member.file, node };
  }
  return undefined;
}

/**
 * The definition of a service that says what it runs: its own when it has an `image` or a `build`, else the last
 * other file of the group that gives it one (an overlay's `cache:` with only `restart:` runs the base's image).
 */
export function runningDefinition(file: ComposeFile, service: ComposeService, project: Project): { file: ComposeFile; service: ComposeService } {
  if (service.image || service.build) return { file, service };
  const definitions = definitionsOf(file, service.name, project);
  for (let index = definitions.length - 1; index >= 0; index--) {
    const other = definitions[index];
    if (other.service.image || other.service.build) return { file: other.member.file, service: other.service };
  }
  return { file, service };
}

/** The other files of the group (for rules that look across the merged project: names, ports). */
export function otherMembers(file: ComposeFile, project: Project): GroupMember[] {
  return composeGroup(file, project).members.filter((member) => member.file.path !== file.path);
}

/**
 * The services of `file` whose missing settings this lint judges: a service (a map) that runs an image or a build once
 * the group is merged, defined here and with this file as its home (`isHomeOf`). With `exemptOneShot`, services that
 * run once and exit (`isOneShot`) are left out: a healthcheck or a restart policy makes no sense for them.
 */
export function judgedServices(file: ComposeFile, project: Project, options: { exemptOneShot?: boolean } = {}): ComposeService[] {
  return file.services.filter((service) => {
    if (!service.map) return false;
    if (!service.image && !service.build && !settingInGroup(file, service, project, ['image']) && !settingInGroup(file, service, project, ['build'])) return false;
    if (!isHomeOf(file, service, project)) return false;
    return !options.exemptOneShot || !isOneShot(file, service, project);
  });
}

/** Profiles that hold tools and tests, not the services of the application. */
const ONE_SHOT_PROFILES = /^(test|tests|testing|e2e|ci|tools?|migrat(e|ion|ions)|setup|init|seed|cli|admin|jobs?|tasks?|backup|debug|scripts?)$/i;
/** Service names of tasks. */
const ONE_SHOT_NAMES = /(^|[-_])(migrate|migrations?|migrator|seed|seeder|init|setup|createbuckets|bootstrap|tests?|e2e|test-runner|build-assets|assets-build)($|[-_])/i;
/** Commands that build, test or migrate and then exit, and watchers that rebuild assets in development. */
const ONE_SHOT_COMMANDS = [
  /\b(npm|pnpm|yarn|bun)\s+(run\s+)?(build|test|lint|migrate|generate)\b/,
  /\b(pytest|jest|vitest|mocha|phpunit|rspec|cypress\s+run|playwright\s+test|go\s+test|cargo\s+test|mvn\s+test|gradle\s+test|tox)\b/,
  /\b(migrate|alembic\s+upgrade|manage\.py\s+(migrate|collectstatic|test)|prisma\s+(migrate|db\s+push)|knex\s+migrate|rake\s+db:|rails\s+db:|sequelize\s+db:migrate|typeorm\s+migration:run|flyway\s+migrate|liquibase\s+update|goose\s+up|dbmate\s+up|diesel\s+migration\s+run|artisan\s+migrate)\b/,
  /\s--watch\b|\bwatch\b.*\b(build|sass|tailwind|webpack|vite|esbuild)\b|\b(build|sass|tailwindcss|webpack|vite|esbuild)\b.*\s--watch\b/,
];

/**
 * Whether a service runs once and exits (a migration, a test runner, an asset build or watcher): `restart: "no"`,
 * another service waits for it with `service_completed_successfully`, a tool or test profile, a task's name, or a
 * command that builds, tests or migrates. Healthchecks and restart policies are not demanded of it.
 */
export function isOneShot(file: ComposeFile, service: ComposeService, project: Project): boolean {
  return project.memo(`one-shot:${file.path}:${service.name}`, () => {
    const restart = service.str('restart') ?? scalarString(settingInGroup(file, service, project, ['restart'])?.node);
    if (restart === 'no' || restart === 'false') return true;
    if (restart !== undefined) return false;
    if (waitedToComplete(file, project).has(service.name)) return true;
    const profiles = service.get('profiles');
    if (isSeq(profiles)) {
      const names = (profiles.items as Node[]).map((item) => scalarString(item)).filter((name): name is string => name !== undefined);
      if (names.length > 0 && names.every((name) => ONE_SHOT_PROFILES.test(name))) return true;
    }
    if (ONE_SHOT_NAMES.test(service.name)) return true;
    const command = [commandText(service.get('entrypoint')), commandText(service.get('command'))].join(' ');
    return ONE_SHOT_COMMANDS.some((pattern) => pattern.test(command));
  });
}

/** The services of the group that another waits for with `service_completed_successfully` (once per lint). */
function waitedToComplete(file: ComposeFile, project: Project): Set<string> {
  return project.memo(`waited-to-complete:${file.path}`, () => {
    const names = new Set<string>();
    for (const member of composeGroup(file, project).members) {
      for (const edge of composeIndex(member.file).dependsOn) if (edge.condition === 'service_completed_successfully') names.add(edge.to);
    }
    return names;
  });
}

/** A `command`/`entrypoint` as one string (a list's items joined with spaces). */
function commandText(node: Node | null | undefined): string {
  if (isSeq(node)) return (node.items as Node[]).map((item) => scalarString(item) ?? '').join(' ');
  return scalarString(node) ?? '';
}

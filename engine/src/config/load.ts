/**
 * `.docker-harden.yaml`: found at the workspace root (the nearest folder, walking up from a file, that holds the
 * config file or a `.git`), parsed with positions, validated against the JSON schema, turned into lint options.
 * An invalid config never throws: what is valid of it applies, and every fault is a ConfigProblem with offsets so
 * the server can show it as a diagnostic on the config file and the CLI can report it like any other problem.
 * A `.hadolint.yaml` contributes to Dockerfiles (all its keys: see hadolint.ts): the nearest one, next to the file or
 * in a folder above it, up to the repository root (the folder holding `.git`; without one, the config's folder).
 */
import * as path from '../core/paths';
import { isMap, isPair, isScalar, type Document, type Node, type Pair } from 'yaml';
import { parseYamlDocument } from '../core/yaml-parse';
import { allRules } from '../rules';
import type { FileKind, FileRole, HadolintSettings, HardenDefaults, Profile, Severity, SeveritySetting } from '../core/types';
import type { GroupOptions } from '../compose/group';
import { emptyHadolintConfig, parseHadolintConfig, type HadolintConfig } from './hadolint';
import { validateConfigData } from './schema';
import { editDistance } from '../core/text';

export const CONFIG_FILE_NAMES = ['.docker-harden.yaml', '.docker-harden.yml'] as const;
const HADOLINT_FILE_NAMES = ['.hadolint.yaml', '.hadolint.yml'];
const SEP = '\u0000';
/** A config file is a few hundred bytes; anything this big is not one. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface DockerHardenConfig {
  /** Severities by canonical rule id (aliases in the file are resolved). */
  rules: Record<string, SeveritySetting>;
  profile?: Profile;
  /** .gitignore-style patterns, relative to the workspace root. */
  ignore: string[];
  defaults: HardenDefaults;
  /** `projects:`: compose files run together, each group in merge order (relative to the config's folder). */
  projects: string[][];
  /** `roles:`: a role per path or glob (relative to the config's folder). */
  roles: Record<string, FileRole>;
}

export type ConfigProblemId = 'config/schema' | 'config/unknown-rule';

export interface ConfigProblem {
  ruleId: ConfigProblemId;
  severity: Severity;
  message: string;
  /** Offsets into the config file's text. */
  start: number;
  end: number;
}

export interface LoadedConfig {
  /** The workspace root: the folder of the config file, else the nearest folder with `.git`, else the start folder. */
  root: string;
  /** What marks the root: a config file, a `.git` folder, or nothing (then the root is just where the search began). */
  rootMarker?: 'config' | 'git';
  /** The config file in force (absolute), if any. */
  file?: string;
  /** The `.hadolint.yaml` in force (absolute), if any. */
  hadolintFile?: string;
  /** Its text (the positions of `problems` refer to it). */
  text?: string;
  config: DockerHardenConfig;
  problems: ConfigProblem[];
  /** Rule ids and aliases from `.hadolint.yaml` `ignored:` (for Dockerfiles). */
  hadolintIgnored: string[];
  /** What the `.hadolint.yaml` in force says (empty without one); its `problems` are at offsets into `hadolintText`. */
  hadolint: HadolintConfig;
  hadolintText?: string;
  /** Set when an explicitly named config file cannot be read at all (the CLI exits 2). */
  error?: string;
  /** Whether `ignore:` excludes a file (absolute path). */
  isIgnored(absolutePath: string): boolean;
}

/**
 * The files a config lookup sees: the disk's in the CLI and the Node server (diskConfigFiles, engine/src/node/),
 * whatever the host holds in the browser. Paths are absolute engine paths.
 */
export interface ConfigFiles {
  /**
   * The text of a config file, undefined when missing, unreadable or too big; a file found by the search (not
   * `named` by the user with --config) is not read through a link out of its folder (`.hadolint.yaml` -> /etc/passwd).
   */
  readFile(absolutePath: string, named?: boolean): string | undefined;
  /** Whether a regular file is there (a config file candidate). */
  isFile(absolutePath: string): boolean;
  /** Whether anything is there (`.git`, a folder or a file, marks a repository's root). */
  exists(absolutePath: string): boolean;
  isDirectory(absolutePath: string): boolean;
}

/** No files at all: a lookup finds no config, and the start folder is the root. */
export const NO_CONFIG_FILES: ConfigFiles = {
  readFile: () => undefined,
  isFile: () => false,
  exists: () => false,
  isDirectory: () => false,
};

export interface ConfigLookupOptions {
  files: ConfigFiles;
  /** An explicit config file (`--config FILE`) instead of the search. */
  configFile?: string;
  /** Reads a file before `files` (the server passes unsaved buffers); undefined when missing. */
  readFile?: (absolutePath: string) => string | undefined;
}

export function emptyConfig(): DockerHardenConfig {
  return { rules: {}, ignore: [], defaults: {}, projects: [], roles: {} };
}

/** What the editor's settings or the command line's flags set on top of the config file. */
export interface LintOverrides {
  rules?: Record<string, SeveritySetting>;
  profile?: Profile;
}

/**
 * The lint setup of a file of this kind: the config's rules, profile, `defaults:` and (for Dockerfiles) the
 * `.hadolint.yaml` ignores, with the editor's settings or the command line's flags on top. The one place the CLI and
 * the language server build it (lint, fixes, Harden, the production override), so the two never disagree.
 */
export function lintOptionsFromConfig(
  loaded: LoadedConfig | undefined,
  kind: FileKind | undefined,
  overrides: LintOverrides = {},
): ConfiguredLintOptions {
  const config = loaded?.config ?? emptyConfig();
  return {
    rules: { ...config.rules, ...overrides.rules },
    profile: overrides.profile ?? config.profile,
    defaults: config.defaults,
    ...(kind === 'compose' && loaded ? groupLintOptions(loaded) : {}),
    ...(kind === 'dockerfile' && loaded ? hadolintLintOptions(loaded.hadolint) : {}),
  };
}

/** `projects:` and `roles:` with absolute paths (compose/group.ts); nothing when the config sets neither. */
function groupLintOptions(loaded: LoadedConfig): Pick<ConfiguredLintOptions, 'groups'> {
  const { projects, roles } = loaded.config;
  if (projects.length === 0 && Object.keys(roles).length === 0) return {};
  const absolute = (entry: string) => path.resolve(loaded.root, entry);
  return {
    groups: {
      projects: projects.map((files) => files.map(absolute)),
      // A pattern without `/` names a file in any folder, as in .gitignore.
      roles: Object.entries(roles).map(([pattern, role]) => ({ pattern: pattern.includes('/') ? absolute(pattern) : path.join(loaded.root, '**', pattern), role })),
    },
  };
}

/** The lint options of a file, as data (the server sends them to its engine worker). */
export interface ConfiguredLintOptions {
  rules: Record<string, SeveritySetting>;
  profile?: Profile;
  defaults: HardenDefaults;
  /** `.docker-harden.yaml` `projects:` and `roles:`, paths absolute (compose files only). */
  groups?: GroupOptions;
  /** `.hadolint.yaml` `ignored:`. */
  ignored?: string[];
  /** `.hadolint.yaml` `override:`, by lower-case code. */
  codeSeverities?: Record<string, Severity>;
  /** False with `.hadolint.yaml` `disable-ignore-pragma: true`. */
  hadolintPragmas?: boolean;
  hadolint?: HadolintSettings;
}

function hadolintLintOptions(hadolint: HadolintConfig): Omit<ConfiguredLintOptions, 'rules' | 'profile' | 'defaults'> {
  const options: Omit<ConfiguredLintOptions, 'rules' | 'profile' | 'defaults'> = {};
  if (hadolint.ignored.length) options.ignored = [...hadolint.ignored];
  const codes = Object.entries(hadolint.override);
  if (codes.length) options.codeSeverities = Object.fromEntries(codes.map(([code, severity]) => [code.toLowerCase(), severity]));
  if (hadolint.disableIgnorePragma) options.hadolintPragmas = false;
  if (Object.keys(hadolint.settings).length) options.hadolint = { ...hadolint.settings };
  return options;
}

/**
 * The CLI's exit threshold for a Dockerfile from its `.hadolint.yaml` (`failure-threshold`, `no-fail`: `never`);
 * undefined when it says nothing (the command line's `--fail-on` then applies, as it always does when given).
 */
export function hadolintFailOn(loaded: LoadedConfig | undefined): Severity | 'never' | undefined {
  if (!loaded) return undefined;
  if (loaded.hadolint.noFail) return 'never';
  return loaded.hadolint.failureThreshold;
}

/**
 * Harden's options for a compose file: the compose file's, plus the `.hadolint.yaml` ignores for the Dockerfiles it
 * fixes (they name Dockerfile rules only, so they change nothing on the compose file). The CLI and the server both
 * call this, so "Harden service" in the editor and `docker-harden harden` make the same changes.
 */
export function hardenOptionsFromConfig(loaded: LoadedConfig | undefined, overrides: LintOverrides = {}): ConfiguredLintOptions {
  return { ...lintOptionsFromConfig(loaded, 'compose', overrides), ...(loaded ? hadolintLintOptions(loaded.hadolint) : {}) };
}

/** Finds and loads the config for a file or folder. Use a ConfigResolver to load many. */
export function loadConfig(start: string, options: ConfigLookupOptions): LoadedConfig {
  return new ConfigResolver(options).forPath(start);
}

/** Loads configs for many files, finding each workspace root once per folder and reading each config once. */
export class ConfigResolver {
  private readonly rootByDir = new Map<string, { root: string; file?: string; git?: boolean }>();
  /** The repository root above each folder asked (undefined: none up to the file system's root). */
  private readonly gitRootByDir = new Map<string, string | undefined>();
  /** The config file's text and what it says, read once however many `.hadolint.yaml` files combine with it. */
  private readonly parsedByFile = new Map<string, { text?: string; config: DockerHardenConfig; problems: ConfigProblem[] }>();
  private readonly byFile = new Map<string, LoadedConfig>();
  /** The answer for each path asked (a run asks for each file several times: discovery, ignore, lint). */
  private readonly byPath = new Map<string, LoadedConfig>();
  private explicit: LoadedConfig | undefined;

  constructor(private readonly options: ConfigLookupOptions) {}

  /** The config for a file (or a folder): an explicit config file if one was given, else the one found above it. */
  forPath(target: string): LoadedConfig {
    const absolute = path.resolve(target);
    if (this.options.configFile) {
      if (!this.explicit) {
        this.explicit = this.load(path.dirname(path.resolve(this.options.configFile)), path.resolve(this.options.configFile), true);
        this.explicit.rootMarker = 'config';
      }
      return this.explicit;
    }
    const known = this.byPath.get(absolute);
    if (known) return known;
    const startDir = this.options.files.isDirectory(absolute) ? absolute : path.dirname(absolute);
    const { root, file, git } = this.findRoot(startDir);
    const hadolint = this.findHadolint(startDir, root, file !== undefined);
    const key = `${file ?? `dir:${root}`}${SEP}${hadolint ?? ''}`;
    let loaded = this.byFile.get(key);
    if (!loaded) {
      loaded = this.load(root, file, false, hadolint);
      loaded.rootMarker = file ? 'config' : git ? 'git' : undefined;
      this.byFile.set(key, loaded);
    }
    this.byPath.set(absolute, loaded);
    return loaded;
  }

  /** Forget cached configs (the server calls it when a config or .hadolint.yaml changes). */
  invalidate(): void {
    this.rootByDir.clear();
    this.gitRootByDir.clear();
    this.parsedByFile.clear();
    this.byFile.clear();
    this.byPath.clear();
    this.explicit = undefined;
  }

  private findRoot(startDir: string): { root: string; file?: string; git?: boolean } {
    const visited: string[] = [];
    let dir = startDir;
    let found: { root: string; file?: string; git?: boolean } | undefined;
    for (;;) {
      const cached = this.rootByDir.get(dir);
      if (cached) {
        found = cached;
        break;
      }
      visited.push(dir);
      const file = CONFIG_FILE_NAMES.map((name) => path.join(dir, name)).find((candidate) => this.exists(candidate));
      if (file) {
        found = { root: dir, file };
        break;
      }
      if (this.options.files.exists(path.join(dir, '.git'))) {
        found = { root: dir, git: true };
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    // Outside any repository and without a config: the start folder is the root, for it alone.
    const result = found ?? { root: startDir };
    for (const each of visited) this.rootByDir.set(each, found ?? { root: each });
    return this.rootByDir.get(startDir) ?? result;
  }

  /**
   * The nearest `.hadolint.yaml` from a folder up: to the repository root (`.git`) when there is one, else to the
   * config's folder when a config was found, else in the folder itself.
   */
  private findHadolint(startDir: string, root: string, hasConfig: boolean): string | undefined {
    const stop = this.gitRoot(startDir) ?? (hasConfig ? root : startDir);
    for (let dir = startDir; ; dir = path.dirname(dir)) {
      const found = HADOLINT_FILE_NAMES.map((name) => path.join(dir, name)).find((candidate) => this.exists(candidate));
      if (found) return found;
      if (dir === stop || path.dirname(dir) === dir || !isInside(stop, dir)) return undefined;
    }
  }

  private gitRoot(startDir: string): string | undefined {
    const visited: string[] = [];
    let found: string | undefined;
    for (let dir = startDir; ; dir = path.dirname(dir)) {
      if (this.gitRootByDir.has(dir)) {
        found = this.gitRootByDir.get(dir);
        break;
      }
      visited.push(dir);
      if (this.options.files.exists(path.join(dir, '.git'))) {
        found = dir;
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
    for (const dir of visited) this.gitRootByDir.set(dir, found);
    return found;
  }

  private exists(file: string): boolean {
    if (this.options.readFile) return this.options.readFile(file) !== undefined;
    return this.options.files.isFile(file);
  }

  private read(file: string): string | undefined {
    if (this.options.readFile) return this.options.readFile(file);
    // A file named with --config is the user's choice, even through a link.
    const named = this.options.configFile !== undefined && path.resolve(this.options.configFile) === path.resolve(file);
    return this.options.files.readFile(file, named);
  }

  /** `hadolint`: the `.hadolint.yaml` found for the file; an explicit config reads the one in its own folder. */
  private load(root: string, file: string | undefined, explicit: boolean, foundHadolint?: string): LoadedConfig {
    const hadolintFile = explicit ? HADOLINT_FILE_NAMES.map((name) => path.join(root, name)).find((candidate) => this.exists(candidate)) : foundHadolint;
    const hadolintText = hadolintFile ? this.read(hadolintFile) : undefined;
    const hadolint = hadolintText === undefined ? emptyHadolintConfig() : parseHadolintConfig(hadolintText);
    const hadolintIgnored = hadolint.ignored;
    if (!file) return withMatcher({ root, config: emptyConfig(), problems: [], hadolintIgnored, hadolint, hadolintFile, hadolintText });
    let parsed = this.parsedByFile.get(file);
    if (!parsed) {
      const text = this.read(file);
      parsed = text === undefined ? { config: emptyConfig(), problems: [] } : { text, ...parseConfig(text) };
      this.parsedByFile.set(file, parsed);
    }
    const { text, config, problems } = parsed;
    if (text === undefined) {
      const error = explicit ? `cannot read the config file ${file}` : undefined;
      return withMatcher({ root, file, config, problems, hadolintIgnored, hadolint, hadolintFile, hadolintText, error });
    }
    return withMatcher({ root, file, text, config, problems, hadolintIgnored, hadolint, hadolintFile, hadolintText });
  }
}

/** Parses and validates the text of a config file. Never throws. */
export function parseConfig(text: string): { config: DockerHardenConfig; problems: ConfigProblem[] } {
  const config = emptyConfig();
  const problems: ConfigProblem[] = [];
  // Offsets are clamped to the text: the YAML parser may point one past its end.
  const problem = (message: string, start: number, end: number, ruleId: ConfigProblemId = 'config/schema') => {
    const from = Math.max(0, Math.min(start, text.length));
    problems.push({ ruleId, severity: 'error', message, start: from, end: Math.max(from, Math.min(end, text.length)) });
  };
  if (text.includes('\u0000')) {
    problem('The config file is not a text file.', 0, 0);
    return { config, problems };
  }
  let doc: Document.Parsed;
  let data: unknown;
  try {
    doc = parseYamlDocument(text, { prettyErrors: false });
    for (const error of doc.errors) problem(`YAML syntax error: ${firstLine(error.message)}`, error.pos[0], error.pos[1]);
    if (doc.errors.length) return { config, problems: problems.sort(byPosition) };
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    problem(`The config file cannot be read: ${firstLine(error instanceof Error ? error.message : String(error))}`, 0, 0);
    return { config, problems };
  }

  const violations = validateConfigData(data);
  const badPaths: string[] = [];
  for (const violation of violations) {
    const [start, end] = locate(doc, violation.path, violation.unknownKey);
    problem(violation.message, start, end);
    if (!violation.unknownKey) badPaths.push(violation.path.join(SEP));
  }
  // A value is usable when neither it nor a map or list holding it broke the schema.
  const valid = (...segments: string[]) => {
    const at = segments.join(SEP);
    return !badPaths.some((bad) => bad === at || bad === '' || at.startsWith(bad + SEP));
  };
  if (!isObject(data) || !valid()) return { config, problems };

  if (isObject(data.rules) && valid('rules')) {
    for (const [id, severity] of Object.entries(data.rules)) {
      if (!valid('rules', id)) continue;
      const rule = ruleByIdOrAlias(id);
      if (!rule) {
        const [start, end] = locate(doc, ['rules'], id);
        const suggestion = closestRuleId(id);
        problem(`Unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : '.'}`, start, end, 'config/unknown-rule');
        continue;
      }
      config.rules[rule] = severity as SeveritySetting;
    }
  }
  if (typeof data.profile === 'string' && valid('profile')) config.profile = data.profile as Profile;
  if (Array.isArray(data.ignore)) {
    data.ignore.forEach((pattern, index) => {
      if (typeof pattern === 'string' && valid('ignore', String(index))) config.ignore.push(pattern);
    });
  }
  if (isObject(data.defaults) && valid('defaults')) {
    const defaults = data.defaults;
    if (isObject(defaults.resources)) {
      const resources: NonNullable<HardenDefaults['resources']> = {};
      if (defaults.resources.cpus !== undefined && valid('defaults', 'resources', 'cpus')) resources.cpus = String(defaults.resources.cpus);
      if (defaults.resources.memory !== undefined && valid('defaults', 'resources', 'memory')) resources.memory = String(defaults.resources.memory);
      config.defaults.resources = resources;
    }
    if (isObject(defaults.logging)) {
      const logging: NonNullable<HardenDefaults['logging']> = {};
      if (defaults.logging.maxSize !== undefined && valid('defaults', 'logging', 'maxSize')) logging.maxSize = String(defaults.logging.maxSize);
      if (defaults.logging.maxFile !== undefined && valid('defaults', 'logging', 'maxFile')) logging.maxFile = String(defaults.logging.maxFile);
      config.defaults.logging = logging;
    }
    if (typeof defaults.restart === 'string' && valid('defaults', 'restart')) config.defaults.restart = defaults.restart as HardenDefaults['restart'];
    if (isObject(defaults.healthcheck) && typeof defaults.healthcheck.path === 'string' && valid('defaults', 'healthcheck', 'path')) {
      config.defaults.healthcheck = { path: defaults.healthcheck.path };
    }
  }
  if (Array.isArray(data.projects) && valid('projects')) {
    for (const entry of data.projects) if (isObject(entry) && Array.isArray(entry.files)) config.projects.push(entry.files.filter((file): file is string => typeof file === 'string'));
  }
  if (isObject(data.roles) && valid('roles')) {
    for (const [pattern, role] of Object.entries(data.roles)) if (typeof role === 'string' && valid('roles', pattern)) config.roles[pattern] = role as FileRole;
  }
  return { config, problems: problems.sort(byPosition) };
}

function byPosition(a: ConfigProblem, b: ConfigProblem): number {
  return a.start - b.start || a.end - b.end;
}

function withMatcher(loaded: Omit<LoadedConfig, 'isIgnored'>): LoadedConfig {
  let matcher: ((relative: string) => boolean) | undefined;
  return {
    ...loaded,
    isIgnored(absolutePath: string): boolean {
      if (loaded.config.ignore.length === 0) return false;
      const relative = path.relative(loaded.root, path.resolve(absolutePath)).split(path.sep).join('/');
      if (relative === '' || relative.startsWith('../') || relative === '..' || path.isAbsolute(relative)) return false;
      if (!matcher) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const ignore = require('ignore') as typeof import('ignore');
        const instance = ignore().add(loaded.config.ignore);
        matcher = (p) => instance.ignores(p);
      }
      return matcher(relative);
    },
  };
}

/** The range of the value at `segments` (or of the key `key` in the map there). */
function locate(doc: Document.Parsed, segments: string[], key?: string): [number, number] {
  let node: Node | null | undefined = doc.contents;
  let pair: Pair | undefined;
  for (const segment of key === undefined ? segments : [...segments, key]) {
    pair = undefined;
    if (isMap(node)) {
      pair = node.items.find((item) => isPair(item) && keyText(item.key) === segment) as Pair | undefined;
      node = pair?.value as Node | null | undefined;
    } else if (node && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
      node = (node as { items: Node[] }).items[Number(segment)];
    } else {
      node = undefined;
    }
    if (!pair && !node) break;
  }
  if (key !== undefined && pair && isScalar(pair.key) && pair.key.range) return [pair.key.range[0], pair.key.range[1]];
  if (node?.range) return [node.range[0], node.range[1]];
  if (pair && isScalar(pair.key) && pair.key.range) return [pair.key.range[0], pair.key.range[1]];
  const contents = doc.contents as Node | null;
  return contents?.range ? [contents.range[0], contents.range[0]] : [0, 0];
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

let ids: Map<string, string> | undefined;
function ruleByIdOrAlias(idOrAlias: string): string | undefined {
  if (!ids) {
    ids = new Map();
    for (const rule of allRules) {
      ids.set(rule.meta.id.toLowerCase(), rule.meta.id);
      for (const alias of rule.meta.aliases ?? []) ids.set(alias.toLowerCase(), rule.meta.id);
    }
  }
  return ids.get(idOrAlias.toLowerCase());
}

/** The known rule id nearest to a misspelled one (a few typos at most: an edit distance of a sixth of its length). */
export function closestRuleId(id: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(id.length / 6)) + 1;
  for (const rule of allRules) {
    const distance = editDistance(id.toLowerCase(), rule.meta.id);
    if (distance < bestDistance) {
      best = rule.meta.id;
      bestDistance = distance;
    }
  }
  return best;
}


function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInside(folder: string, p: string): boolean {
  const relative = path.relative(folder, p);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

/**
 * What every command shares: the config of each file (found once per folder), the lint options it gets (config,
 * then command-line flags on top), the workspace rules may read, and the reports of the config files in use.
 * Its paths are native (see native.ts); what it hands the engine's config lookup and workspace, engine paths.
 */
import fs = require('node:fs');
import path = require('node:path');
import {
  ConfigResolver,
  hadolintFailOn,
  hardenOptionsFromConfig,
  lintOptionsFromConfig,
  MAX_LINT_BYTES,
  type FileKind,
  type LintOptions,
  type LoadedConfig,
  type Severity,
  type Workspace,
} from '../../engine/src/index';
import { diskConfigFiles, diskWorkspace } from '../../engine/src/node';
import { timingsWanted } from './timing';
import type { CliOptions } from './args';
import { describeFsError } from './discover';
import { InputError } from './errors';
import { displayPath, engineOverlay, isInside, nativeMessage, resolveGiven, toEngine, toNative } from './native';
import { toFileReport, type FileReport } from './report';

export class Session {
  readonly resolver: ConfigResolver;
  /** Configs used so far (their problems are reported once each). */
  private readonly configsUsed = new Set<LoadedConfig>();
  /** Rules that threw, as one-line notes (the run then ends with exit status 2). */
  readonly ruleErrors: string[] = [];
  /** Time per rule over the run, with DOCKER_HARDEN_TIMING (see timing.ts). */
  readonly timings = timingsWanted(process.env) ? new Map<string, number>() : undefined;

  /** `--config` as an engine path. */
  private readonly configFile: string | undefined;

  /** The folders named on the command line, shortest first (see limitFor). */
  private readonly namedFolders: string[];

  constructor(
    readonly options: CliOptions,
    readonly cwd: string,
    /** Texts that replace the disk's (pending fixes), by native absolute path. */
    private readonly overlay?: (absolutePath: string) => string | undefined,
  ) {
    this.configFile = options.config ? toEngine(resolveGiven(cwd, options.config)) : undefined;
    this.resolver = new ConfigResolver({ files: diskConfigFiles(), configFile: this.configFile });
    this.namedFolders = options.paths
      .map((given) => {
        const absolute = resolveGiven(cwd, given);
        try {
          if (fs.statSync(absolute).isDirectory()) return absolute;
          // A file named is a file of the project the command runs in (`fix docker/compose.yaml` with `build: ..`).
          return isInside(cwd, absolute) ? cwd : path.dirname(absolute);
        } catch {
          return undefined; // discover reports it
        }
      })
      .filter((folder): folder is string => folder !== undefined)
      .sort((a, b) => a.length - b.length);
  }

  /**
   * The folder named on the command line that holds a file (the outermost, when named folders nest): what a run may
   * read across links and write in. A file named stands for the working folder when it is in it, else for its own
   * folder. Undefined when no folder named holds the file.
   */
  limitFor(absolutePath: string): string | undefined {
    return this.namedFolders.find((folder) => isInside(folder, absolutePath));
  }

  configFor(absolutePath: string): LoadedConfig {
    const loaded = this.resolver.forPath(toEngine(absolutePath));
    if (loaded.error) throw new InputError(`--config: ${nativeMessage(loaded.error, this.configFile)}`);
    this.configsUsed.add(loaded);
    return loaded;
  }

  /**
   * The folder rules may read in (cross-file links): the workspace root (a config file or .git marks it), else the
   * folder named on the command line, else the file's.
   */
  rootFor(absolutePath: string, loaded: LoadedConfig): string {
    const root = toNative(loaded.root);
    if (loaded.rootMarker && isInside(root, absolutePath)) return root;
    return this.limitFor(absolutePath) ?? path.dirname(absolutePath);
  }

  private readonly workspaces = new Map<string, Workspace>();

  /** The workspace of a native root folder; the engine reads it with engine paths. */
  workspaceFor(root: string): Workspace {
    let workspace = this.workspaces.get(root);
    if (!workspace) {
      // The files on disk do not change during a run (fixes go to the overlay until the end): remember what was read.
      workspace = diskWorkspace(toEngine(root), engineOverlay(this.overlay), { snapshot: true });
      this.workspaces.set(root, workspace);
    }
    return workspace;
  }

  lintOptions(absolutePath: string, kind: FileKind | 'harden'): LintOptions & { root: string } {
    const loaded = this.configFor(absolutePath);
    const root = this.rootFor(absolutePath, loaded);
    return {
      kind: kind === 'harden' ? undefined : kind,
      root,
      workspace: this.workspaceFor(root),
      ...(kind === 'harden' ? hardenOptionsFromConfig(loaded, this.options) : lintOptionsFromConfig(loaded, kind, this.options)),
      timings: this.timings,
      onRuleError: (ruleId, error) => {
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        this.ruleErrors.push(`rule ${ruleId} failed on ${this.display(absolutePath)}: ${message}`);
        if (this.options.debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
      },
    };
  }

  /**
   * A Dockerfile's exit threshold from its `.hadolint.yaml` (`failure-threshold`, `no-fail`), when `--fail-on` is
   * not given; undefined otherwise (`--fail-on` and its default apply).
   */
  failOnFor(absolutePath: string, kind: FileKind): Severity | 'never' | undefined {
    if (this.options.failOnGiven || kind !== 'dockerfile') return undefined;
    return hadolintFailOn(this.configFor(absolutePath));
  }

  /** Whether the config's `ignore:` excludes a file. */
  isIgnored(absolutePath: string): boolean {
    return this.configFor(absolutePath).isIgnored(toEngine(absolutePath));
  }

  /** Reports for the config files in use that have problems. */
  configReports(): FileReport[] {
    const reports: FileReport[] = [];
    // One config file may be in force with several `.hadolint.yaml` files (one per folder that has its own): once.
    const reported = new Set<string>();
    for (const loaded of this.configsUsed) {
      if (!loaded.file || loaded.problems.length === 0 || loaded.text === undefined || reported.has(loaded.file)) continue;
      reported.add(loaded.file);
      reports.push(toFileReport(this.display(toNative(loaded.file)), loaded.text, loaded.problems));
    }
    // What a `.hadolint.yaml` says that is not hadolint's config (left out of the lint), once per file.
    for (const loaded of this.configsUsed) {
      const file = loaded.hadolintFile;
      if (!file || loaded.hadolint.problems.length === 0 || loaded.hadolintText === undefined || reported.has(file)) continue;
      reported.add(file);
      reports.push(toFileReport(this.display(toNative(file)), loaded.hadolintText, loaded.hadolint.problems));
    }
    return reports;
  }

  /** A path as the user sees it: relative to the working folder, with forward slashes. */
  display(absolutePath: string): string {
    return displayPath(this.cwd, absolutePath);
  }

  /**
   * The text of a file to lint, or undefined when it is too big to read (the caller reports that as a problem).
   * An unreadable file is an input error.
   */
  readText(absolutePath: string): string | undefined {
    const pending = this.overlay?.(absolutePath);
    if (pending !== undefined) return pending;
    try {
      const stat = fs.statSync(absolutePath);
      if (stat.size > MAX_LINT_BYTES) return undefined;
      return fs.readFileSync(absolutePath, 'utf8');
    } catch (error) {
      throw new InputError(`${this.display(absolutePath)}: ${describeFsError(error)}`);
    }
  }
}

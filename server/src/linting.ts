/**
 * Lints open documents: on open at once, on change after a per-document debounce (a newer change cancels the
 * pending lint, and a result for an outdated version is dropped), again when settings change, and when a file the
 * last lint read (a Dockerfile, a `.dockerignore`, a compose file) changes. The lint itself runs in the engine
 * worker (engine.ts), so requests are answered while it runs; a document over `dockerHarden.maxFileSizeMB` gets one
 * diagnostic saying so instead. Publishes diagnostics and lint status.
 */
import * as path from '../../engine/src/core/paths';
import { hardenOptionsFromConfig, lintOptionsFromConfig, MAX_LINT_BYTES, SYNTAX_RULE, tooLargeMessage, type FileKind } from '../../engine/src/index';
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LintStatusNotification } from './protocol';
import { toDiagnostic, TextPositions, type DiagnosticOptions } from './positions';
import { isLintedScheme, type OpenDocuments } from './documents';
import type { Logger } from './logger';
import { maxFileChars, type Settings, type SettingsCache } from './settings';
import { isConfigFile, type ProjectConfigs } from './projectConfig';
import { IDLE_COLLECTION_MS, IdleCollector } from './memory';
import { JobCancelled, type Engine } from './engine';
import { touches, type JobOptions, type LintData, type ProblemSummary } from './engineJobs';
import { keepProblemsOutsideChange } from './keptProblems';

export const DEBOUNCE_MS = 200;
/** Diagnostics made per turn of the event loop (a few milliseconds' work). */
const DIAGNOSTICS_SLICE = 2000;

export interface LintEntry {
  uri: string;
  version: number;
  path: string;
  positions: TextPositions;
  result: LintData;
  /** The options the lint ran with (kind, workspace folder, severities, profile, ignored ids): fixes reuse them. */
  options: JobOptions | undefined;
  /** Over the size limit: not linted, one diagnostic says so. */
  tooLarge?: boolean;
}

export class LintScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly results = new Map<string, LintEntry>();
  /**
   * The lint under way for each document: the debounced lint and a code action of the same version share it, unless
   * what it read changed since it started (settings, config, a file it depends on), which `inputs` counts.
   */
  private readonly inFlight = new Map<string, { version: number; inputs: number; entry: Promise<LintEntry | undefined> }>();
  private inputs = 0;
  /**
   * Returns the garbage of the lints' results (diagnostics, the problems received) to the system once the user stops
   * typing. One pass: the parsed documents and their weak maps live in the engine worker, which collects its own.
   */
  readonly idle = new IdleCollector(IDLE_COLLECTION_MS, 1);

  constructor(
    private readonly connection: Connection,
    private readonly open: OpenDocuments,
    private readonly settings: SettingsCache,
    private readonly logger: Logger,
    private readonly diagnosticOptions: DiagnosticOptions,
    private readonly configs: ProjectConfigs,
    private readonly engine: Engine,
  ) {}

  /** Lints after `delay` ms; a later call for the same document replaces this one. */
  schedule(uri: string, delay = DEBOUNCE_MS): void {
    // A lint of an older version still running in the worker is wasted work: stop it now.
    const version = this.open.documents.get(uri)?.version;
    if (version !== undefined) this.engine.supersede(uri, version);
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.lintDocument(uri);
      }, delay),
    );
  }

  /** Every open document we lint (but `except`, which schedules itself), e.g. after a configuration change. */
  scheduleAll(delay = 0, except?: string): void {
    this.inputs++;
    for (const document of this.open.documents.all()) {
      if (document.uri !== except && this.lintable(document)) this.schedule(document.uri, delay);
    }
  }

  /** Re-lints the open documents (other than `changedUri`) whose last lint read `changedPath`. */
  scheduleDependents(changedPath: string, changedUri?: string): void {
    this.inputs++;
    const key = path.resolve(changedPath);
    for (const entry of this.results.values()) {
      if (entry.uri !== changedUri && entry.result.dependencies.includes(key)) {
        this.logger.debug(`re-lint ${entry.uri}: ${key} changed`);
        this.schedule(entry.uri);
      }
    }
  }

  closed(uri: string): void {
    this.engine.supersede(uri, Infinity);
    this.engine.forget(uri);
    this.inFlight.delete(uri);
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    this.results.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** The last lint of a document, current or not (undefined if never linted). */
  last(uri: string): LintEntry | undefined {
    return this.results.get(uri);
  }

  /** The last lint of a document if it is still current, else a fresh one (code actions, code lenses). */
  async current(document: TextDocument): Promise<LintEntry | undefined> {
    const entry = this.results.get(document.uri);
    if (entry && entry.version === document.version) return entry;
    try {
      return await this.lintVersion(document, await this.settings.get(document.uri));
    } catch (error) {
      if (error instanceof JobCancelled) return undefined;
      throw error;
    }
  }

  private async lintDocument(uri: string): Promise<void> {
    const document = this.open.documents.get(uri);
    if (!document) return;
    const version = document.version;
    const settings = await this.settings.get(uri);
    const now = this.open.documents.get(uri);
    // A newer change arrived while the settings were fetched: its own scheduled lint will run.
    if (!now || now.version !== version) return;
    let entry: LintEntry | undefined;
    try {
      entry = await this.lintVersion(now, settings);
    } catch (error) {
      if (error instanceof JobCancelled) return;
      throw error;
    }
    // The document changed or closed while the worker linted: the newer version's own lint publishes.
    const outdated = () => this.open.documents.get(uri)?.version !== version;
    if (outdated()) return;
    if (!entry) {
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const diagnostics = await this.diagnosticsOf(entry, outdated);
    if (diagnostics) void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /**
   * A lint's diagnostics, made in slices with a turn of the event loop between them: a big file's tens of thousands
   * of problems would otherwise keep requests waiting while they are converted. Undefined when the document moved on.
   */
  private async diagnosticsOf(entry: LintEntry, outdated: () => boolean): Promise<Diagnostic[] | undefined> {
    const problems = entry.result.problems;
    const diagnostics: Diagnostic[] = [];
    for (let from = 0; from < problems.length; from += DIAGNOSTICS_SLICE) {
      if (from > 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (outdated()) return undefined;
      }
      const to = Math.min(problems.length, from + DIAGNOSTICS_SLICE);
      for (let index = from; index < to; index++) diagnostics.push(toDiagnostic(problems[index], entry.positions, this.diagnosticOptions));
    }
    return diagnostics;
  }

  /** The lint of this version of the document: the one under way if there is one, else a new one. */
  private lintVersion(document: TextDocument, settings: Settings): Promise<LintEntry | undefined> {
    const running = this.inFlight.get(document.uri);
    if (running?.version === document.version && running.inputs === this.inputs) return running.entry;
    const entry = this.run(document, settings);
    const flight = { version: document.version, inputs: this.inputs, entry };
    this.inFlight.set(document.uri, flight);
    const done = () => {
      if (this.inFlight.get(document.uri) === flight) this.inFlight.delete(document.uri);
    };
    entry.then(done, done);
    return entry;
  }

  /** Whether the server lints this document: a compose file, a Dockerfile, or `.docker-harden.yaml` itself. */
  lintable(document: TextDocument): boolean {
    return this.open.kindOf(document) !== undefined || (isLintedScheme(document.uri) && isConfigFile(this.open.pathOf(document)));
  }

  /**
   * The lint options for a document: `.docker-harden.yaml` (and `.hadolint.yaml`) first, the editor settings on
   * top. Undefined when the config's `ignore:` excludes the file.
   */
  optionsFor(document: TextDocument, settings: Settings, purpose: 'lint' | 'harden' = 'lint'): JobOptions | undefined {
    const kind = this.open.kindOf(document);
    const filePath = this.open.pathOf(document);
    const loaded = this.configs.forFile(filePath);
    if (loaded?.isIgnored(filePath)) return undefined;
    const root = this.open.rootFor(filePath);
    // Harden has no `kind`: it fixes the compose file and the Dockerfiles it links to, each by its own kind.
    if (purpose === 'harden') return { root, ...hardenOptionsFromConfig(loaded, settings) };
    return { kind, root, ...lintOptionsFromConfig(loaded, kind, settings) };
  }

  /** Whether a document is over the size limit, for the features that parse it. */
  tooLarge(document: TextDocument, settings: Settings): boolean {
    return document.getText().length > maxFileChars(settings);
  }

  /** Lints in the engine worker and records the result; undefined when the document is not ours. */
  private async run(document: TextDocument, settings: Settings): Promise<LintEntry | undefined> {
    const kind = this.open.kindOf(document);
    const uri = document.uri;
    const version = document.version;
    const filePath = this.open.pathOf(document);
    const text = document.getText();
    const positions = new TextPositions(text);
    const record = (result: LintData, options: JobOptions | undefined, tooLarge = false): LintEntry => {
      const entry: LintEntry = { uri, version, path: filePath, positions, result, options, ...(tooLarge ? { tooLarge } : {}) };
      const last = this.results.get(uri);
      if (!last || last.version <= version) this.results.set(uri, entry);
      this.idle.touch();
      return entry;
    };
    const empty = (problems: ProblemSummary[] = []): LintData => ({ kind, problems, dependencies: [], anchors: problems.map(() => 0), durationMs: 0, ruleErrors: [] });
    if (!kind && !(isLintedScheme(uri) && isConfigFile(filePath))) return undefined;
    if (this.tooLarge(document, settings)) {
      this.logger.info(`${uri} is larger than dockerHarden.maxFileSizeMB (${settings.maxFileSizeMB}): not linted`);
      this.status({ uri, state: 'done', durationMs: 0, problems: 1 });
      return record(empty([tooLargeProblem(kind, text.length, maxFileChars(settings))]), undefined, true);
    }
    if (!kind) {
      return record(await this.engine.run({ op: 'lintConfig', path: filePath, text }, { uri, version, cancellable: true }), undefined);
    }
    const options = this.optionsFor(document, settings);
    if (!options) {
      this.logger.info(`${uri} is excluded by the ignore list of .docker-harden.yaml`);
      this.status({ uri, state: 'done', durationMs: 0, problems: 0 });
      return record(empty(), undefined);
    }
    const started = Date.now();
    this.status({ uri, state: 'linting' });
    try {
      // An open document's fixes stay in the worker, for its code actions.
      const keep = this.open.documents.get(uri) ? { uri, version } : undefined;
      const size = this.sizeWithDependencies(uri, text);
      const linted = await this.engine.run({ op: 'lint', path: filePath, text, options, keep }, { uri, version, cancellable: true, size });
      const result = linted.broken ? this.withKeptProblems(uri, version, filePath, positions, linted, options) : linted;
      for (const { ruleId, error } of result.ruleErrors) this.logger.error(`rule ${ruleId} failed on ${uri}`, error);
      this.logger.info(`linted ${uri} (v${version}): ${result.problems.length} problem(s) in ${result.durationMs} ms`);
      this.status({ uri, state: 'done', durationMs: result.durationMs, problems: result.problems.length });
      return record(result, options);
    } catch (error) {
      if (error instanceof JobCancelled) throw error;
      // The engine turns bad input into problems; getting here is a bug (or the worker ran out of memory). Say so
      // on the file, keep serving.
      this.logger.error(`lint failed on ${uri}`, error);
      this.status({ uri, state: 'error', durationMs: Date.now() - started, message: 'Lint failed; see the Docker Harden output.' });
      const problem: ProblemSummary = {
        ruleId: SYNTAX_RULE[kind],
        severity: 'error',
        message: 'Docker Harden could not lint this file (internal error, see the Docker Harden output).',
        start: 0,
        end: 0,
        fixes: 0,
        safeFix: false,
      };
      return record(empty([problem]), options);
    }
  }

  /**
   * The lint of a compose file that does not parse, with the problems of the document's last lint outside the lines
   * changed since (keptProblems.ts): typing a line does not wipe the file's other problems. The same version linted
   * again (a Dockerfile it reads changed) keeps them too; not when the options changed (a rule turned off).
   */
  private withKeptProblems(uri: string, version: number, filePath: string, positions: TextPositions, result: LintData, options: JobOptions): LintData {
    const last = this.results.get(uri);
    if (!last || last.version > version || last.tooLarge || !last.options || last.path !== filePath || last.result.kind !== 'compose') return result;
    if (JSON.stringify(last.options) !== JSON.stringify(options)) return result;
    return keepProblemsOutsideChange({ text: last.positions.text, lines: last.positions.lines, result: last.result }, positions.text, positions.lines, result);
  }

  /**
   * The text's length, or the longest open buffer its last lint read if longer: the lint reads (and parses) that
   * one too, so it goes to the worker that has it parsed already.
   */
  sizeWithDependencies(uri: string, text: string): number {
    let size = text.length;
    for (const dependency of this.results.get(uri)?.result.dependencies ?? []) {
      size = Math.max(size, this.open.byPath(dependency)?.getText().length ?? 0);
    }
    return size;
  }

  private status(params: LintStatusNotification.Params): void {
    void this.connection.sendNotification(LintStatusNotification.method, params);
  }
}

/** The one diagnostic of a document over the size limit, with the setting that would let it be linted. */
function tooLargeProblem(kind: FileKind | undefined, length: number, limit: number): ProblemSummary {
  const raise = length <= MAX_LINT_BYTES ? ' Raise the setting dockerHarden.maxFileSizeMB to lint it.' : '';
  return {
    ruleId: kind ? SYNTAX_RULE[kind] : 'config/schema',
    severity: 'warning',
    message: `${tooLargeMessage(length, limit)}${raise}`,
    start: 0,
    end: 0,
    fixes: 0,
    safeFix: false,
  };
}

/** The problems of a lint whose range touches an offset range. */
export function problemsIn(entry: LintEntry, start: number, end: number): ProblemSummary[] {
  return entry.result.problems.filter((problem) => touches(problem, start, end));
}

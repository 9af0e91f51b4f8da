/**
 * Lints open documents: on open at once, on change after a per-document debounce (a newer change cancels the
 * pending lint, and a result for an outdated version is dropped), again when settings change, and when a file the
 * last lint read (a Dockerfile, a `.dockerignore`, a compose file) changes. Publishes diagnostics and lint status.
 */
import * as path from 'node:path';
import { lint, lintOptionsFromConfig, parseConfig, type LintOptions, type LintResult, type Problem } from '../../engine/src/index';
import type { Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LintStatusNotification } from './protocol';
import { toDiagnostic, TextPositions, type DiagnosticOptions } from './positions';
import type { OpenDocuments } from './documents';
import type { Logger } from './logger';
import type { Settings, SettingsCache } from './settings';
import { isConfigFile, type ProjectConfigs } from './projectConfig';
import { IdleCollector } from './memory';

export const DEBOUNCE_MS = 200;

export interface LintEntry {
  uri: string;
  version: number;
  path: string;
  positions: TextPositions;
  result: LintResult;
  /** The options the lint ran with (kind, workspace, severities, profile, ignored ids): fixes reuse them. */
  options: LintOptions;
}

export class LintScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly results = new Map<string, LintEntry>();
  /** Returns the garbage of the lints to the system once the user stops typing. */
  readonly idle = new IdleCollector();

  constructor(
    private readonly connection: Connection,
    private readonly open: OpenDocuments,
    private readonly settings: SettingsCache,
    private readonly logger: Logger,
    private readonly diagnosticOptions: DiagnosticOptions,
    private readonly configs: ProjectConfigs,
  ) {}

  /** Lints after `delay` ms; a later call for the same document replaces this one. */
  schedule(uri: string, delay = DEBOUNCE_MS): void {
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
    for (const document of this.open.documents.all()) {
      if (document.uri !== except && this.lintable(document)) this.schedule(document.uri, delay);
    }
  }

  /** Re-lints the open documents (other than `changedUri`) whose last lint read `changedPath`. */
  scheduleDependents(changedPath: string, changedUri?: string): void {
    const key = path.resolve(changedPath);
    for (const entry of this.results.values()) {
      if (entry.uri !== changedUri && entry.result.dependencies.includes(key)) {
        this.logger.debug(`re-lint ${entry.uri}: ${key} changed`);
        this.schedule(entry.uri);
      }
    }
  }

  closed(uri: string): void {
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
    return this.run(document, await this.settings.get(document.uri));
  }

  private async lintDocument(uri: string): Promise<void> {
    const document = this.open.documents.get(uri);
    if (!document) return;
    const version = document.version;
    const settings = await this.settings.get(uri);
    const now = this.open.documents.get(uri);
    // A newer change arrived while the settings were fetched: its own scheduled lint will run.
    if (!now || now.version !== version) return;
    const entry = this.run(now, settings);
    if (!entry) {
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    void this.connection.sendDiagnostics({
      uri,
      version,
      diagnostics: entry.result.problems.map((problem) => toDiagnostic(problem, entry.positions, this.diagnosticOptions)),
    });
  }

  /** Whether the server lints this document: a compose file, a Dockerfile, or `.docker-harden.yaml` itself. */
  lintable(document: TextDocument): boolean {
    return this.open.kindOf(document) !== undefined || isConfigFile(this.open.pathOf(document));
  }

  /**
   * The lint options for a document: `.docker-harden.yaml` (and `.hadolint.yaml`) first, the editor settings on
   * top. Undefined when the config's `ignore:` excludes the file.
   */
  optionsFor(document: TextDocument, settings: Settings): LintOptions | undefined {
    const kind = this.open.kindOf(document);
    const filePath = this.open.pathOf(document);
    const loaded = this.configs.forFile(filePath);
    if (loaded?.isIgnored(filePath)) return undefined;
    const fromConfig = loaded ? lintOptionsFromConfig(loaded, kind) : { rules: {}, profile: undefined, ignored: undefined };
    return {
      kind,
      workspace: this.open.workspaceFor(document),
      rules: { ...fromConfig.rules, ...settings.rules },
      profile: settings.profile ?? fromConfig.profile,
      ignored: fromConfig.ignored,
      onRuleError: (ruleId, error) => this.logger.error(`rule ${ruleId} failed on ${document.uri}`, error),
    };
  }

  /** Lints synchronously and records the result; undefined when the document is not ours. */
  private run(document: TextDocument, settings: Settings): LintEntry | undefined {
    const kind = this.open.kindOf(document);
    const uri = document.uri;
    const filePath = this.open.pathOf(document);
    const text = document.getText();
    const record = (result: LintResult, options: LintOptions): LintEntry => {
      const entry: LintEntry = { uri, version: document.version, path: filePath, positions: new TextPositions(text), result, options };
      this.results.set(uri, entry);
      this.idle.touch();
      return entry;
    };
    if (!kind) {
      if (!isConfigFile(filePath)) return undefined;
      const problems: Problem[] = parseConfig(text).problems.map((problem) => ({ ...problem, fixes: [] }));
      return record({ kind: undefined, file: undefined, problems, dependencies: [] }, {});
    }
    const started = Date.now();
    this.status({ uri, state: 'linting' });
    const options = this.optionsFor(document, settings);
    if (!options) {
      this.logger.info(`${uri} is excluded by the ignore list of .docker-harden.yaml`);
      this.status({ uri, state: 'done', durationMs: 0, problems: 0 });
      return record({ kind, file: undefined, problems: [], dependencies: [] }, { kind });
    }
    try {
      const result = lint(filePath, text, options);
      const durationMs = Date.now() - started;
      this.logger.info(`linted ${uri} (v${document.version}): ${result.problems.length} problem(s) in ${durationMs} ms`);
      this.status({ uri, state: 'done', durationMs, problems: result.problems.length });
      return record(result, options);
    } catch (error) {
      // The engine turns bad input into problems; getting here is a bug. Say so on the file, keep serving.
      this.logger.error(`lint failed on ${uri}`, error);
      this.status({ uri, state: 'error', durationMs: Date.now() - started, message: 'Lint failed; see the Docker Harden output.' });
      const problem: Problem = {
        ruleId: kind === 'compose' ? 'compose/schema' : 'dockerfile/syntax',
        severity: 'error',
        message: 'Docker Harden could not lint this file (internal error, see the Docker Harden output).',
        start: 0,
        end: 0,
        fixes: [],
      };
      return record({ kind, file: undefined, problems: [problem], dependencies: [] }, options);
    }
  }

  private status(params: LintStatusNotification.Params): void {
    void this.connection.sendNotification(LintStatusNotification.method, params);
  }
}

/** The problems of a lint whose range touches an offset range. */
export function problemsIn(entry: LintEntry, start: number, end: number): Problem[] {
  return entry.result.problems.filter((problem) => problem.start <= end && problem.end >= start);
}

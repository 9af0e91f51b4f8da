/**
 * Compose services for the editor: a "Harden service" CodeLens above each one, the `listServices` request for the
 * client's quick pick, and the `hardenService` request, which runs the engine's harden() and returns the full
 * new text of every file it changes (the client turns that into one WorkspaceEdit with a preview).
 */
import type { CodeLens } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands, type HardenServiceRequest, type ListServicesRequest, type ProductionOverrideRequest } from './protocol';
import type { LintScheduler } from './linting';
import type { OpenDocuments } from './documents';
import type { SettingsCache } from './settings';
import type { Logger } from './logger';
import { JobCancelled, type Engine } from './engine';
import type { RuleError, ServiceSpan } from './engineJobs';
import { TextPositions } from './positions';

export class ServiceFeatures {
  constructor(
    private readonly open: OpenDocuments,
    private readonly linter: LintScheduler,
    private readonly settings: SettingsCache,
    private readonly logger: Logger,
    private readonly engine: Engine,
  ) {}

  /** From a parse of the current text, not a lint: the editor asks on every change, before the debounced lint. */
  async codeLenses(document: TextDocument): Promise<CodeLens[]> {
    if (this.open.kindOf(document) !== 'compose') return [];
    // The linter refuses such files; do not parse them either.
    if (await this.refused(document)) return [];
    const services = await this.services(document);
    if (!services) return [];
    const positions = this.positionsOf(document);
    return services.map((service) => {
      const position = positions.lines.positionAt(service.start);
      return {
        range: { start: position, end: position },
        command: { title: 'Harden service', command: Commands.hardenService, arguments: [document.uri, service.name] },
      };
    });
  }

  private cache: { uri: string; version: number; services: Promise<ServiceSpan[]> } | undefined;

  /** The services of the document's current text: from its lint when current, else from a parse in the worker. */
  private async services(document: TextDocument): Promise<ServiceSpan[] | undefined> {
    const last = this.linter.last(document.uri);
    if (last?.version === document.version && last.result.services) return last.result.services;
    if (this.cache?.uri !== document.uri || this.cache.version !== document.version) {
      // In the worker that lints the document next: the lint reuses this parse (same path and text).
      const services = this.engine.run(
        { op: 'services', path: this.open.pathOf(document), text: document.getText() },
        { uri: document.uri, version: document.version, cancellable: true, size: this.linter.sizeWithDependencies(document.uri, document.getText()) },
      );
      this.cache = { uri: document.uri, version: document.version, services };
    }
    try {
      return await this.cache.services;
    } catch (error) {
      if (error instanceof JobCancelled) return undefined;
      throw error;
    }
  }

  private positionsOf(document: TextDocument): TextPositions {
    const last = this.linter.last(document.uri);
    return last?.version === document.version ? last.positions : new TextPositions(document.getText());
  }

  /** Too large (dockerHarden.maxFileSizeMB) or binary: the linter does not parse such files, nor does this. */
  private async refused(document: TextDocument): Promise<boolean> {
    return this.linter.tooLarge(document, await this.settings.get(document.uri)) || document.getText().slice(0, 8192).includes('\u0000');
  }

  async listServices(document: TextDocument): Promise<ListServicesRequest.Result> {
    if (this.open.kindOf(document) !== 'compose' || (await this.refused(document))) return [];
    const entry = await this.linter.current(document);
    if (!entry) return [];
    const services = entry.result.services ?? (await this.services(document)) ?? [];
    const problems = entry.result.problems;
    return services.map((service) => ({
      name: service.name,
      line: entry.positions.lines.positionAt(service.start).line,
      problems: problems.filter((problem) => problem.start >= service.start && problem.start <= service.end).length,
    }));
  }

  async hardenService(document: TextDocument, services: readonly string[]): Promise<HardenServiceRequest.Result> {
    const settings = await this.settings.get(document.uri);
    const text = document.getText();
    const options = this.linter.optionsFor(document, settings, 'harden');
    if (!options || this.linter.tooLarge(document, settings)) return { changes: [], fixCount: 0, unknownServices: [] };
    const result = await this.engine.run(
      { op: 'harden', path: this.open.pathOf(document), text, options, services: [...services] },
      { size: this.linter.sizeWithDependencies(document.uri, text) },
    );
    this.logRuleErrors(result.ruleErrors, `while hardening ${document.uri}`);
    this.logger.info(`harden ${document.uri} [${services.join(', ') || 'all services'}]: ${result.fixCount} fix(es)`);
    const changes: HardenServiceRequest.Result['changes'] = [];
    if (result.output !== text) changes.push({ uri: document.uri, newText: result.output, create: false });
    for (const file of result.otherFiles) {
      changes.push({
        uri: this.open.uriOf(file.path),
        newText: file.after,
        create: file.before === undefined,
        ...(file.mode !== undefined ? { mode: file.mode } : {}),
        ...(file.folderMode !== undefined ? { folderMode: file.folderMode } : {}),
      });
    }
    return { changes, fixCount: result.fixCount, unknownServices: result.unknownServices, ...(result.refused ? { refused: result.refused } : {}) };
  }

  async productionOverride(document: TextDocument): Promise<ProductionOverrideRequest.Result> {
    if (this.open.kindOf(document) !== 'compose') return { changes: [], services: [], refused: 'Open a compose file first.' };
    const settings = await this.settings.get(document.uri);
    const text = document.getText();
    const options = this.linter.optionsFor(document, settings);
    if (!options) return { changes: [], services: [], refused: 'Docker Harden is not enabled for this file.' };
    if (this.linter.tooLarge(document, settings)) return { changes: [], services: [], refused: 'The compose file is larger than dockerHarden.maxFileSizeMB.' };
    const result = await this.engine.run(
      { op: 'productionOverride', path: this.open.pathOf(document), text, options },
      { size: this.linter.sizeWithDependencies(document.uri, text) },
    );
    this.logRuleErrors(result.ruleErrors, `while generating the production override for ${document.uri}`);
    if (result.refused) return { changes: [], services: [], refused: result.refused };
    this.logger.info(`production override for ${document.uri}: ${result.services.length} service(s)`);
    const changes: ProductionOverrideRequest.Result['changes'] = [];
    for (const file of result.files) {
      changes.push({ uri: this.open.uriOf(file.path), newText: file.after, create: file.before === undefined });
    }
    if (result.baseOutput !== text) changes.push({ uri: document.uri, newText: result.baseOutput, create: false });
    return { changes, services: result.services };
  }

  private logRuleErrors(errors: readonly RuleError[], context: string): void {
    for (const { ruleId, error } of errors) this.logger.error(`rule ${ruleId} failed ${context}`, error);
  }
}

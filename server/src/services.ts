/**
 * Compose services for the editor: a "Harden service" CodeLens above each one, the `listServices` request for the
 * client's quick pick, and the `hardenService` request, which runs the engine's harden() and returns the full
 * new text of every file it changes (the client turns that into one WorkspaceEdit with a preview).
 */
import { generateProductionOverride, harden, MAX_LINT_BYTES, parseComposeShared, type ComposeFile, type ComposeService } from '../../engine/src/index';
import type { CodeLens } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands, type HardenServiceRequest, type ListServicesRequest, type ProductionOverrideRequest } from './protocol';
import type { LintScheduler } from './linting';
import type { OpenDocuments } from './documents';
import type { SettingsCache } from './settings';
import type { Logger } from './logger';

/** Offsets of a service: from its key to the end of its value. */
function serviceSpan(service: ComposeService): [number, number] | undefined {
  const start = service.key.range?.[0];
  if (start === undefined) return undefined;
  const value = service.pair.value as { range?: [number, number, number] } | null;
  return [start, value?.range?.[2] ?? service.key.range![2]];
}

export class ServiceFeatures {
  constructor(
    private readonly open: OpenDocuments,
    private readonly linter: LintScheduler,
    private readonly settings: SettingsCache,
    private readonly logger: Logger,
  ) {}

  /** From a parse of the current text, not a lint: the editor asks on every change, before the debounced lint. */
  codeLenses(document: TextDocument): CodeLens[] {
    if (this.open.kindOf(document) !== 'compose') return [];
    // The linter refuses such files; do not parse them either.
    const text = document.getText();
    if (text.length > MAX_LINT_BYTES || text.slice(0, 8192).includes('\u0000')) return [];
    const file = this.parsed(document);
    const lenses: CodeLens[] = [];
    for (const service of file.services) {
      const span = serviceSpan(service);
      if (!span) continue;
      const position = file.lines.positionAt(span[0]);
      lenses.push({
        range: { start: position, end: position },
        command: { title: 'Harden service', command: Commands.hardenService, arguments: [document.uri, service.name] },
      });
    }
    return lenses;
  }

  private cache: { uri: string; version: number; file: ComposeFile } | undefined;

  private parsed(document: TextDocument): ComposeFile {
    const last = this.linter.last(document.uri);
    if (last?.version === document.version && last.result.file?.kind === 'compose') return last.result.file;
    if (this.cache?.uri !== document.uri || this.cache.version !== document.version) {
      // Shared with the lint that follows (same path and text): one parse per change, not two.
      this.cache = { uri: document.uri, version: document.version, file: parseComposeShared(this.open.pathOf(document), document.getText()) };
    }
    return this.cache.file;
  }

  async listServices(document: TextDocument): Promise<ListServicesRequest.Result> {
    if (this.open.kindOf(document) !== 'compose') return [];
    const entry = await this.linter.current(document);
    const file = entry?.result.file ?? parseComposeShared(this.open.pathOf(document), document.getText());
    if (file.kind !== 'compose') return [];
    const problems = entry?.result.problems ?? [];
    return file.services.flatMap((service) => {
      const span = serviceSpan(service);
      if (!span) return [];
      return [{
        name: service.name,
        line: file.lines.positionAt(span[0]).line,
        problems: problems.filter((problem) => problem.start >= span[0] && problem.start <= span[1]).length,
      }];
    });
  }

  async hardenService(document: TextDocument, services: readonly string[]): Promise<HardenServiceRequest.Result> {
    const settings = await this.settings.get(document.uri);
    const text = document.getText();
    const options = this.linter.optionsFor(document, settings);
    if (!options) return { changes: [], fixCount: 0, unknownServices: [] };
    // No `kind`: harden() lints the compose file and the Dockerfiles it links to, each by its own kind.
    const { kind: _kind, ...crossFileOptions } = options;
    const result = harden(this.open.pathOf(document), text, {
      ...crossFileOptions,
      services,
      onRuleError: (ruleId, error) => this.logger.error(`rule ${ruleId} failed while hardening ${document.uri}`, error),
    });
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
    return { changes, fixCount: result.fixCount, unknownServices: result.unknownServices };
  }

  async productionOverride(document: TextDocument): Promise<ProductionOverrideRequest.Result> {
    if (this.open.kindOf(document) !== 'compose') return { changes: [], services: [], refused: 'Open a compose file first.' };
    const settings = await this.settings.get(document.uri);
    const text = document.getText();
    const options = this.linter.optionsFor(document, settings);
    if (!options) return { changes: [], services: [], refused: 'Docker Harden is not enabled for this file.' };
    const result = generateProductionOverride(this.open.pathOf(document), text, {
      ...options,
      onRuleError: (ruleId, error) => this.logger.error(`rule ${ruleId} failed while generating the production override for ${document.uri}`, error),
    });
    if (result.refused) return { changes: [], services: [], refused: result.refused };
    this.logger.info(`production override for ${document.uri}: ${result.services.length} service(s)`);
    const changes: ProductionOverrideRequest.Result['changes'] = [];
    for (const file of result.files) {
      changes.push({ uri: this.open.uriOf(file.path), newText: file.after, create: file.before === undefined });
    }
    if (result.baseOutput !== text) changes.push({ uri: document.uri, newText: result.baseOutput, create: false });
    return { changes, services: result.services };
  }
}

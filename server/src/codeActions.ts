/**
 * Code actions, each carrying its WorkspaceEdit: one quick fix per engine Fix (the preferred one first),
 * "Fix all <rule> problems", the two "Ignore" actions, "Show documentation", and `source.fixAll.dockerHarden`
 * (engine fix-all, returned as minimal edits, refused when the document moved on since the request).
 */
import { applyEdits, docsUrl, minimalEdits, unverified, type Edit, type Fix } from '../../engine/src/index';
import {
  CodeAction,
  CodeActionKind,
  CodeActionTriggerKind,
  type CodeActionParams,
  type Command,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands, FIX_ALL_KIND } from './protocol';
import { ignoreAboveLine, ignoreFileEdit } from './ignoreComments';
import { problemsIn, type LintEntry, type LintScheduler } from './linting';
import type { OpenDocuments } from './documents';
import { buildWorkspaceEdit, changedFiles, PendingModes, type EditCapabilities } from './workspaceEdits';
import type { Engine } from './engine';
import type { ProblemSummary, ServiceSpan } from './engineJobs';

export { FIX_ALL_KIND };

export interface CodeActionCapabilities extends EditCapabilities {
  /** The client understands CodeAction literals (else Commands that the server applies). */
  literals: boolean;
  isPreferred: boolean;
}

export class CodeActionProvider {
  constructor(
    private readonly open: OpenDocuments,
    private readonly linter: LintScheduler,
    private readonly capabilities: CodeActionCapabilities,
    private readonly pendingModes: PendingModes,
    private readonly engine: Engine,
  ) {}

  async provide(document: TextDocument, params: CodeActionParams): Promise<(CodeAction | Command)[]> {
    // The editor asks on every cursor move and keystroke (triggerKind Automatic): answering those from a stale lint
    // would be wrong and linting now would defeat the debounce, so wait for the lint (new diagnostics make the
    // editor ask again). An explicit request (Ctrl+., a kind asked for on save) lints now if needed.
    const last = this.linter.last(document.uri);
    if (params.context.triggerKind === CodeActionTriggerKind.Automatic && !params.context.only && last?.version !== document.version) return [];
    const entry = await this.linter.current(document);
    // A document over the size limit was not linted: its one diagnostic has nothing to fix.
    if (!entry || entry.tooLarge) return [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
    const actions: CodeAction[] = [];
    // A loop, not push(...list): a selection over 200,000 problems would overflow the stack.
    if (wants(CodeActionKind.QuickFix)) for (const action of await this.quickFixes(document, entry, params)) actions.push(action);
    // Fix-all runs the whole fixer: only when asked for by kind (save actions, the Source Action menu), not for
    // every lightbulb request.
    if (only && wants(FIX_ALL_KIND)) {
      const fixAllAction = await this.fixAllSafe(document, entry);
      if (fixAllAction) actions.push(fixAllAction);
    }
    return this.capabilities.literals ? actions : actions.flatMap((action) => asCommand(action));
  }

  /** Fix all safe problems, for the document version that was asked about. */
  async fixAllSafe(document: TextDocument, entry: LintEntry): Promise<CodeAction | undefined> {
    if (!entry.options) return undefined;
    const result = await this.engine.run(
      { op: 'fixAll', path: entry.path, text: entry.positions.text, options: entry.options, unsafe: false },
      { size: this.linter.sizeWithDependencies(entry.uri, entry.positions.text) },
    );
    if (result.fixCount === 0 || (result.edits.length === 0 && result.otherFiles.length === 0)) return undefined;
    if (this.open.documents.get(document.uri)?.version !== entry.version) return undefined;
    this.pendingModes.remember(result.otherFiles);
    const primary = { uri: document.uri, version: entry.version, positions: entry.positions, edits: result.edits };
    // A client that cannot create files still gets the rest (safe fixes do not depend on the files they create).
    const canCreate = this.capabilities.documentChanges && this.capabilities.createFile;
    const others = canCreate ? result.otherFiles : result.otherFiles.filter((file) => file.before !== undefined);
    if (primary.edits.length === 0 && others.length === 0) return undefined;
    const edit = buildWorkspaceEdit(primary, others, this.open, this.capabilities, false);
    if (!edit) return undefined;
    return { title: 'Fix all safe problems', kind: FIX_ALL_KIND, edit };
  }

  /**
   * The quick fixes, ordered as ESLint's: for the problem at the cursor its fixes (the preferred one first), "Fix all
   * <rule> problems", the two ignore actions and its documentation. A service key carries several problems at once
   * (healthcheck, limits, logging, user...): one such block each made 16 to 22 entries, so the other problems of
   * the service are grouped under one "Harden service" entry, whose refactor preview lists each fix to pick from.
   * Without a service around the cursor (a Dockerfile, a top-level key) every problem there gets its block.
   */
  private async quickFixes(document: TextDocument, entry: LintEntry, params: CodeActionParams): Promise<CodeAction[]> {
    const { positions } = entry;
    const start = positions.offsetAt(params.range.start);
    const end = positions.offsetAt(params.range.end);
    const touching = problemsIn(entry, start, end);
    const service = touching.length > 0 ? serviceAround(entry, start, end) : undefined;
    // The problem at the cursor: one of those the client asked about (its diagnostics), else any touching the range.
    const asked = touching.filter((problem) => params.context.diagnostics.some((d) => sameProblem(d, problem, positions)));
    const here = service && new Set(touching.map((problem) => problem.ruleId)).size > 1 ? [atCursor(asked.length > 0 ? asked : touching)] : touching;
    // The fixes stay in the worker: fetched for the problems here only (in the same order).
    const fixesHere: Fix[][] =
      entry.options && here.some((problem) => problem.fixes > 0)
        ? await this.fixesOf(document, entry, here, start, end)
        : here.map(() => []);
    const fixes: CodeAction[] = [];
    const fixAlls: CodeAction[] = [];
    const ignores: CodeAction[] = [];
    const docs: CodeAction[] = [];
    const ruleDone = new Set<string>();
    for (const [problemIndex, problem] of here.entries()) {
      const diagnostic = params.context.diagnostics.find((d) => sameProblem(d, problem, positions));
      const diagnostics = diagnostic ? [diagnostic] : undefined;
      const ordered = [...(fixesHere[problemIndex] ?? [])].sort((a, b) => Number(Boolean(b.preferred)) - Number(Boolean(a.preferred)));
      ordered.forEach((fix, index) => {
        const others = changedFiles([fix], this.open.workspaceFor(document));
        if (!others) return;
        this.pendingModes.remember(others);
        const edit = buildWorkspaceEdit(
          // The rule's edits may span more than they change (e.g. from the end of the previous line): send the
          // minimal edits of the same result, so the client touches only the lines that change.
          { uri: document.uri, version: entry.version, positions, edits: minimalEdits(positions.text, applyEdits(positions.text, fix.edits)) },
          others,
          this.open,
          this.capabilities,
          !fix.safe,
          unverified(fix),
        );
        if (!edit) return;
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics, edit };
        // Preferred fixes are applied by "auto fix" without a look: never an unsafe one.
        if (this.capabilities.isPreferred && index === 0 && fix.safe) action.isPreferred = true;
        fixes.push(action);
      });
      if (ruleDone.has(problem.ruleId)) continue;
      ruleDone.add(problem.ruleId);
      // Every action of the block names the problem's diagnostic: VS Code lists actions with diagnostics before
      // those without (then by message, keeping ties in our order), which put "Ignore" before a bare "Fix all".
      if (problem.fixes > 0) {
        const fixAllRule = await this.fixAllOfRule(document, entry, problem.ruleId);
        if (fixAllRule) fixAlls.push(diagnostics ? { ...fixAllRule, diagnostics } : fixAllRule);
      }
      for (const action of this.ignoreActions(document, entry, problem, diagnostics)) ignores.push(action);
      const url = docsUrl(problem.ruleId);
      docs.push({
        title: `Show documentation for ${problem.ruleId}`,
        kind: CodeActionKind.QuickFix,
        ...(diagnostics ? { diagnostics } : {}),
        command: { title: `Show documentation for ${problem.ruleId}`, command: Commands.showDocumentation, arguments: [url] },
      });
    }
    const harden = service ? this.hardenAction(document, entry, service, here) : undefined;
    return [...fixes, ...fixAlls, ...ignores, ...docs, ...(harden ? [harden] : [])];
  }

  /** The fixes of `here` (problems of the lint, in its order), from the worker that keeps them. */
  private async fixesOf(document: TextDocument, entry: LintEntry, here: ProblemSummary[], start: number, end: number): Promise<Fix[][]> {
    const touching = await this.engine.run(
      { op: 'fixes', path: entry.path, text: entry.positions.text, options: entry.options!, keep: { uri: document.uri, version: entry.version }, start, end },
      // The worker that linted it, which kept the fixes.
      { size: this.linter.sizeWithDependencies(entry.uri, entry.positions.text) },
    );
    // The worker answers for every problem touching the range, in the lint's order.
    const all = problemsIn(entry, start, end);
    return here.map((problem) => touching[all.indexOf(problem)] ?? []);
  }

  /**
   * "Harden service "<name>"…": every fix of the service's problems in VS Code's refactor preview (the client's
   * command), when the service has fixable problems besides those whose actions are listed.
   */
  private hardenAction(document: TextDocument, entry: LintEntry, service: ServiceSpan, listed: ProblemSummary[]): CodeAction | undefined {
    const fixable = entry.result.problems.filter((problem) => problem.fixes > 0 && problem.start >= service.start && problem.start <= service.end);
    const rest = fixable.filter((problem) => !listed.includes(problem));
    if (rest.length === 0) return undefined;
    const title = `Harden service "${service.name}" (${fixable.length} fixable problem${fixable.length === 1 ? '' : 's'})…`;
    return { title, kind: CodeActionKind.QuickFix, command: { title, command: Commands.hardenService, arguments: [document.uri, service.name] } };
  }

  /** "Fix all <rule> problems" when the rule has more than one fixable problem in the document. */
  private async fixAllOfRule(document: TextDocument, entry: LintEntry, ruleId: string): Promise<CodeAction | undefined> {
    const fixable = entry.result.problems.filter((problem) => problem.ruleId === ruleId && problem.fixes > 0);
    if (fixable.length < 2 || !entry.options) return undefined;
    const unsafe = fixable.some((problem) => !problem.safeFix);
    const result = await this.engine.run(
      { op: 'fixAll', path: entry.path, text: entry.positions.text, options: entry.options, unsafe, ruleId },
      { size: this.linter.sizeWithDependencies(entry.uri, entry.positions.text) },
    );
    if (result.fixCount === 0) return undefined;
    this.pendingModes.remember(result.otherFiles);
    const edit = buildWorkspaceEdit(
      { uri: document.uri, version: entry.version, positions: entry.positions, edits: result.edits },
      result.otherFiles,
      this.open,
      this.capabilities,
      unsafe,
    );
    if (!edit) return undefined;
    return { title: `Fix all ${ruleId} problems`, kind: CodeActionKind.QuickFix, edit };
  }

  private ignoreActions(document: TextDocument, entry: LintEntry, problem: ProblemSummary, diagnostics: CodeAction['diagnostics']): CodeAction[] {
    const lines = entry.positions.lines;
    const index = entry.result.problems.indexOf(problem);
    const anchor = entry.result.anchors[index] ?? lines.positionAt(problem.start).line;
    const kind = entry.result.kind;
    const single = (title: string, edit: Edit): CodeAction => ({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics,
      edit: textEdit(document.uri, entry, [edit], this.capabilities.documentChanges),
    });
    return [
      single(`Ignore ${problem.ruleId} for this line`, ignoreAboveLine(lines, anchor, problem.ruleId)),
      single(`Ignore ${problem.ruleId} for this file`, ignoreFileEdit(kind ? { kind } : undefined, lines, problem.ruleId)),
    ];
  }
}

function textEdit(uri: string, entry: LintEntry, edits: { start: number; end: number; text: string }[], documentChanges: boolean): WorkspaceEdit {
  const textEdits = entry.positions.textEdits(edits);
  if (!documentChanges) return { changes: { [uri]: textEdits } };
  return { documentChanges: [{ textDocument: { uri, version: entry.version }, edits: textEdits }] };
}

/** For clients without CodeAction literals: a Command the server applies, carrying the edit in its arguments. */
function asCommand(action: CodeAction): Command[] {
  if (action.edit) return [{ title: action.title, command: Commands.applyEdit, arguments: [action.edit] }];
  return action.command ? [action.command] : [];
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** The problem a menu is about when several share the cursor (a service key): the most severe, then the first. */
function atCursor(problems: ProblemSummary[]): ProblemSummary {
  return problems.reduce((best, problem) => (SEVERITY_RANK[problem.severity] < SEVERITY_RANK[best.severity] ? problem : best));
}

/** The service (from its key to the end of its value) that holds the whole range, if any. */
function serviceAround(entry: LintEntry, start: number, end: number): ServiceSpan | undefined {
  if (entry.result.kind !== 'compose') return undefined;
  return entry.result.services?.find((service) => service.start <= start && end <= service.end);
}

/** Whether a diagnostic the client sent is this problem's. */
function sameProblem(diagnostic: Diagnostic, problem: ProblemSummary, positions: LintEntry['positions']): boolean {
  return diagnostic.code === problem.ruleId && positions.offsetAt(diagnostic.range.start) === problem.start && positions.offsetAt(diagnostic.range.end) === problem.end;
}

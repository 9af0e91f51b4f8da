/**
 * The one place where engine offsets become LSP positions and ranges (and back). Everything else in the server
 * speaks offsets (engine) or LSP (protocol) and converts here.
 */
import { docsUrl, minimalEdits, LineIndex, type Edit, type Problem, type Severity } from '../../engine/src/index';
import { Diagnostic, DiagnosticSeverity, DiagnosticTag, Range, TextEdit } from 'vscode-languageserver/node';

export const SOURCE = 'docker-harden';

/** A text and its line index, built once per document version. */
export class TextPositions {
  private index: LineIndex | undefined;
  constructor(readonly text: string) {}

  /** Built on first use: a 20 MB document refused by the linter reports at offset 0 and needs no index. */
  get lines(): LineIndex {
    this.index ??= new LineIndex(this.text);
    return this.index;
  }

  range(start: number, end: number): Range {
    if (end === 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { start: this.lines.positionAt(start), end: this.lines.positionAt(end) };
  }

  offsetAt(position: { line: number; character: number }): number {
    return this.lines.offsetAt(position);
  }

  textEdit(edit: Edit): TextEdit {
    return { range: this.range(edit.start, edit.end), newText: edit.text };
  }

  textEdits(edits: readonly Edit[]): TextEdit[] {
    return edits.map((edit) => this.textEdit(edit));
  }

  /** The minimal line-granular edits that turn this text into `after`, as LSP edits. */
  editsTo(after: string): TextEdit[] {
    return this.textEdits(minimalEdits(this.text, after));
  }
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export interface DiagnosticOptions {
  /** The client renders `codeDescription` links. */
  codeDescription: boolean;
  /** The client supports `DiagnosticTag.Deprecated`/`Unnecessary`. */
  tags: boolean;
}

export function toDiagnostic(problem: Omit<Problem, 'fixes'>, positions: TextPositions, options: DiagnosticOptions): Diagnostic {
  const diagnostic: Diagnostic = {
    range: positions.range(problem.start, problem.end),
    severity: SEVERITY[problem.severity],
    source: SOURCE,
    code: problem.ruleId,
    message: problem.message,
  };
  // Config file problems (`config/schema`) have no rule page.
  if (options.codeDescription && !problem.ruleId.startsWith('config/')) diagnostic.codeDescription = { href: docsUrl(problem.ruleId) };
  if (options.tags && problem.tags?.length) {
    diagnostic.tags = problem.tags.map((tag) => (tag === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  }
  return diagnostic;
}

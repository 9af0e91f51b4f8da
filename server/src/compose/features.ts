/**
 * The compose editing features as LSP answers: converts positions to offsets and back around the pure functions of
 * this folder, reads the project's other files through OpenDocuments (open buffers first, then the disk inside the
 * workspace folder) and lists folders only to find compose files by name.
 */
import * as path from '../../../engine/src/core/paths';
import {
  DocumentHighlightKind,
  ResponseError,
  ErrorCodes,
  type CompletionItem,
  type DocumentHighlight,
  type DocumentLink,
  type DocumentSymbol,
  type Hover,
  type InlayHint,
  type Location,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findRule, LineIndex, type Workspace } from '../../../engine/src/index';
import { parseComposeShared, type ComposeFile } from '../../../engine/src/compose/model';
import type { OpenDocuments } from '../documents';
import type { ProblemSummary } from '../engineJobs';
import { composeCompletions } from './completion';
import { cursorContext, hoverTarget, sectionNames, type HoverTarget } from './context';
import { composeGroup, type FileAccess } from './group';
import { composeHover } from './hover';
import { composeInlayHints } from './inlayHints';
import { composeLinks } from './links';
import { definitions, describeName, highlights, references, rename, symbolAt } from './navigation';
import { definedNames, SECTION_OF, type NameKind } from './references';
import { composeSymbols } from './symbols';

export interface ComposeFeatureOptions {
  snippets: boolean;
  documentChanges: boolean;
}

const MAX_LISTED_FILES = 2000;
/** Edits after which completion reads the project's other files again (a new include or extends.file). */
const GROUP_REUSE_VERSIONS = 50;

/** Keys whose value names a service, network, volume, secret or config; lists and long forms are not `key: value` lines. */
const NAME_VALUES = new Set(['extends', 'service', 'network_mode', 'source']);
const NAME_MAPS = new Set(['depends_on', 'networks']);

/** Whether the hover may be on a name (a list item, a value of NAME_VALUES, a key of a long depends_on or networks). */
function mayBeName(target: HoverTarget | undefined): boolean {
  if (!target) return true;
  const key = target.path[target.path.length - 1];
  if (target.on === 'value') return NAME_VALUES.has(key);
  return target.path[0] === 'services' && target.path.length === 4 && NAME_MAPS.has(target.path[2]);
}

/** Spaces per level: the indentation of the first indented line (2 when there is none). */
function indentUnitOf(text: string): number {
  const indent = /\n( +)\S/.exec(text)?.[1].length;
  return indent && indent <= 8 ? indent : 2;
}

export class ComposeFeatures {
  /** The project's files as last read for a document (by URI), with the document's version then. */
  private readonly lastGroups = new Map<string, { version: number; files: ComposeFile[] }>();

  constructor(
    private readonly open: OpenDocuments,
    private readonly options: ComposeFeatureOptions,
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
  ) {}

  private fileOf(document: TextDocument): ComposeFile {
    return parseComposeShared(this.open.pathOf(document), document.getText());
  }

  private access(document: TextDocument): FileAccess {
    const workspace: Workspace = this.open.workspaceFor(document);
    return {
      read: (absolutePath) => workspace.readFile(absolutePath),
      list: (folder) => {
        try {
          // Only folders the workspace may read (readFile refuses what is outside it).
          const root = this.open.rootFor(this.open.pathOf(document));
          const relative = path.relative(root, folder);
          if (relative.startsWith('..') || path.isAbsolute(relative)) return [];
          return (workspace.listDirectory?.(folder) ?? []).map((entry) => entry.name).slice(0, MAX_LISTED_FILES);
        } catch {
          return [];
        }
      },
    };
  }

  private group(document: TextDocument): ComposeFile[] {
    const files = composeGroup(this.open.pathOf(document), document.getText(), this.access(document));
    this.lastGroups.set(document.uri, { version: document.version, files });
    if (this.lastGroups.size > 20) this.lastGroups.delete(this.lastGroups.keys().next().value as string);
    return files;
  }

  completion(document: TextDocument, position: Position): CompletionItem[] {
    const text = document.getText();
    const context = cursorContext(text, document.offsetAt(position));
    if (!context) return [];
    // Names come from the document's lines and the project's other files (parsed once while they do not change):
    // completion asks on each keystroke, and a big file is not parsed for it.
    let others: ComposeFile[] | undefined;
    const names = (kind: NameKind) => {
      others ??= this.otherFiles(document);
      return [...new Set([...sectionNames(text, SECTION_OF[kind]), ...others.flatMap((file) => definedNames(file, kind))])];
    };
    return composeCompletions(context, names, { snippets: this.options.snippets, indentUnit: indentUnitOf(text), today: this.today() }).map(({ replace, ...item }) => ({
      ...item,
      textEdit: { range: { start: document.positionAt(replace.start), end: document.positionAt(replace.end) }, newText: replace.newText },
    }));
  }

  /**
   * The project's files other than the document, from the last group made for it when it is recent (its links are
   * what include/extends said then), else from a new one.
   */
  private otherFiles(document: TextDocument): ComposeFile[] {
    const last = this.lastGroups.get(document.uri);
    if (last && document.version - last.version <= GROUP_REUSE_VERSIONS) return last.files.slice(1);
    return this.group(document).slice(1);
  }

  hover(document: TextDocument, position: Position, problems: readonly ProblemSummary[]): Hover | null {
    const offset = document.offsetAt(position);
    const here = problems
      .filter((problem) => problem.start <= offset && offset <= problem.end)
      .map((problem) => ({ ruleId: problem.ruleId, severity: problem.severity, message: problem.message, rationale: findRule(problem.ruleId)?.meta.rationale }));
    const text = document.getText();
    const found = composeHover(text, offset, here, this.today());
    // A name (a service in depends_on, a network...): where it is defined. Only where the line is not a key, so a
    // hover on keys never parses the project.
    if (mayBeName(hoverTarget(text, offset))) {
      const files = this.group(document);
      const name = describeName(files, offset);
      const symbol = symbolAt(files, offset);
      if (name && symbol) {
        const { start, end } = symbol.occurrence;
        return { contents: { kind: 'markdown', value: found ? `${found.markdown}\n\n---\n\n${name}` : name }, range: { start: document.positionAt(start), end: document.positionAt(end) } };
      }
    }
    if (!found) return null;
    return { contents: { kind: 'markdown', value: found.markdown }, range: { start: document.positionAt(found.start), end: document.positionAt(found.end) } };
  }

  symbols(document: TextDocument): DocumentSymbol[] {
    return composeSymbols(document.getText());
  }

  definition(document: TextDocument, position: Position): Location[] {
    const files = this.group(document);
    return definitions(files, document.offsetAt(position)).map((found) => this.location(files, found));
  }

  references(document: TextDocument, position: Position, includeDeclaration: boolean): Location[] {
    const files = this.group(document);
    return references(files, document.offsetAt(position), includeDeclaration).map((found) => this.location(files, found));
  }

  highlights(document: TextDocument, position: Position): DocumentHighlight[] {
    return highlights([this.fileOf(document)], document.offsetAt(position)).map(({ start, end, definition }) => ({
      range: { start: document.positionAt(start), end: document.positionAt(end) },
      kind: definition ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    }));
  }

  prepareRename(document: TextDocument, position: Position): { range: Range; placeholder: string } | null {
    const symbol = symbolAt([this.fileOf(document)], document.offsetAt(position));
    if (!symbol) return null;
    const { start, end } = symbol.occurrence;
    return { range: { start: document.positionAt(start), end: document.positionAt(end) }, placeholder: symbol.name };
  }

  rename(document: TextDocument, position: Position, newName: string): WorkspaceEdit {
    const files = this.group(document);
    const result = rename(files, document.offsetAt(position), newName);
    if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
    const changes: Record<string, TextEdit[]> = {};
    const documentChanges: WorkspaceEdit['documentChanges'] = [];
    for (const [filePath, edits] of result.edits) {
      const file = files.find((candidate) => candidate.path === filePath)!;
      const uri = this.open.uriOf(filePath);
      const textEdits = edits.map(({ start, end, newText }) => ({ range: { start: file.lines.positionAt(start), end: file.lines.positionAt(end) }, newText }));
      changes[uri] = textEdits;
      const version = this.open.byPath(filePath)?.version ?? null;
      documentChanges.push({ textDocument: { uri, version }, edits: textEdits });
    }
    return this.options.documentChanges ? { documentChanges } : { changes };
  }

  links(document: TextDocument): DocumentLink[] {
    const file = this.fileOf(document);
    const workspace = this.open.workspaceFor(document);
    const exists = (absolutePath: string) => {
      try {
        return workspace.readFile(absolutePath) !== undefined || workspace.listDirectory?.(absolutePath) !== undefined;
      } catch {
        return false;
      }
    };
    return composeLinks(file, exists).map((link) => ({
      range: { start: document.positionAt(link.start), end: document.positionAt(link.end) },
      target: link.target.startsWith('https://') ? link.target : this.open.uriOf(link.target),
      tooltip: link.tooltip,
    }));
  }

  inlayHints(document: TextDocument, range: Range): InlayHint[] {
    const files = this.group(document);
    const [file] = files;
    const from = document.offsetAt(range.start);
    const to = document.offsetAt(range.end);
    return composeInlayHints(file, files)
      .filter((hint) => hint.offset >= from && hint.offset <= to)
      .map((hint) => ({ position: document.positionAt(hint.offset), label: hint.label, tooltip: hint.tooltip, paddingLeft: true }));
  }

  private location(files: readonly ComposeFile[], found: { path: string; start: number; end: number }): Location {
    const file = files.find((candidate) => candidate.path === found.path);
    const lines = file?.lines ?? new LineIndex('');
    return { uri: this.open.uriOf(found.path), range: { start: lines.positionAt(found.start), end: lines.positionAt(found.end) } };
  }
}

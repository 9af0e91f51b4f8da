/**
 * Turns engine fixes into LSP WorkspaceEdits, shaped by what the client supports: `documentChanges` with CreateFile
 * and versioned TextDocumentEdits when it can, plain `changes` otherwise (a fix that must create a file is then
 * not offered); change annotations with `needsConfirmation` for unsafe fixes when the client knows them.
 */
import * as path from '../../engine/src/core/paths';
import { applyFileChange, blockedFileChange, changedFilesOf, type ChangedFile, type Edit, type FileOverlay, type Fix, type Workspace } from '../../engine/src/index';
import {
  AnnotatedTextEdit,
  CreateFile,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  type ChangeAnnotation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextPositions } from './positions';
import { uriToPath, type OpenDocuments, type WriteChecks } from './documents';

export interface EditCapabilities {
  documentChanges: boolean;
  createFile: boolean;
  changeAnnotations: boolean;
}

export const UNSAFE_ANNOTATION = 'dockerHarden.unsafe';

export interface PrimaryChange {
  uri: string;
  version: number;
  positions: TextPositions;
  edits: Edit[];
}

/**
 * The other files a fix changes, as before/after texts (the fix's edit/create/ensureLines applied in order).
 * Undefined when a fix would create a file that is there with other content, or a secrets file where none can be
 * created: such a fix is not offered (a secret's value would go nowhere, or into a file that is reused silently).
 */
export function changedFiles(fixes: readonly Fix[], workspace: Workspace): ChangedFile[] | undefined {
  const overlay: FileOverlay = new Map();
  for (const fix of fixes) {
    if (blockedFileChange(fix, overlay, workspace)) return undefined;
    for (const change of fix.otherFiles ?? []) applyFileChange(change, overlay, workspace);
  }
  return changedFilesOf(overlay);
}

/**
 * One WorkspaceEdit for an edit of the document plus changes to other files. Undefined when the client cannot
 * express it (a file to create without resource-operation support).
 */
export function buildWorkspaceEdit(
  primary: PrimaryChange,
  others: readonly ChangedFile[],
  open: OpenDocuments,
  capabilities: EditCapabilities,
  unsafe: boolean,
  /** The claims an unsafe fix rests on without evidence, shown in the preview as what to verify. */
  verify: readonly string[] = [],
): WorkspaceEdit | undefined {
  if (others.some((file) => file.before === undefined) && !(capabilities.documentChanges && capabilities.createFile)) return undefined;
  if (!confined(primary.uri, others, open)) return undefined;
  const annotate = unsafe && capabilities.documentChanges && capabilities.changeAnnotations;
  const annotationId = annotate ? UNSAFE_ANNOTATION : undefined;
  const withAnnotation = (edits: TextEdit[]): (TextEdit | AnnotatedTextEdit)[] =>
    annotationId ? edits.map((edit) => AnnotatedTextEdit.replace(edit.range, edit.newText, annotationId)) : edits;

  const files: { uri: string; version: number | null; edits: TextEdit[]; create: boolean }[] = [];
  files.push({ uri: primary.uri, version: primary.version, edits: primary.positions.textEdits(primary.edits), create: false });
  for (const file of others) {
    const uri = open.uriOf(file.path);
    const document = open.byPath(file.path);
    if (file.before === undefined) {
      files.push({ uri, version: null, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: file.after }], create: true });
    } else {
      files.push({ uri, version: document?.version ?? null, edits: new TextPositions(file.before).editsTo(file.after), create: false });
    }
  }

  if (!capabilities.documentChanges) {
    const changes: Record<string, TextEdit[]> = {};
    for (const file of files) if (file.edits.length) changes[file.uri] = file.edits;
    return { changes };
  }
  // Every file creation first, then every text edit: VS Code keeps one undo element per run of same-kind changes,
  // and a created file's own text element is dropped on undo once the file has been saved and closed, so a
  // create/insert/create/insert order made the first Ctrl+Z do nothing. One run of text edits is one undo element.
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  // A file to create that is there by the time the edit is applied fails the whole edit (neither overwritten nor
  // reused: with ignoreIfExists the text would be inserted into the existing file).
  for (const file of files) {
    if (file.create) documentChanges.push(CreateFile.create(file.uri, { overwrite: false, ignoreIfExists: false }, annotationId));
  }
  for (const file of files) {
    if (file.edits.length) {
      documentChanges.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(file.uri, file.version), withAnnotation(file.edits)));
    }
  }
  const edit: WorkspaceEdit = { documentChanges };
  if (annotationId) {
    const annotation: ChangeAnnotation = {
      label: 'Unsafe fix',
      needsConfirmation: true,
      description: verify.length ? `Verify before applying: ${verify.join('; ')}.` : 'This fix changes behaviour; review it before applying.',
    };
    edit.changeAnnotations = { [annotationId]: annotation };
  }
  return edit;
}

/**
 * Whether the edit may touch every other file (the client writes them): inside the document's workspace folder, and
 * no symlink or hard link out of it (engine write-guard, as the CLI's writes).
 */
function confined(primaryUri: string, others: readonly ChangedFile[], open: OpenDocuments): boolean {
  if (others.length === 0) return true;
  const primaryPath = uriToPath(primaryUri);
  if (!primaryPath) return false;
  const root = open.rootFor(primaryPath);
  return others.every((file) => open.writeChecks.mayWrite(root, file.path, file.before === undefined));
}

/**
 * File modes a WorkspaceEdit cannot carry (0o644 for a secrets file, 0o700 for the `secrets` folder the edit
 * creates): remembered when a fix creating the file is offered, applied when the client reports the file created
 * (workspace/didChangeWatchedFiles). A folder that was there when the fix was offered keeps its mode.
 */
export class PendingModes {
  private readonly modes = new Map<string, { mode?: number; folder?: { path: string; mode: number } }>();

  constructor(private readonly checks: WriteChecks) {}

  remember(files: readonly ChangedFile[]): void {
    for (const file of files) {
      if (file.before !== undefined || (file.mode === undefined && file.folderMode === undefined)) continue;
      const key = path.resolve(file.path);
      const folder = path.dirname(key);
      const previous = this.modes.get(key);
      const newFolder = file.folderMode !== undefined && !this.checks.folderExists(folder) ? { path: folder, mode: file.folderMode } : previous?.folder;
      this.modes.set(key, { mode: file.mode, folder: newFolder });
    }
  }

  /** Applies the remembered modes to a file just created (and to its new folder); true when it did. */
  created(filePath: string): boolean {
    const key = path.resolve(filePath);
    const pending = this.modes.get(key);
    if (!pending) return false;
    if (!this.checks.setModes(key, pending.mode, pending.folder)) return false;
    this.modes.delete(key);
    return true;
  }
}

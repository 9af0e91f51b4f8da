import * as vscode from 'vscode';
import type { HardenFileChange } from '../../server/src/protocol';
import { minimalEdits } from '../../engine/src/core/text';
import type { LocalDisk } from './localDisk';

export interface ApplyOptions {
  /** Show VS Code's refactor preview before applying (default true). Tests pass false. */
  preview?: boolean;
  /** The label of the change annotation in the preview. */
  label: string;
  /** The local disk, for the modes of created files and folders (none in the browser). */
  disk?: LocalDisk;
}

export interface ApplyResult {
  applied: boolean;
  /** The files the edit changed or created (URIs as strings). */
  files: string[];
  /** Created files that wanted a mode the client could not set (no local disk: the browser). */
  modesNotSet: string[];
}

/**
 * Applies the server's whole-file changes as ONE WorkspaceEdit, so one undo reverts it (file creations first, see
 * below). Each change carries a change annotation that needs confirmation, which makes VS Code show its refactor
 * preview first. A file to create that exists by then fails the whole edit (never overwritten, never reused). A
 * created file is empty on disk until the user saves it; its mode (0644 for secrets files) and that of a folder the
 * edit created for it (0700 for `secrets/`) are set right after the edit, on file: URIs of the local disk (the
 * browser has none: there the modes are not set, and `modesNotSet` lists the files that wanted one).
 */
export async function applyFileChanges(changes: readonly HardenFileChange[], options: ApplyOptions): Promise<ApplyResult> {
  const edit = new vscode.WorkspaceEdit();
  // VS Code shows the preview for changes that need confirmation with their boxes unticked (microsoft/vscode#207578):
  // one label for every change makes them one group with one box in the preview's "group by type" view.
  const metadata: vscode.WorkspaceEditEntryMetadata = {
    needsConfirmation: options.preview !== false,
    label: options.label,
    description: 'Tick the changes to apply, then Apply',
  };
  // Every file creation first, then every text edit (the new files' text too). VS Code applies a WorkspaceEdit in
  // runs of the same kind and pushes one undo element per run; text edits split by a file creation become separate
  // elements, and a single-file text element is dropped without a word on undo once its file's model has been
  // closed (a created file is not open in an editor, so its model goes away when it is saved). One run of text
  // edits is one multi-file element that reopens closed files on undo: one Ctrl+Z then reverts the text edits and
  // deletes the created files.
  for (const change of changes) {
    // Create, then insert the text (as the server's code actions do): the refactor preview shows the new file's
    // content, and the file is saved like the other edited files.
    if (change.create) edit.createFile(vscode.Uri.parse(change.uri), { overwrite: false, ignoreIfExists: false }, metadata);
  }
  // Folders the edit will create, for their mode (on the local disk only).
  const disk = options.disk;
  const onDisk = (change: HardenFileChange) => disk !== undefined && change.create === true && vscode.Uri.parse(change.uri).scheme === 'file';
  const folderOf = (change: HardenFileChange) => disk!.parent(vscode.Uri.parse(change.uri));
  const newFolders = new Map<string, vscode.Uri>();
  for (const change of changes) {
    if (!onDisk(change) || change.folderMode === undefined) continue;
    const folder = folderOf(change);
    if (!disk!.folderExists(folder)) newFolders.set(folder.toString(), folder);
  }
  for (const change of changes) {
    const uri = vscode.Uri.parse(change.uri);
    if (change.create) {
      edit.insert(uri, new vscode.Position(0, 0), change.newText, metadata);
      continue;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    // Line-level edits, so the preview shows each inserted or changed block on its own.
    for (const changed of minimalEdits(document.getText(), change.newText)) {
      const range = new vscode.Range(document.positionAt(changed.start), document.positionAt(changed.end));
      edit.replace(uri, range, changed.text, metadata);
    }
  }
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (applied && disk) {
    for (const [key, folder] of newFolders) {
      const mode = changes.find((change) => onDisk(change) && change.folderMode !== undefined && folderOf(change).toString() === key)?.folderMode;
      if (disk.folderExists(folder)) disk.removeWhenEmptied(folder, mode);
    }
    for (const change of changes) {
      if (!onDisk(change)) continue;
      // workspace.fs has no chmod; only files on the local disk can get a mode. In the preview the user may have
      // left a file out, so a missing file is not an error.
      if (change.folderMode !== undefined && newFolders.has(folderOf(change).toString())) await disk.chmod(folderOf(change), change.folderMode);
      if (change.mode !== undefined) await disk.chmod(vscode.Uri.parse(change.uri), change.mode);
    }
  }
  const modesNotSet = applied
    ? changes.filter((change) => change.create && (change.mode !== undefined || change.folderMode !== undefined) && !onDisk(change)).map((change) => change.uri)
    : [];
  return { applied, files: changes.map((change) => change.uri), modesNotSet };
}

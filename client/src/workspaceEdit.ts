import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HardenFileChange } from '../../server/src/protocol';
import { minimalEdits } from '../../engine/src/core/text';

export interface ApplyOptions {
  /** Show VS Code's refactor preview before applying (default true). Tests pass false. */
  preview?: boolean;
  /** The label of the change annotation in the preview. */
  label: string;
}

export interface ApplyResult {
  applied: boolean;
  /** The files the edit changed or created (URIs as strings). */
  files: string[];
}

/**
 * Applies the server's whole-file changes as ONE WorkspaceEdit, so one undo reverts it (file creations first, see
 * below). Each change carries a change annotation that needs confirmation, which makes VS Code show its refactor
 * preview first. A file to create that exists by then fails the whole edit (never overwritten, never reused). A
 * created file is empty on disk until the user saves it; its mode (0644 for secrets files) and that of a folder the
 * edit created for it (0700 for `secrets/`) are set right after the edit, on file: URIs.
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
  // Folders the edit will create, for their mode.
  const newFolders = new Set(
    changes
      .filter((change) => change.create && change.folderMode !== undefined && vscode.Uri.parse(change.uri).scheme === 'file')
      .map((change) => path.dirname(vscode.Uri.parse(change.uri).fsPath))
      .filter((folder) => !existsSync(folder)),
  );
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
  if (applied) {
    for (const folder of newFolders) {
      const mode = changes.find((change) => change.create && change.folderMode !== undefined && path.dirname(vscode.Uri.parse(change.uri).fsPath) === folder)?.folderMode;
      if (existsSync(folder)) removeWhenEmptied(folder, mode);
    }
  }
  if (applied) {
    for (const change of changes) {
      const uri = vscode.Uri.parse(change.uri);
      // workspace.fs has no chmod; only files on the local disk can get a mode. In the preview the user may have
      // left a file out, so a missing file is not an error.
      if (change.create && change.folderMode !== undefined && uri.scheme === 'file' && newFolders.has(path.dirname(uri.fsPath))) {
        await fs.chmod(path.dirname(uri.fsPath), change.folderMode).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
      }
      if (change.create && change.mode !== undefined && uri.scheme === 'file') {
        await fs.chmod(uri.fsPath, change.mode).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
      }
    }
  }
  return { applied, files: changes.map((change) => change.uri) };
}

/**
 * A folder the edit created for its files (`secrets/`) goes when they go: undo deletes the files a WorkspaceEdit
 * created but not the folders VS Code made for them, which left an empty `secrets/` behind. Only while it is empty
 * (rmdir refuses anything else), and only folders that did not exist before the edit. A redo makes the folder again
 * with the default mode: it gets its own mode back (0700 for `secrets/`).
 */
export function removeWhenEmptied(folder: string, mode: number | undefined): void {
  const pattern = new vscode.RelativePattern(vscode.Uri.file(path.dirname(folder)), `${path.basename(folder)}/*`);
  const watcher = vscode.workspace.createFileSystemWatcher(pattern, false, true, false);
  watcher.onDidDelete(async () => {
    const left = await fs.readdir(folder).catch(() => undefined);
    if (left?.length === 0) await fs.rmdir(folder).catch(() => undefined);
  });
  if (mode !== undefined) watcher.onDidCreate(() => fs.chmod(folder, mode).catch(() => undefined));
}

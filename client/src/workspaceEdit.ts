import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import type { HardenFileChange } from '../../server/src/protocol';
import { changedSpan } from './changedSpan';

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
 * Applies the server's whole-file changes as ONE WorkspaceEdit, so one undo reverts it. Each change carries a
 * change annotation that needs confirmation, which makes VS Code show its refactor preview first. Created files
 * get their contents in the same edit; their mode (0600 for secrets files) is set afterwards on file: URIs.
 */
export async function applyFileChanges(changes: readonly HardenFileChange[], options: ApplyOptions): Promise<ApplyResult> {
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { needsConfirmation: options.preview !== false, label: options.label };
  const encoder = new TextEncoder();
  for (const change of changes) {
    const uri = vscode.Uri.parse(change.uri);
    if (change.create) {
      edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: encoder.encode(change.newText) }, metadata);
      continue;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const changed = changedSpan(document.getText(), change.newText);
    if (!changed) continue;
    const range = new vscode.Range(document.positionAt(changed.start), document.positionAt(changed.end));
    edit.replace(uri, range, changed.text, metadata);
  }
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (applied) {
    for (const change of changes) {
      const uri = vscode.Uri.parse(change.uri);
      // workspace.fs has no chmod; only files on the local disk can get a mode.
      if (change.create && change.mode !== undefined && uri.scheme === 'file') await fs.chmod(uri.fsPath, change.mode);
    }
  }
  return { applied, files: changes.map((change) => change.uri) };
}


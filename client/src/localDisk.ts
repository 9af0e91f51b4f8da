/**
 * What the client does on the local disk besides the editor's own file system: file modes (a secrets file 0644 in
 * a 0700 `secrets/` folder) and the removal of a folder an edit made once an undo empties it. Only the Node entry
 * has a local disk (nodeDisk.ts); in the browser (browser.ts) there is none, and `workspace.fs` has no chmod, so
 * created files keep the mode the file system gives them and the output channel says so.
 */
import type * as vscode from 'vscode';

export interface LocalDisk {
  /** Whether the folder of a `file:` URI is on the disk now. */
  folderExists(folder: vscode.Uri): boolean;
  /** The folder holding a `file:` URI. */
  parent(uri: vscode.Uri): vscode.Uri;
  /** Sets the mode of a `file:` URI; a file or folder missing by then (left out in the preview) is no error. */
  chmod(uri: vscode.Uri, mode: number): Promise<void>;
  /**
   * A folder the edit created for its files goes when they go (an undo deletes the created files, not the
   * folders made for them); a redo makes it again, with `mode`.
   */
  removeWhenEmptied(folder: vscode.Uri, mode: number | undefined): void;
}

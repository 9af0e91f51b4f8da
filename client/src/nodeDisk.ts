/** The local disk of the Node entry (extension.ts): file modes and the cleanup of emptied folders, on `file:` URIs. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LocalDisk } from './localDisk';

export const nodeDisk: LocalDisk = {
  folderExists: (folder) => fs.existsSync(folder.fsPath),
  parent: (uri) => vscode.Uri.file(path.dirname(uri.fsPath)),
  chmod: (uri, mode) =>
    fs.promises.chmod(uri.fsPath, mode).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    }),
  removeWhenEmptied(folderUri, mode) {
    // Only while it is empty (rmdir refuses anything else), and only folders that did not exist before the edit.
    const folder = folderUri.fsPath;
    const pattern = new vscode.RelativePattern(vscode.Uri.file(path.dirname(folder)), `${path.basename(folder)}/*`);
    const watcher = vscode.workspace.createFileSystemWatcher(pattern, false, true, false);
    watcher.onDidDelete(async () => {
      const left = await fs.promises.readdir(folder).catch(() => undefined);
      if (left?.length === 0) await fs.promises.rmdir(folder).catch(() => undefined);
    });
    if (mode !== undefined) watcher.onDidCreate(() => fs.promises.chmod(folder, mode).catch(() => undefined));
  },
};

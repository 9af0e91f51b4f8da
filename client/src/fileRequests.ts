/**
 * The browser build's server has no disk: it asks the client for the files a lint needs (ReadFilesRequest), and
 * the client answers from `workspace.fs`, which reaches github.dev's and vscode.dev's virtual file systems as well
 * as a remote's files. Only what the server names is read; a file's text goes to the server and nowhere else.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { ReadFilesRequest } from '../../server/src/protocol';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The answer for one URI: its kind, and its text (a file) or entries (a folder). */
export async function readForServer(uriText: string, fs: Pick<vscode.FileSystem, 'stat' | 'readFile' | 'readDirectory'> = vscode.workspace.fs): Promise<ReadFilesRequest.Answer> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(uriText, true);
  } catch {
    return { uri: uriText, type: 'missing' };
  }
  let stat: vscode.FileStat;
  try {
    stat = await fs.stat(uri);
  } catch (error) {
    return { uri: uriText, type: isNotFound(error) ? 'missing' : 'unreadable' };
  }
  try {
    if (stat.type & vscode.FileType.Directory) {
      const entries = (await fs.readDirectory(uri))
        // Links are not followed, as the Node build's disk workspace does not.
        .filter(([, type]) => !(type & vscode.FileType.SymbolicLink) && (type === vscode.FileType.File || type === vscode.FileType.Directory))
        .map(([name, type]) => ({ name, directory: type === vscode.FileType.Directory }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return { uri: uriText, type: 'directory', entries };
    }
    if (!(stat.type & vscode.FileType.File) || stat.type & vscode.FileType.SymbolicLink || stat.size > ReadFilesRequest.MAX_BYTES) return { uri: uriText, type: 'unreadable' };
    return { uri: uriText, type: 'file', text: decoder.decode(await fs.readFile(uri)) };
  } catch {
    return { uri: uriText, type: 'unreadable' };
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
}

/** Answers the server's ReadFilesRequest (browser build; the Node build's server reads the disk and never asks). */
export function registerFileRequests(client: BaseLanguageClient): vscode.Disposable {
  return client.onRequest(ReadFilesRequest.method, async (params: ReadFilesRequest.Params): Promise<ReadFilesRequest.Result> => {
    const uris = Array.isArray(params?.uris) ? params.uris.filter((uri): uri is string => typeof uri === 'string').slice(0, ReadFilesRequest.MAX_URIS) : [];
    return Promise.all(uris.map((uri) => readForServer(uri)));
  });
}

/**
 * Open documents as the engine sees them: a file path, a kind (compose file or Dockerfile) and a Workspace that
 * reads other files from disk inside the document's workspace folder, preferring open (unsaved) buffers.
 */
import * as path from '../../engine/src/core/paths';
import { isWithin, kindFromName, type FileKind, type Workspace } from '../../engine/src/index';
import { URI } from 'vscode-uri';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver/node';

/**
 * What the server checks of the files an edit writes besides its document, and does to those it creates: the Node
 * build's are the disk's (nodeHost.ts, the engine's write guard and chmod); the browser build has no links to
 * follow out of a folder and cannot set a file's mode (NO_DISK_CHECKS).
 */
export interface WriteChecks {
  /** Whether an edit may write `file` (create it, with `creating`) inside the workspace folder `root`. */
  mayWrite(root: string, file: string, creating: boolean): boolean;
  folderExists(folder: string): boolean;
  /**
   * Sets the mode of a file just created (and of its new folder), never through a link: what the client created is
   * a plain file (and folder); a link put there since leads elsewhere. False when it did not.
   */
  setModes(file: string, mode: number | undefined, folder: { path: string; mode: number } | undefined): boolean;
}

/** Without a disk: a file inside the folder (as spelled) may be written, and no mode is set. */
export const NO_DISK_CHECKS: WriteChecks = {
  mayWrite: (root, file) => isWithin(root, file) && path.resolve(file) !== path.resolve(root),
  folderExists: () => false,
  setModes: () => false,
};

/**
 * URI schemes besides `file:` whose documents are linted as files: none in the Node build; the browser build
 * (web/main.ts) adds those of virtual workspaces (`vscode-vfs:` of github.dev, `vscode-test-web:`).
 */
let virtualSchemes: readonly string[] = [];

export function setVirtualSchemes(schemes: readonly string[]): void {
  virtualSchemes = schemes;
}

function isVirtual(uri: string): boolean {
  return virtualSchemes.some((scheme) => uri.startsWith(`${scheme}:`));
}

/** The path of a virtual workspace's document: its authority and path, `vscode-vfs://github/o/r/x` → `/github/o/r/x`. */
function virtualPath(uri: string): string | undefined {
  if (!isVirtual(uri)) return undefined;
  try {
    const url = new URL(uri);
    return path.resolve('/', `${url.host}${decodeURIComponent(url.pathname)}`);
  } catch {
    return undefined;
  }
}

/**
 * The path of a `file:` URI as `node:url`'s fileURLToPath reads it on POSIX (Windows drives stay in it, `/c:/x`):
 * undefined for another host, an encoded `/` or a broken escape.
 */
function filePath(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    if (url.protocol !== 'file:' || (url.hostname !== '' && url.hostname !== 'localhost') || /%2f/i.test(url.pathname)) return undefined;
    return path.resolve(decodeURIComponent(url.pathname));
  } catch {
    return undefined;
  }
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return virtualPath(uri);
  return filePath(uri);
}

/** The `file:` URI of a path, spelled as VS Code spells it (vscode-uri). */
export function fileUri(absolutePath: string): string {
  return URI.file(absolutePath).toString();
}

/** A workspace of the open documents alone (a host without files). */
function openOnly(_root: string, open: (absolutePath: string) => string | undefined): Workspace {
  return { readFile: open, exists: (p) => open(p) !== undefined };
}

/**
 * Files on disk and unsaved documents: not the documents an editor opens of its own (VS Code's refactor preview,
 * `vscode-bulkeditpreview-editor:`, a diff's `git:` side), whose problems would be listed a second time.
 */
export function isLintedScheme(uri: string): boolean {
  return uri.startsWith('file:') || uri.startsWith('untitled:') || isVirtual(uri);
}

/**
 * The kind of an open document: by language id (`dockercompose`, `dockerfile`) or, for clients that send `yaml`
 * or `plaintext` (Neovim), by file name.
 */
export function documentKind(languageId: string, uri: string): FileKind | undefined {
  if (!isLintedScheme(uri)) return undefined;
  if (languageId === 'dockercompose') return 'compose';
  if (languageId === 'dockerfile') return 'dockerfile';
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  return kindFromName(name);
}

export class OpenDocuments {
  private folders: string[] = [];
  /** The workspace folders of virtual workspaces (browser build only): their path and URI. */
  private virtualFolders: { path: string; uri: string }[] = [];

  /**
   * `workspace`: how a folder's files are read besides the open documents (the host's: the Node build's disk, the
   * browser build's file cache); without it, the open documents alone. `writeChecks`: what an edit of other files
   * is checked against (the Node build's disk). `untitledFolder`: where an unsaved document is without a workspace
   * folder (the Node build's working directory).
   */
  constructor(
    readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: (root: string, open: (absolutePath: string) => string | undefined) => Workspace = openOnly,
    readonly writeChecks: WriteChecks = NO_DISK_CHECKS,
    private readonly untitledFolder = '/',
  ) {}

  setWorkspaceFolders(uris: readonly string[]): void {
    this.folders = uris.map(uriToPath).filter((p): p is string => p !== undefined);
    this.virtualFolders = uris.filter(isVirtual).flatMap((uri) => {
      const folderPath = uriToPath(uri);
      return folderPath ? [{ path: folderPath, uri: uri.replace(/\/+$/, '') }] : [];
    });
  }

  /** The workspace folder holding a file (the innermost one), or the file's own folder. */
  rootFor(filePath: string): string {
    return this.workspaceFolderOf(filePath) ?? path.dirname(filePath);
  }

  /** The workspace folder holding a file or folder (the innermost one), if any. */
  workspaceFolderOf(filePath: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.folders) {
      const rel = path.relative(folder, filePath);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || folder.length > best.length)) best = folder;
    }
    return best;
  }

  /** The path the engine uses for a document; unsaved documents get a name inside the first workspace folder. */
  pathOf(document: TextDocument): string {
    const filePath = uriToPath(document.uri);
    if (filePath) return filePath;
    const name = decodeURIComponent(document.uri.slice(document.uri.lastIndexOf('/') + 1)).replace(/[\\/:]/g, '_') || 'untitled';
    return path.join(this.folders[0] ?? this.untitledFolder, name);
  }

  kindOf(document: TextDocument): FileKind | undefined {
    return documentKind(document.languageId, document.uri);
  }

  /** The open document at a path, if any. */
  byPath(filePath: string): TextDocument | undefined {
    const wanted = path.resolve(filePath);
    return this.documents.all().find((document) => uriToPath(document.uri) === wanted);
  }

  /** The URI to use for a file: the open document's own URI when it is open (clients compare URIs as strings). */
  uriOf(filePath: string): string {
    return this.byPath(filePath)?.uri ?? this.virtualUriOf(filePath) ?? fileUri(filePath);
  }

  /** A path inside a virtual workspace folder: the URI under that folder's (a file a fix creates, in github.dev). */
  private virtualUriOf(filePath: string): string | undefined {
    let best: { path: string; uri: string } | undefined;
    for (const folder of this.virtualFolders) {
      const rel = path.relative(folder.path, filePath);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || folder.path.length > best.path.length)) best = folder;
    }
    if (!best) return undefined;
    const rel = path.relative(best.path, filePath);
    return rel ? `${best.uri}/${rel.split('/').map(encodeURIComponent).join('/')}` : best.uri;
  }

  workspaceFor(document: TextDocument): Workspace {
    const root = this.rootFor(this.pathOf(document));
    return this.workspace(root, (p) => this.byPath(p)?.getText());
  }
}

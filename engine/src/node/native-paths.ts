/**
 * The engine's paths are POSIX paths (engine/src/core/paths.ts). On Linux and macOS a native path is one already; on
 * Windows the Node host turns `C:\a\b` into the path of its `file:` URI, `/C:/a/b` (as vscode-uri's
 * `URI.file(p).path`), and back (`URI.fsPath`) where it calls the file system. UNC paths (`\\server\share`) are not
 * supported: their server is a URI's authority, which an engine path does not have.
 */
import * as nodePath from 'node:path';

const onWindows = process.platform === 'win32';

/** A native path (absolute or relative to the working directory) as an engine path. */
export function fromNativePath(native: string, windows = onWindows): string {
  if (!windows) return nodePath.posix.resolve(native);
  const slashed = nodePath.win32.resolve(native).replace(/\\/g, '/');
  return /^[a-zA-Z]:/.test(slashed) ? `/${slashed}` : slashed;
}

/** An engine path as a native path for `node:fs`. */
export function toNativePath(enginePath: string, windows = onWindows): string {
  if (!windows) return enginePath;
  const drive = /^\/([a-zA-Z]:)(\/.*)?$/.exec(enginePath);
  return drive ? `${drive[1]}${(drive[2] ?? '/').replace(/\//g, '\\')}` : enginePath.replace(/\//g, '\\');
}

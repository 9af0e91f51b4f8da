/**
 * Where a path crosses between the CLI's Node side and the engine. The CLI keeps native paths (argv, the working
 * folder, discovery, `node:fs`, the write guard, what it prints); the engine takes and gives POSIX engine paths
 * (engine/src/core/paths.ts). On Linux and macOS the two are the same; on Windows `C:\proj\compose.yaml` is the
 * engine's `/C:/proj/compose.yaml` (engine/src/node/native-paths.ts). Each function takes the platform, so that
 * test/unit/cli-native-paths.test.ts runs the Windows spellings on Linux.
 */
import path = require('node:path');
import { fromNativePath, toNativePath } from '../../engine/src/node';

export interface Platform {
  windows: boolean;
}

/** The machine the CLI runs on. */
export const HOST: Platform = { windows: process.platform === 'win32' };

function flavour(platform: Platform): path.PlatformPath {
  return platform.windows ? path.win32 : path.posix;
}

/** A path named on the command line (a path argument, `--config`), absolute and native. */
export function resolveGiven(cwd: string, given: string, platform: Platform = HOST): string {
  return flavour(platform).resolve(cwd, given);
}

/** The engine's path for a native absolute path (a file to lint, a config file, a workspace root). */
export function toEngine(nativePath: string, platform: Platform = HOST): string {
  return fromNativePath(nativePath, platform.windows);
}

/** The native path of an engine path the engine gives back (a config file, a workspace root, a file a fix changes). */
export function toNative(enginePath: string, platform: Platform = HOST): string {
  return toNativePath(enginePath, platform.windows);
}

/** The pending-text lookup (native paths) as the overlay the engine's workspace calls with engine paths. */
export function engineOverlay(
  overlay: ((nativePath: string) => string | undefined) | undefined,
  platform: Platform = HOST,
): ((enginePath: string) => string | undefined) | undefined {
  return overlay && ((enginePath) => overlay(toNative(enginePath, platform)));
}

/** An engine message that names an engine path (`cannot read the config file /C:/x.yaml`), with the native path in its place. */
export function nativeMessage(message: string, enginePath: string | undefined, platform: Platform = HOST): string {
  return enginePath ? message.split(enginePath).join(toNative(enginePath, platform)) : message;
}

/** A native path as the user sees it: relative to the working folder, with forward slashes. */
export function displayPath(cwd: string, nativePath: string, platform: Platform = HOST): string {
  const native = flavour(platform);
  const relative = native.relative(cwd, nativePath) || native.basename(nativePath);
  return relative.split(native.sep).join('/');
}

/** Whether a native path is inside a native folder (not the folder itself). */
export function isInside(folder: string, file: string, platform: Platform = HOST): boolean {
  const native = flavour(platform);
  const relative = native.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !native.isAbsolute(relative);
}

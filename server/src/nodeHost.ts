/**
 * What the Node build's server reads and checks on disk (ServerHost, server.ts): the engine's Node host
 * (engine/src/node/) behind the host interface, so that the server core imports no Node module and the browser
 * build (web/main.ts) gives its own.
 */
import * as fs from 'node:fs';
import { MAX_LINT_BYTES } from '../../engine/src/index';
import { diskConfigFiles, diskWorkspace, fromNativePath, isPlainFile, isPlainFolder, readRegularFile, resolveWrite, toNativePath } from '../../engine/src/node';
import type { WriteChecks } from './documents';
import type { ServerHost } from './server';

export function nodeServerHost(): ServerHost {
  return {
    workspace: (root, open) => diskWorkspace(root, open),
    readFile: async (absolutePath) => readRegularFile(absolutePath, MAX_LINT_BYTES),
    configFiles: diskConfigFiles(),
    writeChecks: nodeWriteChecks(),
    untitledFolder: fromNativePath(process.cwd()),
  };
}

/** The engine's write guard (as the CLI's writes: no link or hard link out of the folder), and chmod. */
export function nodeWriteChecks(): WriteChecks {
  return {
    mayWrite: (root, file, creating) => !('refusal' in resolveWrite(toNativePath(root), toNativePath(file), creating)),
    folderExists: (folder) => fs.existsSync(toNativePath(folder)),
    setModes(file, mode, folder) {
      try {
        if (!isPlainFile(toNativePath(file)) || (folder && !isPlainFolder(toNativePath(folder.path)))) return false;
        if (folder) fs.chmodSync(toNativePath(folder.path), folder.mode);
        if (mode !== undefined) fs.chmodSync(toNativePath(file), mode);
        return true;
      } catch {
        return false;
      }
    },
  };
}

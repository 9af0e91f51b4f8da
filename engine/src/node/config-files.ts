/** The config files on disk (`.docker-harden.yaml`, `.hadolint.yaml`, `.git`) for the engine's ConfigResolver. */
import fs = require('node:fs');
import * as path from '../core/paths';
import { MAX_CONFIG_BYTES, type ConfigFiles } from '../config/load';
import { fromNativePath, toNativePath } from './native-paths';
import { readRegularFile } from './workspace';

export function diskConfigFiles(): ConfigFiles {
  const stat = (p: string): fs.Stats | undefined => {
    try {
      return fs.statSync(toNativePath(p));
    } catch {
      return undefined;
    }
  };
  return {
    readFile(absolutePath, named = false) {
      try {
        // A discovered config symlinked out of its folder (`.hadolint.yaml` -> /etc/passwd) is not read.
        if (!named) {
          const rel = path.relative(realpath(path.dirname(absolutePath)), realpath(absolutePath));
          if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
        }
        return readRegularFile(absolutePath, MAX_CONFIG_BYTES);
      } catch {
        return undefined;
      }
    },
    isFile: (absolutePath) => stat(absolutePath)?.isFile() ?? false,
    exists: (absolutePath) => fs.existsSync(toNativePath(absolutePath)),
    isDirectory: (absolutePath) => stat(absolutePath)?.isDirectory() ?? false,
  };
}

/** The real path of an engine path (throws when missing). */
function realpath(p: string): string {
  return fromNativePath(fs.realpathSync.native(toNativePath(p)));
}

/**
 * `.docker-harden.yaml` (and `.hadolint.yaml` `ignored:`) for the files the server lints, through the engine's
 * ConfigResolver, reading open buffers first. Invalidated whenever a config file changes (buffer or disk).
 */
import * as path from '../../engine/src/core/paths';
import { CONFIG_FILE_NAMES, ConfigResolver, type ConfigFiles, type LoadedConfig } from '../../engine/src/index';

const HADOLINT_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

/** `.docker-harden.yaml` and `.hadolint.yaml` themselves: linted for their own problems. */
export function isConfigFile(filePath: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(filePath)) || HADOLINT_NAMES.includes(path.basename(filePath));
}

/** A file whose change alters how other files are linted. */
export function affectsConfig(filePath: string): boolean {
  return isConfigFile(filePath) || HADOLINT_NAMES.includes(path.basename(filePath));
}

export class ProjectConfigs {
  private resolver: ConfigResolver;

  /** `files`: the disk's in the Node build (diskConfigFiles); open buffers are read before it. */
  constructor(
    private readonly readOpen: (absolutePath: string) => string | undefined,
    private readonly files: ConfigFiles,
  ) {
    this.resolver = this.create();
  }

  /** The config in force for a file; undefined if it cannot be found (never throws). */
  forFile(filePath: string): LoadedConfig | undefined {
    try {
      return this.resolver.forPath(filePath);
    } catch {
      return undefined;
    }
  }

  invalidate(): void {
    this.resolver = this.create();
  }

  private create(): ConfigResolver {
    return new ConfigResolver({
      files: this.files,
      // A config symlinked out of its folder (`.hadolint.yaml` -> /etc/passwd) is not read (files.readFile).
      readFile: (absolutePath) => this.readOpen(absolutePath) ?? this.files.readFile(absolutePath),
    });
  }
}

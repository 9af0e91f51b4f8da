/**
 * Where a compose file's services are built from: their local build contexts, and the `.dockerignore` changes that
 * keep a folder of the project out of those builds (a fix never creates a `.dockerignore` in a folder nothing builds).
 */
import * as path from '../core/paths';
import type { Project } from '../core/project';
import type { FileChange } from '../core/types';
import { isWithin } from '../core/workspace';
import type { ComposeFile } from './model';

/**
 * A context that is not a folder of the workspace: a Git or HTTP(S) URL (`https://github.com/o/r.git#main`,
 * `git@github.com:o/r.git`, `github.com/o/r`), or one that depends on an environment variable (`${APP_DIR}`).
 */
export function isRemoteOrUnknownContext(contextSource: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(contextSource) || /^git@/.test(contextSource) || /^github\.com\//i.test(contextSource) || contextSource.includes('$');
}

/** Whether a folder is there (a context that does not exist gets nothing written into it). */
export function folderExists(project: Project, folder: string): boolean {
  return project.workspace.listDirectory?.(folder) !== undefined || project.workspace.exists(folder);
}

/** The local build contexts of a compose file's services that exist, each once, in service order. */
export function localBuildContexts(file: ComposeFile, project: Project): string[] {
  const found = new Set<string>();
  for (const service of file.services) {
    const build = service.build;
    if (!build || isRemoteOrUnknownContext(build.contextSource)) continue;
    const context = path.resolve(build.context);
    if (!found.has(context) && folderExists(project, context)) found.add(context);
  }
  return [...found];
}

/**
 * The `.dockerignore` lines that keep `excluded` (an absolute path, e.g. the `secrets` folder) out of every build
 * context of the file's services that contains it: `secrets/` in a context that is its parent, `config/secrets/`
 * higher up; in BuildKit's `<Dockerfile>.dockerignore` too where one is there. None when nothing builds from a
 * folder above it.
 */
export function dockerignoreExclusions(file: ComposeFile, project: Project, excluded: string): FileChange[] {
  const changes = new Map<string, FileChange>();
  const add = (ignoreFile: string, context: string) => {
    if (changes.has(ignoreFile)) return;
    const relative = path.relative(context, excluded).split(path.sep).join('/');
    changes.set(ignoreFile, { kind: 'ensureLines', path: ignoreFile, lines: [`${relative}/`] });
  };
  for (const context of localBuildContexts(file, project)) {
    if (context === path.resolve(excluded) || !isWithin(context, path.resolve(excluded))) continue;
    add(path.join(context, '.dockerignore'), context);
    for (const service of file.services) {
      const build = service.build;
      if (!build || build.inline || path.resolve(build.context) !== context) continue;
      const own = `${path.resolve(build.dockerfile)}.dockerignore`;
      if (project.read(own) !== undefined) add(own, context);
    }
  }
  return [...changes.values()];
}

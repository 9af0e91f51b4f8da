/**
 * Cross-file knowledge for one lint: the Dockerfile and `.dockerignore` a built service links to, parsed once and
 * shared by every rule. Reads go through the Workspace, so the server sees unsaved buffers and nothing outside the
 * workspace is read.
 */
import * as path from './paths';
import type { GroupOptions } from '../compose/group';
import type { ComposeService } from '../compose/model';
import { parseDockerfileShared, stageNamed, type DockerfileFile } from '../dockerfile/model';
import type { Workspace } from './workspace';

export interface Project {
  workspace: Workspace;
  /**
   * The Dockerfile a built service uses, parsed; undefined when missing, unreadable or inline. With `build.target`,
   * its `finalStage` is that stage: the image the service runs (a stage of that name, else the last stage).
   */
  dockerfileOf(service: ComposeService): DockerfileFile | undefined;
  /** The text of a file (cached for this lint). */
  read(absolutePath: string): string | undefined;
  /** Every file this lint looked at besides the linted one (the server re-lints when one of them changes). */
  readonly dependencies: Set<string>;
  /** A value computed once per lint (several rules ask the same cross-file question). */
  memo<T>(key: string, compute: () => T): T;
  /** `.docker-harden.yaml`'s `projects:` and `roles:` (see compose/group.ts). */
  readonly groupOptions?: GroupOptions;
}

/** The model seen by a service that builds `target`: the same Dockerfile, with that stage as the final one. */
function builtTo(dockerfile: DockerfileFile, target: string): DockerfileFile {
  const stage = stageNamed(dockerfile, target);
  return stage && stage !== dockerfile.finalStage ? { ...dockerfile, finalStage: stage } : dockerfile;
}

export function createProject(workspace: Workspace, groupOptions?: GroupOptions): Project {
  const texts = new Map<string, string | undefined>();
  const dockerfiles = new Map<string, DockerfileFile | undefined>();
  const dependencies = new Set<string>();
  const memos = new Map<string, unknown>();
  const read = (absolutePath: string) => {
    const key = path.resolve(absolutePath);
    dependencies.add(key);
    if (!texts.has(key)) texts.set(key, workspace.readFile(key));
    return texts.get(key);
  };
  return {
    workspace,
    groupOptions,
    dependencies,
    read,
    memo<T>(key: string, compute: () => T): T {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
    dockerfileOf(service) {
      const build = service.build;
      if (!build || build.inline) return undefined;
      if (!dockerfiles.has(build.dockerfile)) {
        const text = read(build.dockerfile);
        dockerfiles.set(build.dockerfile, text === undefined ? undefined : parseDockerfileShared(build.dockerfile, text));
      }
      const dockerfile = dockerfiles.get(build.dockerfile);
      if (!dockerfile || build.target === undefined) return dockerfile;
      const key = `${build.dockerfile}\n${build.target}`;
      if (!dockerfiles.has(key)) dockerfiles.set(key, builtTo(dockerfile, build.target));
      return dockerfiles.get(key);
    },
  };
}

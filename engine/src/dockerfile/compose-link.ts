/**
 * The compose services that build a Dockerfile, and the build contexts they give it: compose files of any name
 * (`compose.yaml`, `docker-compose.build.yml`, `compose.ci.yaml`, `docker-compose-dev.yml`...) in its folder and up
 * to three folders above.
 */
import * as path from '../core/paths';
import { isRemoteOrUnknownContext } from '../compose/build-contexts';
import { parseComposeShared, type ComposeFile, type ComposeService } from '../compose/model';
import type { Project } from '../core/project';
import type { DockerfileFile } from './model';

/**
 * A compose file's name: `compose.yaml`, `docker-compose.yml` and their variants (`compose.ci.yaml`,
 * `docker-compose.prod.yaml`, `docker-compose-dev.yml`), as `docker compose -f` users name them.
 */
const COMPOSE_FILE = /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i;
/** The names looked for when the workspace cannot list a folder. */
const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** How many folders above the Dockerfile we look (cheap, and covers the usual layouts). */
const SEARCH_DEPTH = 3;

export interface ComposeLink {
  compose: ComposeFile;
  service: ComposeService;
}

export function composeServicesBuilding(file: DockerfileFile, project: Project): ComposeLink[] {
  const dockerfile = path.resolve(file.path);
  // Asked by several rules of one lint: look once.
  return project.memo(`compose-link:${dockerfile}`, () => findServicesBuilding(dockerfile, project));
}

/** The compose files of a folder: every compose file name it lists (else the four usual names), sorted. */
export function composeFilesIn(folder: string, project: Project): string[] {
  const listing = project.workspace.listDirectory?.(folder);
  if (!listing) return COMPOSE_NAMES.map((name) => path.join(folder, name)).filter((p) => project.workspace.exists(p));
  return listing.filter((entry) => !entry.directory && COMPOSE_FILE.test(entry.name)).map((entry) => path.join(folder, entry.name));
}

function findServicesBuilding(dockerfile: string, project: Project): ComposeLink[] {
  const found: ComposeLink[] = [];
  let folder = path.dirname(dockerfile);
  for (let depth = 0; depth <= SEARCH_DEPTH; depth++) {
    for (const composePath of composeFilesIn(folder, project)) {
      const text = project.read(composePath);
      if (text === undefined) continue;
      const compose = parseComposeShared(composePath, text);
      for (const service of compose.services) {
        if (service.build && !service.build.inline && path.resolve(service.build.dockerfile) === dockerfile) found.push({ compose, service });
      }
    }
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return found;
}

export interface BuildContext {
  /** The absolute folder; undefined for a remote or interpolated context (`source` says which). */
  folder: string | undefined;
  /** The context as the first compose file that gives it wrote it. */
  source: string;
  /** The compose services that build the Dockerfile with this context. */
  links: ComposeLink[];
}

/** The distinct build contexts compose services give a Dockerfile (empty when no compose file builds it). */
export function buildContextsOf(file: DockerfileFile, project: Project): BuildContext[] {
  const contexts = new Map<string, BuildContext>();
  for (const link of composeServicesBuilding(file, project)) {
    const build = link.service.build!;
    const remote = isRemoteOrUnknownContext(build.contextSource);
    const key = remote ? `remote:${build.contextSource}` : path.resolve(build.context);
    const known = contexts.get(key);
    if (known) known.links.push(link);
    else contexts.set(key, { folder: remote ? undefined : path.resolve(build.context), source: build.contextSource, links: [link] });
  }
  return [...contexts.values()];
}

/**
 * The build context of a Dockerfile: the one a compose service gives it, else its own folder; undefined when that
 * context is not a folder of the workspace (a URL, an interpolated path).
 */
export function buildContextOf(file: DockerfileFile, project: Project): string | undefined {
  const [first] = buildContextsOf(file, project);
  if (!first) return path.dirname(path.resolve(file.path));
  return first.folder;
}

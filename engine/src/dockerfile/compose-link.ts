/** The compose services that build a Dockerfile: compose files in its folder and up to three folders above. */
import path = require('node:path');
import { parseComposeShared, type ComposeFile, type ComposeService } from '../compose/model';
import type { Project } from '../core/project';
import type { DockerfileFile } from './model';

const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** How many folders above the Dockerfile we look (cheap, and covers the usual layouts). */
const SEARCH_DEPTH = 3;

export function composeServicesBuilding(file: DockerfileFile, project: Project): { compose: ComposeFile; service: ComposeService }[] {
  const dockerfile = path.resolve(file.path);
  // Asked by several rules of one lint: look once.
  return project.memo(`compose-link:${dockerfile}`, () => findServicesBuilding(dockerfile, project));
}

function findServicesBuilding(dockerfile: string, project: Project): { compose: ComposeFile; service: ComposeService }[] {
  const found: { compose: ComposeFile; service: ComposeService }[] = [];
  let folder = path.dirname(dockerfile);
  for (let depth = 0; depth <= SEARCH_DEPTH; depth++) {
    for (const name of COMPOSE_NAMES) {
      const composePath = path.join(folder, name);
      if (!project.workspace.exists(composePath)) continue;
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

/** The build context of a Dockerfile: the one a compose service gives it, else its own folder. */
export function buildContextOf(file: DockerfileFile, project: Project): string {
  const linked = composeServicesBuilding(file, project)[0];
  return linked?.service.build?.context ?? path.dirname(path.resolve(file.path));
}

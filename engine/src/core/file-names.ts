/**
 * The file names the product lints, in one place for the engine, the CLI, the server and the client (which may
 * import only dependency-free files: no `node:` module here).
 */

/**
 * Compose files by name: `compose.yaml`, `docker-compose.yml`, `compose.prod.yaml`, `docker-compose.override.yml`,
 * `docker-compose-dev.yml` (a `.` or a `-` after `compose`), `api.compose.yaml`, and swarm stack files
 * (`docker-stack.yml`, `docker-stack-prod.yml`, `stack.yml`, `docker-swarm.yml`). `composer.yaml` and
 * `my-compose.yml` are not. YAML files of other names are compose files when their content is (see `files.ts`).
 */
export const COMPOSE_FILE_NAME = /^((docker-)?compose([.-][\w.-]+)?|[\w.-]+\.compose|docker-(stack|swarm)([.-][\w.-]+)?|stack([.-][\w.-]+)?)\.ya?ml$/i;
/** Swarm stack files by name (`docker stack deploy -c docker-stack.yml`): swarm semantics, not Compose's. */
export const STACK_FILE_NAME = /^(docker-(stack|swarm)|stack)([.-][\w.-]+)?\.ya?ml$/i;
/** `Dockerfile`, `Dockerfile.dev`, `Containerfile`, `api.Dockerfile`. */
export const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)(\.[\w.-]+)?$|\.(Dockerfile|dockerfile)$/;
/** The glob for compose files the editor may call plain YAML (the client's document selector for `yaml`). */
export const COMPOSE_FILE_GLOB =
  '**/{compose,compose[-.]*,docker-compose,docker-compose[-.]*,*.compose,docker-stack,docker-stack[-.]*,docker-swarm,docker-swarm[-.]*,stack,stack[-.]*}.{yml,yaml}';

/** The last segment of a path or URI path, with `/` or `\` separators. */
export function baseName(filePath: string): string {
  return filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1);
}

export function isComposeFileName(filePath: string): boolean {
  return COMPOSE_FILE_NAME.test(baseName(filePath));
}

export function isDockerfileName(filePath: string): boolean {
  return DOCKERFILE_NAME.test(baseName(filePath));
}

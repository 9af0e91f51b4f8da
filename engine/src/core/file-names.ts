/**
 * The file names the product lints, in one place for the engine, the CLI, the server and the client (which may
 * import only dependency-free files: no `node:` module here).
 */

/** `compose.yaml`, `docker-compose.yml`, `compose.prod.yaml`, `docker-compose.override.yml`. */
export const COMPOSE_FILE_NAME = /^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/i;
/** `Dockerfile`, `Dockerfile.dev`, `Containerfile`, `api.Dockerfile`. */
export const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)(\.[\w.-]+)?$|\.(Dockerfile|dockerfile)$/;
/** The glob for compose files the editor may call plain YAML (the client's document selector for `yaml`). */
export const COMPOSE_FILE_GLOB = '**/{docker-compose,compose}*.{yml,yaml}';

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

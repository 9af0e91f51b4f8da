/**
 * The custom protocol between the client and the server, in one place (as vscode-eslint's customMessages.ts).
 * Standard LSP carries diagnostics, code actions, code lenses and completion; these requests add what LSP lacks.
 * Only types, method names and constants here: the client imports this file too.
 */

/** The code action kind of "Fix all safe problems" (`"editor.codeActionsOnSave": {"source.fixAll.dockerHarden": ...}`). */
export const FIX_ALL_KIND = 'source.fixAll.dockerHarden';

/** Compose files the editor may call plain YAML, by name (the client's document selector for `yaml`). */
export { COMPOSE_FILE_GLOB } from '../../engine/src/core/file-names';

/**
 * Files whose change can change another file's problems: Dockerfiles a compose service builds, `.dockerignore`, any
 * YAML a service may `extends` from or `include` (so every `*.yml`), the two config files, and secrets files a fix
 * created (their mode is set when the client reports them). The client watches them and the server registers them.
 */
export const WATCHED_GLOBS: readonly string[] = [
  '**/{Dockerfile,Containerfile}*',
  '**/*.{dockerfile,Dockerfile}',
  '**/.dockerignore',
  '**/*.{yml,yaml}',
  '**/.docker-harden.{yml,yaml}',
  '**/.hadolint.{yml,yaml}',
  '**/secrets/*',
];

/** A text edit on a file by LSP range, or a whole new file. */
export interface HardenFileChange {
  uri: string;
  /** Full text of the file after the change. */
  newText: string;
  /** True when the file does not exist yet (the edit fails if it exists when applied: never overwritten or reused). */
  create: boolean;
  /** File mode for a created file (0o644 for secrets files), applied by the client after the edit. */
  mode?: number;
  /** Mode for the folder a created file needs, when the edit creates it (0o700 for `secrets/`). */
  folderMode?: number;
}

export namespace HardenServiceRequest {
  /** client → server: the changes "Harden service" would make. Nothing is written by the server. */
  export const method = 'dockerHarden/hardenService';
  export interface Params {
    uri: string;
    /** Service names; all services when empty. */
    services: string[];
  }
  export interface Result {
    /** One entry per file changed, the compose file first. */
    changes: HardenFileChange[];
    fixCount: number;
    unknownServices: string[];
    /** Set when nothing was hardened (the compose file does not parse), with the reason for the user. */
    refused?: string;
  }
}

export namespace ProductionOverrideRequest {
  /** client → server: the files "Generate production override" would write. Nothing is written by the server. */
  export const method = 'dockerHarden/productionOverride';
  export interface Params {
    uri: string;
  }
  export interface Result {
    /** The production file (created), the development override and the base file (bind mounts moved). */
    changes: HardenFileChange[];
    /** Services the production file configures. */
    services: string[];
    /** Why nothing was generated, for the user. */
    refused?: string;
  }
}

export namespace ListServicesRequest {
  /** client → server: the services of a compose document, for the "Harden service…" quick pick. */
  export const method = 'dockerHarden/listServices';
  export interface Params {
    uri: string;
  }
  export interface Service {
    name: string;
    /** The service's problem count, shown in the quick pick. */
    problems: number;
    line: number;
  }
  export type Result = Service[];
}

/**
 * Server → client, browser build only: files the engine needs and a web worker cannot read (the linked Dockerfile,
 * `.dockerignore`, `.env`, other compose files, configs). The client answers from `workspace.fs`, which reaches
 * github.dev's and vscode.dev's virtual file systems. Folders are answered with their entries.
 */
export namespace ReadFilesRequest {
  export const method = 'dockerHarden/readFiles';
  export interface Params {
    uris: string[];
  }
  export interface Answer {
    uri: string;
    /** `unreadable`: there, but not a text file the engine reads (too big, not UTF-8, no permission). */
    type: 'file' | 'directory' | 'missing' | 'unreadable';
    text?: string;
    entries?: { name: string; directory: boolean }[];
  }
  export type Result = Answer[];
  /** The largest file the client sends, as the Node build's largest linked file (engine MAX_LINKED_FILE_BYTES). */
  export const MAX_BYTES = 2 * 1024 * 1024;
  /** The most URIs in one request. */
  export const MAX_URIS = 256;
}

export namespace LintStatusNotification {
  /** server → client: lint state and time for the language status item. */
  export const method = 'dockerHarden/lintStatus';
  export interface Params {
    uri: string;
    state: 'linting' | 'done' | 'error';
    /** Milliseconds the last lint took. */
    durationMs?: number;
    problems?: number;
    message?: string;
  }
}

/** Command ids, shared by the manifest, the client and the server's code lenses. */
/**
 * Node options the client starts the server with (the benchmark starts it the same way). A 4 MB young generation
 * instead of V8's 16 MB keeps a server with a 10,000-line compose file open under 100 MB once it is idle. Measured
 * with bench/server.ts, idle RSS and median re-lint (didChange to diagnostics, less the debounce) of that file, three
 * alternating runs each: 2 MB 86-88 MB and 300-317 ms; 4 MB 90-93 MB and 219-290 ms; V8's default 113-116 MB.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4'];

export const Commands = {
  hardenService: 'dockerHarden.hardenService',
  hardenAllServices: 'dockerHarden.hardenAllServices',
  fixAll: 'dockerHarden.fixAll',
  createDockerignore: 'dockerHarden.createDockerignore',
  convertSecrets: 'dockerHarden.convertSecrets',
  generateProductionOverride: 'dockerHarden.generateProductionOverride',
  showOutput: 'dockerHarden.showOutput',
  restartServer: 'dockerHarden.restartServer',
  showDocumentation: 'dockerHarden.showDocumentation',
  /**
   * Server-side: applies the WorkspaceEdit given as its only argument (code actions for clients without
   * CodeAction literal support). Registered by the server only for such clients.
   */
  applyEdit: 'dockerHarden.applyEdit',
} as const;

/** The argument that starts the CLI bundle in worker-thread mode (see parallel.ts and main.ts). */
export const WORKER_ARGUMENT = '--docker-harden-worker';

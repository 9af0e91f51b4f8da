/**
 * The engine's Node host: the disk as a Workspace, the write guard and the native-path conversion. The CLI, the Node
 * server and tests import it; the engine and the server core never do (the browser build has no disk), which
 * test/web/no-node-imports.test.ts checks.
 */
export * from './native-paths';
export * from './workspace';
export * from './write-guard';
export * from './config-files';

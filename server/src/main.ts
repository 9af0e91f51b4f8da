/**
 * The Docker Harden language server. Started by the VS Code client over IPC, or by any LSP client with `--stdio`
 * (the transport is chosen from the command line by `createConnection`).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { describeError } from './logger';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);

// A bug must cost one answer, not the server: log it (without its message, which may quote a document) and go on.
process.on('uncaughtException', (error) => connection.console.error(`uncaught exception: ${describeError(error, true)}`));
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${describeError(reason, true)}`));

startServer(connection);

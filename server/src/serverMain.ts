/**
 * The language server's process: its connection over stdio or IPC (the transport is chosen from the command line,
 * `--stdio` or `--node-ipc`), and the handlers that keep a bug or a broken frame from leaving it deaf.
 */
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { describeError } from './logger';
import { nodeServerHost } from './nodeHost';
import { startServer } from './server';

/**
 * Over stdio the server reads the frames itself, so that a frame it cannot read (no `Content-Length`, a body that
 * is not JSON) ends the process with an error instead of leaving the reader out of step with the stream, answering
 * nothing from then on. A client sees the server exit and can restart it.
 */
function stdioConnection(): Connection {
  const reader = new StreamMessageReader(process.stdin);
  reader.onError((error) => {
    process.stderr.write(`docker-harden: unreadable message from the client, closing the connection: ${error.message.split('\n')[0]}\n`);
    process.exit(1);
  });
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  let shutdownReceived = false;
  // The server's only shutdown handler (a second one would replace it): the exit code below depends on it.
  connection.onShutdown(() => {
    shutdownReceived = true;
  });
  // What createConnection does for `--stdio`: exit when the client closes the stream, and keep stray console output
  // out of stdout, which carries the protocol.
  for (const event of ['end', 'close']) process.stdin.on(event, () => process.exit(shutdownReceived ? 0 : 1));
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  return connection;
}

/** Starts the server on this connection (stdio or IPC, from the command line). */
export function main(): void {
  const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);

  // A bug must cost one answer, not the server: log it (without its message, which may quote a document) and go on.
  process.on('uncaughtException', (error) => connection.console.error(`uncaught exception: ${describeError(error, true)}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${describeError(reason, true)}`));

  startServer(connection, nodeServerHost());
}

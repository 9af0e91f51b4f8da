/**
 * What the Node build's server reads and checks on disk (ServerHost, server.ts): the engine's Node host
 * (engine/src/node/) behind the host interface, so that the server core imports no Node module and the browser
 * build (web/main.ts) gives its own.
 */
import { diskConfigFiles } from '../../engine/src/node';
import type { ServerHost } from './server';

export function nodeServerHost(): ServerHost {
  return {
    configFiles: diskConfigFiles(),
  };
}

/**
 * Node modules the browser build never uses at run time (`https` for dockerfile-language-service's registry client,
 * which the server keeps off; `node:v8`, `node:vm`, `node:worker_threads`, `node:util`): any use throws.
 */
const unavailable = (): never => {
  throw new Error('not available in the browser build');
};
export const request = unavailable;
export const get = unavailable;
export const setFlagsFromString = unavailable;
export const runInNewContext = unavailable;
export const format = (...args: unknown[]): string => args.map(String).join(' ');
export class Worker {
  constructor() {
    unavailable();
  }
}
export const isMainThread = true;
export const parentPort = null;
export class Agent {}
export default { request, get, setFlagsFromString, runInNewContext, format, Worker, isMainThread, parentPort, Agent };

/**
 * The Node globals the bundled code names, for the browser build (esbuild `inject`): each free use of `process`,
 * `Buffer` or `setImmediate` in the bundle binds to these, and nothing is added to the worker's global scope.
 */
const shimProcess = {
  env: {} as Record<string, string | undefined>,
  platform: 'browser',
  argv: [] as string[],
  versions: {} as Record<string, string>,
  cwd: (): string => '/',
  on: (): void => undefined,
  nextTick: (callback: (...args: unknown[]) => void, ...args: unknown[]): void => queueMicrotask(() => callback(...args)),
};
export { shimProcess as process };

/** dockerfile-ast calls `Buffer.from(text).length` (the UTF-8 length of a line) while parsing. */
export const Buffer = {
  from: (text: string): Uint8Array => new TextEncoder().encode(text),
  isBuffer: (): boolean => false,
  byteLength: (text: string): number => new TextEncoder().encode(text).length,
};

export function setImmediate(callback: (...args: unknown[]) => void, ...args: unknown[]): ReturnType<typeof setTimeout> {
  return setTimeout(callback, 0, ...args);
}

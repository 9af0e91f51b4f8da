/** `node:url` for the browser build: `file:` URLs of POSIX paths, with the URL class every worker has. */
export function fileURLToPath(url: string | URL): string {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  if (parsed.protocol !== 'file:') throw new TypeError('The URL must be of scheme file');
  if (parsed.hostname !== '') throw new TypeError('File URL host must be "localhost" or empty');
  if (/%2f/i.test(parsed.pathname)) throw new TypeError('File URL path must not include encoded / characters');
  return decodeURIComponent(parsed.pathname);
}

export function pathToFileURL(filePath: string): URL {
  const encoded = filePath
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
  return new URL(`file://${encoded.startsWith('/') ? '' : '/'}${encoded}`);
}

const urlModule = { fileURLToPath, pathToFileURL, URL };
export { urlModule as default };

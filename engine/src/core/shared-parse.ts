/**
 * The last few parses of a kind of file, by path and text: the same path and text give the same (read-only) model.
 * A CLI run lints a Dockerfile, whose rules read the compose file beside it, then that compose file, whose rules
 * read the Dockerfile again; in the server a Dockerfile's lint reads the open compose file. Each is parsed once.
 * Kept small: the server holds its own results, and a big compose file is megabytes of nodes.
 */
export function sharedParser<T extends { path: string; text: string }>(parse: (filePath: string, text: string) => T, size: number): (filePath: string, text: string) => T {
  const recent: T[] = [];
  return (filePath, text) => {
    const index = recent.findIndex((file) => file.path === filePath && file.text === text);
    const file = index >= 0 ? recent.splice(index, 1)[0] : parse(filePath, text);
    recent.unshift(file);
    if (recent.length > size) recent.length = size;
    return file;
  };
}

/**
 * The parses of the last few files of a kind, one per path: the same path and text give the same (read-only)
 * model. A CLI run lints a Dockerfile, whose rules read the compose file beside it, then that compose file, whose
 * rules read the Dockerfile again; overlays (`docker-compose.prod.yml`) read their base file, services the files
 * they `extends` or `include`; in the server a Dockerfile's lint reads the open compose file. Each is parsed once.
 * Only the newest text of a path is kept (an edited buffer never asks for its old text again), so a big file being
 * edited holds one model, not one per keystroke.
 */
export function sharedParser<T extends { path: string; text: string }>(parse: (filePath: string, text: string) => T, size: number): (filePath: string, text: string) => T {
  // Insertion order is use order: the first key is the least recently used path.
  const recent = new Map<string, T>();
  return (filePath, text) => {
    const known = recent.get(filePath);
    const file = known !== undefined && known.text === text ? known : parse(filePath, text);
    recent.delete(filePath);
    recent.set(filePath, file);
    if (recent.size > size) recent.delete(recent.keys().next().value as string);
    return file;
  };
}

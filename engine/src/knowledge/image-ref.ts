/** An image reference split into its parts (`registry/ns/name:tag@sha256:...`). */

export interface ImageRef {
  /** Registry host and namespace, if any (`gcr.io/distroless`). */
  namespace: string | undefined;
  /** Repository name, lower case (`redis`). */
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
}

/** Splits `registry/ns/name:tag@sha256:...` into its parts. */
export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.lastIndexOf('/');
  return {
    namespace: slash >= 0 ? rest.slice(0, slash) : undefined,
    repository: (slash >= 0 ? rest.slice(slash + 1) : rest).toLowerCase(),
    tag,
    digest,
  };
}

/** Which files the product lints, by name and, for other names, by content. */
import { parseDocument, isMap, isScalar } from 'yaml';
import { isComposeFileName, isDockerfileName } from './file-names';
import type { FileKind } from './types';

export { isComposeFileName, isDockerfileName };

export function kindFromName(filePath: string): FileKind | undefined {
  if (isComposeFileName(filePath)) return 'compose';
  if (isDockerfileName(filePath)) return 'dockerfile';
  return undefined;
}

/**
 * Recognises a file by content: YAML with a top-level `services:` key is a compose file; a file whose first
 * instruction (after comments, blank lines and parser directives) is FROM or ARG is a Dockerfile.
 */
export function kindFromContent(text: string): FileKind | undefined {
  const head = text.slice(0, 64 * 1024);
  if (/^services\s*:/m.test(head)) return 'compose';
  for (const line of head.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    return /^(FROM|ARG)\s/i.test(trimmed) ? 'dockerfile' : undefined;
  }
  return undefined;
}

export function detectKind(filePath: string, text: string): FileKind | undefined {
  return kindFromName(filePath) ?? kindFromContent(text);
}

/** YAML files of other names are looked at by content when a folder is searched, up to this size. */
export const COMPOSE_SNIFF_BYTES = 1024 * 1024;

/**
 * Whether a YAML file of another name (`infra/app.yml`) is a compose file by content: a top-level `services:` map
 * with at least one entry that has an `image` string or a `build`. Stricter than `kindFromContent`, which is for a file a user
 * named: a folder search must not take a CI config or a Helm values file with a `services:` key for a compose file.
 */
export function isComposeContent(text: string): boolean {
  if (text.length > COMPOSE_SNIFF_BYTES || !/^services\s*:/m.test(text) || text.includes('\u0000')) return false;
  try {
    const doc = parseDocument(text, { logLevel: 'silent', merge: true, uniqueKeys: false });
    const services = isMap(doc.contents) ? doc.contents.get('services', true) : undefined;
    if (!isMap(services)) return false;
    return services.items.some((pair) => {
      const value = pair.value;
      return isScalar(pair.key) && isMap(value) && (isScalar(value.get('image', true)) || value.has('build'));
    });
  } catch {
    return false;
  }
}

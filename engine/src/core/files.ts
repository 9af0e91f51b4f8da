/** Which files the product lints, by name and, for other names, by content. */
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

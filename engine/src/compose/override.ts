/** Compose override files (`compose.override.yaml`): their names, which files are for development, and adding to one. */
import * as path from '../core/paths';
import { isSeq, type Node } from 'yaml';
import { mergeInsertions, type Edit } from '../core/text';
import type { FileChange } from '../core/types';
import { insertIntoMap, renderEntries, renderScalar } from './edit';
import { appendToSeq, ensureEntries, ownPair } from './ensure';
import { findPair, parseComposeShared, resolve, type ComposeFile } from './model';

const DEVELOPMENT_WORDS = new Set(['override', 'dev', 'develop', 'development', 'local', 'debug']);

export function overrideNameOf(base: string): string {
  return base.replace(/\.(ya?ml)$/, '.override.$1');
}

/** `docker-compose.override.yml`, `compose.dev.yaml`, `docker-compose-local.yml`: a name with such a word in it. */
export function isDevelopmentFile(name: string): boolean {
  return name
    .toLowerCase()
    .split(/[._-]/)
    .some((word) => DEVELOPMENT_WORDS.has(word));
}

/** A volume spec moved out of a compose file, with the comments that belong to it there. */
export interface MovedVolume {
  spec: string;
  /** The comment lines directly above its item (`# hot reload`), trimmed. */
  comments: string[];
  /** The comment after the item on its line, with the space before it (`  # hot reload`). */
  trailing?: string;
}

/**
 * The change that adds volume specs per service to a compose override file: creates it (with a comment saying what
 * it is for) or appends to the one there, keeping its text. Each item comes with its comments. Undefined when the
 * existing file cannot take them.
 */
export function addVolumesToOverride(file: ComposeFile, overridePath: string, existing: string | undefined, volumes: Map<string, MovedVolume[]>): FileChange | undefined {
  return existing === undefined ? createOverride(file, overridePath, volumes) : extendOverride(overridePath, existing, volumes);
}

function createOverride(file: ComposeFile, overridePath: string, volumes: Map<string, MovedVolume[]>): FileChange | undefined {
  const services: Record<string, { volumes: string[] }> = {};
  for (const [name, moved] of volumes) services[name] = { volumes: moved.map((volume) => volume.spec) };
  const body = withComments(renderEntries({ services }, file.indentUnit, file.indentedSequences), [...volumes.values()].flat());
  if (!body) return undefined;
  const lines = ['# Development only: Compose merges this file over ' + path.basename(file.path) + ' when both are present.', ...body];
  return { kind: 'create', path: overridePath, content: lines.join(file.eol) + file.eol };
}

function extendOverride(overridePath: string, text: string, volumes: Map<string, MovedVolume[]>): FileChange | undefined {
  const override = parseComposeShared(overridePath, text);
  if (override.syntaxErrors.length || !override.root) return undefined;
  const edits: Edit[] = [];
  const missingServices: Record<string, { volumes: string[] }> = {};
  const missingVolumes: MovedVolume[] = [];
  /** An insertion's rendered text with the comments of its items, undefined when they cannot go there. */
  const commented = (edit: Edit | undefined, moved: MovedVolume[]): Edit | undefined => {
    const lines = edit && withComments(edit.text.split(override.eol), moved);
    return lines && { ...edit!, text: lines.join(override.eol) };
  };
  for (const [name, moved] of volumes) {
    const service = override.services.find((candidate) => candidate.name === name);
    if (!service) {
      missingServices[name] = { volumes: moved.map((volume) => volume.spec) };
      for (const volume of moved) missingVolumes.push(volume);
      continue;
    }
    if (!service.map) return undefined;
    const volumes = ownPair(service.map, 'volumes');
    const seq = volumes ? resolve(override.doc, volumes.value as Node) : undefined;
    if (volumes && isSeq(seq)) {
      for (const volume of moved) {
        const appended = appendToSeq(override, seq, renderScalar(volume.spec));
        // A flow list (`volumes: [a, b]`) has no line for a comment.
        const edit = seq.flow ? (volume.comments.length || volume.trailing ? undefined : appended) : commented(appended, [volume]);
        if (!edit) return undefined;
        edits.push(edit);
      }
    } else if (!volumes) {
      const edit = commented(ensureEntries(override, service.map, [], { volumes: moved.map((volume) => volume.spec) }), moved);
      if (!edit) return undefined;
      edits.push(edit);
    } else {
      return undefined;
    }
  }
  if (Object.keys(missingServices).length) {
    const services = findPair(override.doc, override.root, 'services');
    const map = services ? resolve(override.doc, services.pair.value as Node) : undefined;
    const edit = map && isMapLike(map) ? commented(insertIntoMap(override, map, missingServices), missingVolumes) : undefined;
    if (!edit) return undefined;
    edits.push(edit);
  }
  return { kind: 'edit', path: overridePath, edits: mergeInsertions(edits) };
}

/**
 * Rendered lines whose block-list items (`- spec`, one per moved volume, in order) get their comments: the comment
 * lines above at the item's indentation, the trailing one after it. Undefined when the items do not match.
 */
function withComments(lines: string[], moved: MovedVolume[]): string[] | undefined {
  const out: string[] = [];
  let next = 0;
  for (const line of lines) {
    const item = /^(\s*)- /.exec(line);
    if (!item) {
      out.push(line);
      continue;
    }
    const volume = moved[next++];
    if (!volume) return undefined;
    for (const comment of volume.comments) out.push(item[1] + comment);
    out.push(line + (volume.trailing ?? ''));
  }
  return next === moved.length ? out : undefined;
}

function isMapLike(node: Node): node is import('yaml').YAMLMap {
  return (node as { items?: unknown }).items !== undefined && !isSeq(node);
}

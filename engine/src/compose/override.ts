/** Compose override files (`compose.override.yaml`): their names, which files are for development, and adding to one. */
import path = require('node:path');
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

/**
 * The change that adds volume specs per service to a compose override file: creates it (with a comment saying what
 * it is for) or appends to the one there, keeping its text. Undefined when the existing file cannot take them.
 */
export function addVolumesToOverride(file: ComposeFile, overridePath: string, existing: string | undefined, volumes: Map<string, string[]>): FileChange | undefined {
  return existing === undefined ? createOverride(file, overridePath, volumes) : extendOverride(overridePath, existing, volumes);
}

function createOverride(file: ComposeFile, overridePath: string, volumes: Map<string, string[]>): FileChange {
  const services: Record<string, { volumes: string[] }> = {};
  for (const [name, specs] of volumes) services[name] = { volumes: specs };
  const lines = ['# Development only: Compose merges this file over ' + path.basename(file.path) + ' when both are present.', ...renderEntries({ services }, file.indentUnit, file.indentedSequences)];
  return { kind: 'create', path: overridePath, content: lines.join(file.eol) + file.eol };
}

function extendOverride(overridePath: string, text: string, volumes: Map<string, string[]>): FileChange | undefined {
  const override = parseComposeShared(overridePath, text);
  if (override.syntaxErrors.length || !override.root) return undefined;
  const edits: Edit[] = [];
  const missingServices: Record<string, { volumes: string[] }> = {};
  for (const [name, specs] of volumes) {
    const service = override.services.find((candidate) => candidate.name === name);
    if (!service) {
      missingServices[name] = { volumes: specs };
      continue;
    }
    if (!service.map) return undefined;
    const volumes = ownPair(service.map, 'volumes');
    const seq = volumes ? resolve(override.doc, volumes.value as Node) : undefined;
    if (volumes && isSeq(seq)) {
      for (const spec of specs) {
        const edit = appendToSeq(override, seq, renderScalar(spec));
        if (!edit) return undefined;
        edits.push(edit);
      }
    } else if (!volumes) {
      const edit = ensureEntries(override, service.map, [], { volumes: specs });
      if (!edit) return undefined;
      edits.push(edit);
    } else {
      return undefined;
    }
  }
  if (Object.keys(missingServices).length) {
    const services = findPair(override.doc, override.root, 'services');
    const map = services ? resolve(override.doc, services.pair.value as Node) : undefined;
    const edit = map && isMapLike(map) ? insertIntoMap(override, map, missingServices) : undefined;
    if (!edit) return undefined;
    edits.push(edit);
  }
  return { kind: 'edit', path: overridePath, edits: mergeInsertions(edits) };
}

function isMapLike(node: Node): node is import('yaml').YAMLMap {
  return (node as { items?: unknown }).items !== undefined && !isSeq(node);
}

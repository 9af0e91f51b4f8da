/**
 * Shared helpers of the reliability tests: the corpus manifest, the round-trip checks every fix output must pass
 * (parses, keeps its comments, validates against the compose-spec schema when it did before) and a workspace that
 * layers the files a fix created over the disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Lexer, parseAllDocuments, parseDocument } from 'yaml';
import { type ChangedFile, type FileKind, type Workspace } from '../../engine/src/index';
import { diskWorkspace } from '../../engine/src/node';
import { corpusRoot } from '../lib/corpus';

export const repoRoot = path.resolve(__dirname, '../..');
export { corpusRoot };

export interface CorpusEntry {
  source: string;
  /** Path relative to the corpus root. */
  path: string;
  absolutePath: string;
  kind: FileKind;
  /** The folder the file's project lives in (its workspace root). */
  root: string;
}

/** Compose files and Dockerfiles listed in MANIFEST.tsv (not `.dockerignore` or the schema). */
export function readManifest(): CorpusEntry[] {
  const lines = fs.readFileSync(path.join(corpusRoot, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  const entries: CorpusEntry[] = [];
  for (const line of lines) {
    const [source, file, kind] = line.split('\t');
    if (kind !== 'compose' && kind !== 'dockerfile') continue;
    entries.push({
      source,
      path: file,
      absolutePath: path.join(corpusRoot, file),
      kind,
      root: path.join(corpusRoot, file.split('/')[0]),
    });
  }
  return entries;
}

/** The name the engine must see: Coolify templates are compose files named like `n8n.yaml`. */
export function lintPath(entry: Pick<CorpusEntry, 'absolutePath' | 'kind'>): string {
  return entry.absolutePath;
}

/** Comments of a text, as a multiset (comment text → count). YAML comments come from the lexer. */
export function comments(text: string, kind: FileKind): Map<string, number> {
  const found = new Map<string, number>();
  const add = (comment: string) => found.set(comment, (found.get(comment) ?? 0) + 1);
  if (kind === 'compose') {
    for (const token of new Lexer().lex(text)) if (token.startsWith('#')) add(token.trimEnd());
  } else {
    for (const line of text.split(/\r?\n|\r/)) {
      const trimmed = line.trim();
      if (trimmed.startsWith('#')) add(trimmed);
    }
  }
  return found;
}

export function countComments(text: string, kind: FileKind): number {
  let total = 0;
  for (const count of comments(text, kind).values()) total += count;
  return total;
}

/** Comments of `before` missing from `after` (each listed once per missing occurrence). */
export function lostComments(before: string, after: string, kind: FileKind): string[] {
  const kept = comments(after, kind);
  const lost: string[] = [];
  for (const [comment, count] of comments(before, kind)) {
    const missing = count - (kept.get(comment) ?? 0);
    for (let i = 0; i < missing; i++) lost.push(comment);
  }
  return lost;
}

/** YAML errors of a text (compose's own `!reset`/`!override` tags accepted), empty when it parses. */
export function yamlErrors(text: string): string[] {
  const docs = parseAllDocuments(text, { merge: true, uniqueKeys: true, customTags: composeTags });
  const list = Array.isArray(docs) ? docs : [docs];
  return list.flatMap((doc) => doc.errors.map((error) => error.message.split('\n')[0]));
}

const composeTags = ['!reset', '!override'].flatMap((tag) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'map' as const, resolve: (value: unknown) => value },
  { tag, collection: 'seq' as const, resolve: (value: unknown) => value },
]) as never[];

let validator: ((data: unknown) => boolean) | undefined;

/** True when the compose text validates against the corpus compose-spec schema (false when it cannot load). */
export function validatesAgainstSchema(text: string): boolean {
  validator ??= compileSchema();
  let data: unknown;
  try {
    const doc = parseDocument(text, { merge: true, customTags: composeTags });
    if (doc.errors.length > 0) return false;
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch {
    return false;
  }
  return validator(data);
}

export function schemaErrors(text: string): string {
  validator ??= compileSchema();
  const data = parseDocument(text, { merge: true, customTags: composeTags }).toJS();
  (validator as unknown as (d: unknown) => boolean)(data);
  return JSON.stringify((validator as unknown as { errors?: unknown }).errors ?? []).slice(0, 2000);
}

function compileSchema(): (data: unknown) => boolean {
  const schema = JSON.parse(fs.readFileSync(path.join(corpusRoot, 'compose-spec/compose-spec.json'), 'utf8'));
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        if (key === '$schema' || (key === 'id' && typeof value === 'string')) continue;
        out[key] = strip(value);
      }
      return out;
    }
    return node;
  };
  const ajv = new Ajv2019({ strict: false, allErrors: false });
  ajv.addFormat('duration', /^([+-]?\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', true);
  ajv.addFormat('expose', true);
  ajv.addFormat('subnet_ip_address', true);
  const validate = ajv.compile(strip(schema) as object);
  const run = (data: unknown) => validate(data) as boolean;
  Object.defineProperty(run, 'errors', { get: () => validate.errors });
  return run;
}

/** The disk (confined to `root`) with the files a previous fix-all changed layered on top. */
export function overlayWorkspace(root: string, changed: readonly ChangedFile[]): Workspace {
  const files = new Map(changed.map((file) => [path.resolve(file.path), file.after]));
  return diskWorkspace(root, (p) => files.get(path.resolve(p)));
}

/** Original lines that must still be in the output, in order (the text outside the fix edits is untouched). */
export function missingUnchangedLines(before: string, after: string, editedLines: Set<number>): string[] {
  const beforeLines = before.split('\n');
  const afterLines = after.split('\n');
  const missing: string[] = [];
  let cursor = 0;
  for (let line = 0; line < beforeLines.length; line++) {
    if (editedLines.has(line)) continue;
    let found = -1;
    for (let j = cursor; j < afterLines.length; j++) {
      if (afterLines[j] === beforeLines[line]) {
        found = j;
        break;
      }
    }
    if (found < 0) missing.push(`${line + 1}: ${beforeLines[line]}`);
    else cursor = found + 1;
  }
  return missing;
}

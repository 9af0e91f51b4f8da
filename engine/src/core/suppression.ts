/**
 * Suppression comments:
 * - `# docker-harden-ignore <id>[, <id>...]` on the line above a key or instruction: that node and its children;
 * - `# docker-harden-ignore-file <id>[, <id>...]` anywhere: the whole file;
 * - Dockerfiles also honour `# hadolint ignore=DL3008,DL3009`, `# hadolint global ignore=...` and the BuildKit
 *   directive `# check=skip=JSONArgsRecommended,...` (or `skip=all`), matched through each rule's aliases.
 * An id of `*` (or `all`) matches every rule. `.hadolint.yaml` `disable-ignore-pragma: true` turns the `# hadolint`
 * comments off (hadolint's meaning); the others stay.
 */
import type { FileKind } from './types';
import type { LineIndex } from './text';

interface Span {
  start: number;
  end: number;
  ids: Set<string>;
}

export class Suppressions {
  constructor(private readonly fileIds: Set<string>, private readonly spans: Span[]) {}

  static none(): Suppressions {
    return new Suppressions(new Set(), []);
  }

  /** True when a problem of the rule (or one of its aliases) at `offset` is suppressed. */
  isSuppressed(ruleId: string, aliases: readonly string[] | undefined, offset: number): boolean {
    const names = [ruleId, ...(aliases ?? [])].map((name) => name.toLowerCase());
    const matches = (ids: Set<string>) => ids.has('*') || ids.has('all') || names.some((name) => ids.has(name));
    if (matches(this.fileIds)) return true;
    return this.spans.some((span) => offset >= span.start && offset < span.end && matches(span.ids));
  }

  /** Adds ids suppressed for the whole file (e.g. `.hadolint.yaml` `ignored:`). */
  withFileIds(ids: Iterable<string>): Suppressions {
    const merged = new Set(this.fileIds);
    for (const id of ids) merged.add(id.toLowerCase());
    return new Suppressions(merged, this.spans);
  }
}

const OWN = /^\s*#\s*docker-harden-ignore(-file)?(?:\s+(.*))?$/;
const HADOLINT = /^\s*#\s*hadolint\s+(global\s+)?ignore\s*=\s*(.*)$/;
const CHECK_SKIP = /^\s*#\s*check\s*=\s*(.*)$/;

export function parseIdList(list: string | undefined): Set<string> {
  const ids = new Set<string>();
  for (const part of (list ?? '*').split(/[,\s]+/)) {
    const id = part.trim().toLowerCase();
    if (id && !id.startsWith('--')) ids.add(id);
  }
  if (ids.size === 0) ids.add('*');
  return ids;
}

/**
 * Reads the suppression comments of a text. `blockEnd(line)` gives the end offset of the node starting on a line
 * (a YAML key with its children, or a Dockerfile instruction with its continuation lines).
 */
export function collectSuppressions(lines: LineIndex, kind: FileKind, blockEnd: (line: number) => number, hadolintPragmas = true): Suppressions {
  const fileIds = new Set<string>();
  const spans: Span[] = [];
  const text = lines.text;
  if (text.indexOf('#') < 0) return Suppressions.none();
  let inDirectives = kind === 'dockerfile';
  for (let line = 0; line < lines.lineCount; line++) {
    const content = lines.lineText(line);
    const hash = content.indexOf('#');
    if (hash < 0 || content.slice(0, hash).trim() !== '') {
      if (content.trim() !== '') inDirectives = false;
      continue;
    }
    let ids: Set<string> | undefined;
    let wholeFile = false;
    const own = OWN.exec(content);
    if (own) {
      ids = parseIdList(own[2]?.replace(/\s+--.*$/, ''));
      wholeFile = own[1] === '-file';
    } else if (kind === 'dockerfile') {
      const hadolint = hadolintPragmas ? HADOLINT.exec(content) : null;
      const check = inDirectives ? CHECK_SKIP.exec(content) : null;
      if (hadolint) {
        ids = parseIdList(hadolint[2]);
        wholeFile = Boolean(hadolint[1]);
      } else if (check) {
        const skip = /(?:^|;)\s*skip\s*=\s*([^;]*)/.exec(check[1]);
        if (skip) {
          ids = parseIdList(skip[1]);
          wholeFile = true;
        }
      }
    }
    if (!ids) continue;
    if (wholeFile) {
      for (const id of ids) fileIds.add(id);
      continue;
    }
    const target = nextContentLine(lines, line + 1);
    if (target === undefined) continue;
    spans.push({ start: lines.lineStart(target), end: Math.max(blockEnd(target), lines.lineEnd(target)), ids });
  }
  return new Suppressions(fileIds, spans);
}

function nextContentLine(lines: LineIndex, from: number): number | undefined {
  for (let line = from; line < lines.lineCount; line++) {
    const content = lines.lineText(line).trim();
    if (content !== '' && !content.startsWith('#')) return line;
  }
  return undefined;
}

/** End of a YAML block: the line and every following line indented deeper (blank and comment lines included). */
export function yamlBlockEnd(lines: LineIndex, line: number): number {
  const indentOf = (text: string) => text.length - text.trimStart().length;
  const first = lines.lineText(line);
  const indent = indentOf(first);
  const opensBlock = /:\s*(#.*)?$/.test(first);
  let end = lines.lineEnd(line);
  for (let next = line + 1; next < lines.lineCount; next++) {
    const content = lines.lineText(next);
    const trimmed = content.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const nextIndent = indentOf(content);
    // `key:` followed by a sequence at the same indentation (`- a`) still belongs to the key.
    if (nextIndent > indent || (opensBlock && nextIndent === indent && trimmed.startsWith('- ') && !first.trim().startsWith('- '))) {
      end = lines.lineEnd(next);
      continue;
    }
    break;
  }
  return end;
}

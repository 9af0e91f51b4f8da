/**
 * Hover in compose files: what the compose-spec schema says of the key under the cursor (description, type, allowed
 * values, a link to the Compose reference), what the knowledge base knows of an `image:`, and, for a problem at the
 * cursor, its rule's rationale from the rule metadata bundled with the server (the text of the rule's docs page).
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { ComposeFile } from '../../../engine/src/compose/model';
import { docsUrl, type Severity } from '../../../engine/src/core/types';
import { imageSummary } from './images';
import { keyInfo, referenceUrl } from './schema';

export interface NodeAtOffset {
  /** Keys from the root to the key under the cursor (or to the value's key); `[]` for a sequence item. */
  path: string[];
  on: 'key' | 'value';
  /** The scalar under the cursor, when it is one. */
  node: Node | undefined;
  start: number;
  end: number;
}

/** The key or value at an offset, found through the parsed document (aliases are not followed). */
export function nodeAt(file: ComposeFile, offset: number): NodeAtOffset | undefined {
  const path: string[] = [];
  let current: unknown = file.doc.contents;
  for (let depth = 0; depth < 64; depth++) {
    if (isMap(current)) {
      const pair = (current.items as Pair[]).find((item) => contains(item, offset));
      if (!pair || !isScalar(pair.key)) return undefined;
      path.push(String(pair.key.value));
      const key = pair.key as Node;
      if (key.range && key.range[0] <= offset && offset <= key.range[1]) return { path, on: 'key', node: key, start: key.range[0], end: key.range[1] };
      current = pair.value;
      if (isScalar(current) && current.range) return { path, on: 'value', node: current as Node, start: current.range[0], end: current.range[1] };
    } else if (isSeq(current)) {
      const item = (current.items as Node[]).find((candidate) => contains(candidate, offset));
      if (!item) return undefined;
      path.push('[]');
      current = item;
      if (isScalar(current) && current.range) return { path, on: 'value', node: current as Node, start: current.range[0], end: current.range[1] };
    } else return undefined;
  }
  return undefined;
}

function contains(node: unknown, offset: number): boolean {
  if (isPair(node)) {
    const start = (node.key as Node | null)?.range?.[0];
    const value = node.value as Node | null;
    const end = value?.range?.[1] ?? (node.key as Node | null)?.range?.[1];
    return start !== undefined && end !== undefined && start <= offset && offset <= end;
  }
  const range = (node as Node | null)?.range;
  return Boolean(range && range[0] <= offset && offset <= range[1]);
}

export interface HoverProblem {
  ruleId: string;
  severity: Severity;
  message: string;
  rationale: string | undefined;
}

/** Markdown for a hover at an offset, and the offsets it is about; undefined when there is nothing to say. */
export function composeHover(file: ComposeFile, offset: number, problems: HoverProblem[], today: string): { markdown: string; start: number; end: number } | undefined {
  const sections: string[] = [];
  for (const problem of problems) {
    const lines = [`**${problem.ruleId}** (${problem.severity}): ${problem.message}`];
    if (problem.rationale) lines.push('', problem.rationale);
    lines.push('', `[Documentation](${docsUrl(problem.ruleId)})`);
    sections.push(lines.join('\n'));
  }
  const at = nodeAt(file, offset);
  if (at) {
    const path = at.path.filter((key, index) => !(index === at.path.length - 1 && key === '[]'));
    if (path[0] === 'services' && path.length === 3 && path[2] === 'image' && at.on === 'value') {
      const image = isScalar(at.node) ? String(at.node.value ?? '') : '';
      const summary = image ? imageSummary(image, today) : undefined;
      if (summary) sections.push(summary);
    }
    if (at.on === 'key' || sections.length === 0) {
      const described = describeKey(path);
      if (described) sections.push(described);
    }
  }
  if (sections.length === 0) return undefined;
  return { markdown: sections.join('\n\n---\n\n'), start: at?.start ?? offset, end: at?.end ?? offset };
}

/** The schema's word on a key: description, type, values, reference link. */
export function describeKey(path: string[]): string | undefined {
  const info = keyInfo(path);
  if (!info) return undefined;
  const lines = [`**${info.key}**${info.types.length > 0 ? ` (${info.types.join(' | ')})` : ''}${info.deprecated ? ' (deprecated)' : ''}`];
  if (info.description) lines.push('', info.description);
  if (info.values.length > 0) lines.push('', `Values: ${info.values.map((value) => `\`${value}\``).join(', ')}`);
  const url = referenceUrl(path);
  if (url) lines.push('', `[Compose reference](${url})`);
  return lines.join('\n');
}

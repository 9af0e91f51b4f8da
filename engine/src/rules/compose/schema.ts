import { plainData } from '../../compose/data';
import type { ErrorObject } from 'ajv';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import type { Fix } from '../../core/types';
import { editDistance } from '../../core/text';
import { inStyleOf } from '../../compose/ensure';
import { findPair, resolve, type ComposeFile } from '../../compose/model';
import { specErrors } from '../../compose/spec';

export default defineComposeRule({
  meta: {
    id: 'compose/schema',
    severity: 'error',
    description: 'The file is not valid YAML or does not follow the Compose Specification.',
    rationale:
      'Compose refuses a file it cannot parse or validate, so nothing starts, and a misspelled key that a looser tool ignores silently drops a setting (a `healtcheck:` never runs). The file is checked against the current Compose Specification schema; each violation is shown at the offending key or value, `x-` extensions, `${VAR}` interpolation and `!reset`/`!override` are accepted, and a misspelled key gets a "did you mean" fix.',
    examples: {
      incorrect: ['services:\n  web:\n    image: "nginx:1.27\n', 'services:\n  web:\n    image: nginx:1.27\n    restrat: always\n'],
      correct: ['services:\n  web:\n    image: nginx:1.27\n    restart: always\n'],
    },
    fixable: 'safe',
  },
  check({ file, report }) {
    for (const error of file.syntaxErrors) {
      report({ start: error.start, end: error.end, message: `YAML syntax error: ${error.message}` });
    }
    if (file.syntaxErrors.length > 0 || !file.doc.contents) return;
    let data = plainData(file.doc);
    if (data === undefined) {
      try {
        // Bounded alias expansion: an alias bomb throws instead of hanging.
        data = file.doc.toJS({ maxAliasCount: 1000 });
      } catch {
        return; // Merge errors and alias bombs: nothing reliable to validate.
      }
    }
    const seen = new Set<string>();
    for (const problem of relevantErrors(file, specErrors(data))) {
      const key = `${problem.start}:${problem.end}:${problem.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report(problem);
    }
  },
});

interface Located {
  node: Node | null | undefined;
  /** The key naming the node in its parent map. */
  key: Node | undefined;
  /** Under a `!reset`/`!override` tag (the value is replaced at merge time, the schema does not apply). */
  tagged: boolean;
}

function locate(file: ComposeFile, pointer: string): Located {
  const segments = pointer === '' ? [] : pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = file.doc.contents as Node | null | undefined;
  let key: Node | undefined;
  let tagged = false;
  for (const segment of segments) {
    tagged ||= isTagged(node);
    const current = resolve(file.doc, node);
    if (isMap(current)) {
      const found = findPair(file.doc, current, segment);
      if (!found) break;
      key = found.pair.key as Node;
      node = found.pair.value as Node | null;
    } else if (isSeq(current)) {
      const item = current.items[Number(segment)] as Node | undefined;
      if (!item) break;
      key = undefined;
      node = item;
    } else {
      break;
    }
  }
  tagged ||= isTagged(node);
  return { node, key, tagged };
}

function isTagged(node: Node | null | undefined): boolean {
  const tag = (node as { tag?: string } | null | undefined)?.tag;
  return tag === '!reset' || tag === '!override';
}

const interpolated = (value: unknown) => typeof value === 'string' && value.includes('$');

function relevantErrors(file: ComposeFile, errors: ErrorObject[]): { start: number; end: number; message: string; fixes?: Fix[] }[] {
  // `oneOf`/`anyOf` only summarise their branches; type errors of a branch are noise when another branch got further.
  const leaves = errors.filter((error) => !['oneOf', 'anyOf', 'if', 'not'].includes(error.keyword));
  const isTypeError = (error: ErrorObject) => error.keyword === 'type' || error.keyword === 'enum' || error.keyword === 'const';
  // Paths at or above a more precise error (a Set: one scan of the errors per type error was quadratic).
  const precise = new Set<string>();
  for (const other of leaves) {
    if (isTypeError(other)) continue;
    const path = other.instancePath;
    for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) precise.add(path.slice(0, at));
    precise.add(path);
  }
  const kept = leaves.filter((error) => {
    if (interpolated(error.data)) return false;
    // Drop a type error when a sibling branch reported something more precise at or under the same path.
    return !isTypeError(error) || !precise.has(error.instancePath);
  });
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of kept) {
    const list = byPath.get(error.instancePath + '|' + error.keyword) ?? [];
    list.push(error);
    byPath.set(error.instancePath + '|' + error.keyword, list);
  }
  const problems: { start: number; end: number; message: string; fixes?: Fix[] }[] = [];
  for (const group of byPath.values()) {
    const error = group[0];
    const located = locate(file, error.instancePath);
    if (located.tagged) continue;
    const where = describePath(error.instancePath);
    if (error.keyword === 'additionalProperties') {
      const parent = resolve(file.doc, located.node);
      const suggestions = group.map((each) =>
        closest(
          (each.params as { additionalProperty: string }).additionalProperty,
          Object.keys((each.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {}),
        ),
      );
      const suggested = new Map<string, number>();
      for (const suggestion of suggestions) if (suggestion !== undefined) suggested.set(suggestion, (suggested.get(suggestion) ?? 0) + 1);
      for (const [index, each] of group.entries()) {
        const name = (each.params as { additionalProperty: string }).additionalProperty;
        const pair = isMap(parent) ? findPair(file.doc, parent, name) : undefined;
        const keyNode = pair?.pair.key as Node | undefined;
        const at = keyNode?.range ?? located.key?.range ?? located.node?.range;
        if (!at) continue;
        const suggestion = suggestions[index];
        // No rename onto a key the map has, nor two keys renamed to one: either would write a duplicate key.
        const renamable =
          suggestion !== undefined &&
          suggested.get(suggestion) === 1 &&
          !(isMap(parent) && findPair(file.doc, parent, suggestion));
        const fixes: Fix[] = renamable && isScalar(keyNode) && keyNode.range
          ? [{ title: `Rename to "${suggestion}"`, safe: true, preferred: true, edits: [{ start: keyNode.range[0], end: keyNode.range[1], text: inStyleOf(keyNode, suggestion) }] }]
          : [];
        problems.push({
          start: at[0],
          end: at[1],
          message: `"${name}" is not allowed ${where ? `in ${where}` : 'at the top level'}${suggestion ? `; did you mean "${suggestion}"?` : '.'}`,
          fixes,
        });
      }
      continue;
    }
    const at = (error.keyword === 'required' ? located.key?.range ?? located.node?.range : located.node?.range ?? located.key?.range) ?? [0, 0];
    problems.push({ start: at[0], end: at[1], message: messageOf(group, where) });
  }
  return problems;
}

function messageOf(group: ErrorObject[], where: string): string {
  const error = group[0];
  const subject = where ? `\`${where}\`` : 'The file';
  switch (error.keyword) {
    case 'required':
      return `${subject} needs ${group.map((e) => `"${(e.params as { missingProperty: string }).missingProperty}"`).join(', ')}.`;
    case 'type': {
      const types = [...new Set(group.flatMap((e) => String((e.params as { type: string | string[] }).type).split(',')))];
      return `${subject} must be ${types.map(article).join(' or ')}.`;
    }
    case 'enum':
      return `${subject} must be one of: ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}.`;
    default:
      return `${subject} ${error.message ?? 'is not valid'}.`;
  }
}

function article(type: string): string {
  const names: Record<string, string> = { array: 'a list', object: 'a mapping', string: 'a string', number: 'a number', integer: 'an integer', boolean: 'a boolean', null: 'empty' };
  return names[type] ?? type;
}

/** `services.web.ports[0]` from `/services/web/ports/0`. */
function describePath(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, segment) => (/^\d+$/.test(segment) ? `${acc}[${segment}]` : acc ? `${acc}.${segment}` : segment), '');
}

/**
 * The one allowed name a misspelled key is a typo of (none when two are as close): one typo in a name of up to five
 * characters, two in a longer one (`0XH` is no `ssh`).
 */
export function closest(name: string, allowed: string[]): string | undefined {
  const limit = Math.min(2, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const candidate of allowed) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance) {
      tie = true;
    }
  }
  return best && !tie && best !== name && name.length > 2 ? best : undefined;
}


import { defineComposeRule } from '../../core/rule';
import { composeIndex, type DependsOnEdge } from '../../compose/file-index';

export default defineComposeRule({
  meta: {
    id: 'compose/depends-on-cycle',
    severity: 'error',
    description: 'Services depend on each other in a cycle through `depends_on`.',
    rationale:
      'Compose starts a service after the ones it depends on; with a cycle there is no order that works and `docker compose up` refuses with "dependency cycle detected". Break the cycle: usually one side only needs the other at request time, which a retry or a healthcheck handles.',
    examples: {
      incorrect: ['services:\n  a:\n    image: nginx:1.27\n    depends_on: [b]\n  b:\n    image: nginx:1.27\n    depends_on: [a]\n'],
      correct: ['services:\n  a:\n    image: nginx:1.27\n    depends_on: [b]\n  b:\n    image: nginx:1.27\n'],
    },
  },
  check({ file, report }) {
    const index = composeIndex(file);
    const edges = new Map<string, DependsOnEdge[]>();
    for (const edge of index.dependsOn) {
      if (!index.serviceByName.has(edge.to)) continue;
      const list = edges.get(edge.from.name) ?? [];
      list.push(edge);
      edges.set(edge.from.name, list);
    }
    // Depth-first search; each edge closing a cycle is reported once, with the cycle spelled out. Iterative: a chain
    // of 20,000 services overflowed the stack of a recursive one.
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const onPath = new Map<string, number>();
    const pending: { name: string; next: number }[] = [];
    const open = (name: string) => {
      state.set(name, 'open');
      onPath.set(name, path.length);
      path.push(name);
      pending.push({ name, next: 0 });
    };
    for (const service of file.services) {
      if (state.has(service.name)) continue;
      open(service.name);
      while (pending.length > 0) {
        const current = pending[pending.length - 1];
        const out = edges.get(current.name) ?? [];
        if (current.next === out.length) {
          pending.pop();
          path.pop();
          onPath.delete(current.name);
          state.set(current.name, 'done');
          continue;
        }
        const edge = out[current.next++];
        const target = state.get(edge.to);
        if (target === 'open') {
          if (edge.node.range) report({ start: edge.node.range[0], end: edge.node.range[1], message: `\`depends_on\` cycle: ${spell(path, onPath.get(edge.to)!)}; Compose cannot find a start order.` });
        } else if (target === undefined) {
          open(edge.to);
        }
      }
    }
  },
});

/** Longest cycle spelled out in full; a longer one shows its ends and its length (the message stays short). */
const SPELLED_OUT = 12;

/** `a → b → c → a`: the path from `from` to its end, back to its first service. */
function spell(path: readonly string[], from: number): string {
  const length = path.length - from;
  if (length <= SPELLED_OUT) return [...path.slice(from), path[from]].join(' → ');
  const head = path.slice(from, from + 5);
  const tail = path.slice(path.length - 5);
  return `${[...head, '…', ...tail, path[from]].join(' → ')} (${length} services)`;
}

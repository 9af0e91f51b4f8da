import { defineComposeRule } from '../../core/rule';
import { composeIndex, type DependsOnEdge } from '../../compose/index';

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
    // Depth-first search; each edge closing a cycle is reported once, with the cycle spelled out.
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (name: string) => {
      state.set(name, 'open');
      stack.push(name);
      for (const edge of edges.get(name) ?? []) {
        const target = state.get(edge.to);
        if (target === 'open') {
          const cycle = [...stack.slice(stack.indexOf(edge.to)), edge.to];
          if (edge.node.range) report({ start: edge.node.range[0], end: edge.node.range[1], message: `\`depends_on\` cycle: ${cycle.join(' → ')}; Compose cannot find a start order.` });
        } else if (target === undefined) {
          visit(edge.to);
        }
      }
      stack.pop();
      state.set(name, 'done');
    };
    for (const service of file.services) if (!state.has(service.name)) visit(service.name);
  },
});

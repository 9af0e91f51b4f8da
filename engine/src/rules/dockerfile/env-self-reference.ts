import type { Property } from 'dockerfile-ast';
import { defineDockerfileRule } from '../../core/rule';
import { instructionsOf } from '../../dockerfile/model';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/env-self-reference',
    severity: 'warning',
    description: 'An `ENV` value refers to a variable set earlier in the same `ENV`.',
    rationale:
      'Docker expands the variables of an `ENV` instruction with the values from before that instruction: in `ENV BASE=/opt/app DATA=$BASE/data`, `$BASE` is whatever it was before (usually empty), so `DATA` becomes `/data`. Set the variable in an `ENV` of its own first.',
    examples: {
      incorrect: ['FROM debian:12-slim\nENV BASE=/opt/app DATA=$BASE/data\n'],
      correct: ['FROM debian:12-slim\nENV BASE=/opt/app\nENV DATA=$BASE/data\n'],
    },
    aliases: ['DL3044'],
  },
  check({ file, report }) {
    for (const { instruction } of instructionsOf(file, ['ENV'])) {
      const properties = (instruction as typeof instruction & { getProperties?: () => Property[] }).getProperties?.() ?? [];
      const earlier: string[] = [];
      for (const property of properties) {
        const value = property.getValue() ?? '';
        const used = [...value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]).find((name) => earlier.includes(name));
        const range = property.getValueRange();
        if (used && range) {
          report({ start: file.lines.offsetAt(range.start), end: file.lines.offsetAt(range.end), message: `\`$${used}\` here is its value from before this \`ENV\`, not the one set just before in the same instruction: set \`${used}\` in an \`ENV\` of its own first.` });
        }
        earlier.push(property.getName());
      }
    }
  },
});

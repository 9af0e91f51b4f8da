import { defineDockerfileRule } from '../../core/rule';

type Validate = typeof import('dockerfile-utils').validate;
let validate: Validate | undefined;

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/syntax',
    severity: 'error',
    description: 'Dockerfile syntax errors (unknown instructions, missing arguments, invalid flags), as `dockerfile-utils` reports them.',
    rationale:
      'A syntax error fails `docker build` at once, or worse, is read differently than intended (a flag taken as an argument). Seeing it in the editor saves a build round trip. Only errors are reported here; style warnings of the validator are covered by the other rules.',
    examples: {
      incorrect: ['FROM node:22-alpine\nEXPOSE port\n'],
      correct: ['FROM node:22-alpine\nEXPOSE 3000\n'],
    },
  },
  check({ file, report }) {
    // Loaded on first use: the validator is large and only Dockerfile lints need it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    validate ??= (require('dockerfile-utils') as typeof import('dockerfile-utils')).validate;
    for (const diagnostic of validate(file.text)) {
      if (diagnostic.severity !== 1) continue;
      const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
      report({ start: file.lines.offsetAt(diagnostic.range.start), end: file.lines.offsetAt(diagnostic.range.end), message });
    }
  },
});

import { defineDockerfileRule } from '../../core/rule';
import { allRuns } from '../../dockerfile/commands';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/cd-in-run',
    severity: 'info',
    description: '`cd` in `RUN` instead of `WORKDIR`.',
    rationale:
      'A `cd` lasts only for its own `RUN`; the next instruction is back in the previous directory, which makes paths in later steps easy to get wrong. `WORKDIR` changes the directory for every following instruction and documents where the build works.',
    examples: {
      incorrect: ['FROM node:22-alpine\nRUN cd /app && npm ci\n'],
      correct: ['FROM node:22-alpine\nWORKDIR /app\nRUN npm ci\n'],
    },
    aliases: ['DL3003'],
  },
  check({ file, report }) {
    for (const { script } of allRuns(file)) {
      for (const command of script.commands) {
        if (command.name !== 'cd' || !command.program) continue;
        report({ start: command.program.start, end: command.end, message: '`cd` in a `RUN` lasts only for this step: use `WORKDIR`.' });
      }
    }
  },
});

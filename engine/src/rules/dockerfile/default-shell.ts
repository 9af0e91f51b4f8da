import { defineDockerfileRule } from '../../core/rule';
import { findCommandsByName } from '../../dockerfile/commands';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/default-shell',
    severity: 'warning',
    description: '`ln` replacing `/bin/sh`.',
    rationale:
      'Linking `/bin/sh` to bash changes the shell of every script in the image, those of the distribution\'s packages included, which are written for the shell they ship with; the next base image update can break them in ways no build shows. To run the Dockerfile\'s own `RUN` steps with bash, use `SHELL ["/bin/bash", "-c"]`, which changes nothing in the image.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN ln -sf /bin/bash /bin/sh\n'],
      correct: ['FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'],
    },
    aliases: ['DL4005'],
  },
  check({ file, report }) {
    for (const { command } of findCommandsByName(file, ['ln'])) {
      const operands = command.args.filter((word) => !word.value.startsWith('-'));
      const target = operands[operands.length - 1];
      if (operands.length < 2 || !target || !/^\/(usr\/)?bin\/sh$/.test(target.value)) continue;
      report({ start: command.program!.start, end: command.end, message: `\`ln\` replaces \`${target.value}\` for every script in the image: use \`SHELL\` to change the shell of the \`RUN\` steps.` });
    }
  },
});

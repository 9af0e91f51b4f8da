import { defineDockerfileRule } from '../../core/rule';
import { allRuns } from '../../dockerfile/commands';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-sudo',
    severity: 'warning',
    description: '`sudo` in `RUN`.',
    rationale:
      '`RUN` steps already run as the current `USER`; `sudo` adds a setuid binary to the image and, if the runtime user may use it, a way back to root for anyone who gets a shell in the container. Switch with `USER root` for the steps that need it and back to the unprivileged user afterwards.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN sudo apt-get update\n'],
      correct: ['FROM debian:12-slim\nUSER root\nRUN apt-get update\n'],
    },
    aliases: ['DL3004'],
  },
  check({ file, report }) {
    for (const { script } of allRuns(file)) {
      for (const command of script.commands) {
        const sudo = command.words.find((word) => word.value === 'sudo');
        if (!command.sudo || !sudo) continue;
        report({ start: sudo.start, end: sudo.end, message: '`sudo` in a `RUN`: use `USER root` for the steps that need it instead.' });
      }
    }
  },
});

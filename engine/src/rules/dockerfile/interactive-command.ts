import { defineDockerfileRule } from '../../core/rule';
import { findCommandsByName } from '../../dockerfile/commands';

const INTERACTIVE = ['ssh', 'vim', 'vi', 'nano', 'shutdown', 'service', 'ps', 'free', 'top', 'kill', 'mount', 'ifconfig'];

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/interactive-command',
    severity: 'info',
    strict: true,
    description: 'A command that makes no sense in a build (`ssh`, `vim`, `shutdown`, `service`, `ps`, `top`, `kill`, `mount`...).',
    rationale:
      'A build step runs once, without a terminal or running services: an editor waits for input that never comes, `service x start` starts something that is gone when the step ends, and `ps`, `top` or `kill` look at processes of the build, not of the container. Such a command is usually copied from an interactive session by mistake.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN service nginx start\n'],
      correct: ['FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]\n'],
    },
    aliases: ['DL3001'],
  },
  check({ file, report }) {
    for (const { command } of findCommandsByName(file, INTERACTIVE)) {
      report({ start: command.program!.start, end: command.end, message: `\`${command.name}\` in a build step does nothing useful: it runs once, without a terminal or the container's processes.` });
    }
  },
});

import { defineDockerfileRule } from '../../core/rule';
import { instructionsOf } from '../../dockerfile/model';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/numeric-user',
    severity: 'info',
    strict: true,
    description: '`USER` by name instead of numeric UID.',
    rationale:
      'A user name is looked up in the image\'s `/etc/passwd` at run time; an orchestrator that must know the user before starting the container (Kubernetes `runAsNonRoot`, which refuses a non-numeric user it cannot verify) cannot. `USER 10001:10001` says who runs the process without a lookup.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN useradd -r -u 10001 app\nUSER app\n'],
      correct: ['FROM debian:12-slim\nRUN useradd -r -u 10001 app\nUSER 10001:10001\n'],
    },
    aliases: ['DL3066'],
  },
  check({ file, report }) {
    for (const { instruction } of instructionsOf(file, ['USER'])) {
      const args = instruction.getArguments();
      const value = args[0]?.getValue() ?? '';
      if (!value || value.includes('$') || value.split(':').every((part) => /^\d+$/.test(part))) continue;
      report({ node: args[0], message: `\`USER ${value}\` is a name: a numeric UID (and GID) can be checked without reading the image's /etc/passwd.` });
    }
  },
});

import { defineDockerfileRule } from '../../core/rule';
import { parentStage, type Stage } from '../../dockerfile/model';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/privileged-port',
    severity: 'warning',
    description: 'The final stage runs as non-root and `EXPOSE`s a port below 1024.',
    rationale:
      'Binding a port below 1024 needs root (or the `CAP_NET_BIND_SERVICE` capability): a server switched to an unprivileged user but still listening on 80 fails at start with "permission denied". Listen on a high port (8080) in the container and publish it as 80 on the host.',
    examples: {
      incorrect: ['FROM nginx:1.27\nUSER nginx\nEXPOSE 80\n'],
      correct: ['FROM nginxinc/nginx-unprivileged:1.27\nUSER nginx\nEXPOSE 8080\n'],
    },
  },
  check({ file, report }) {
    const stage = file.finalStage;
    if (!stage) return;
    let user: string | undefined;
    const chain: Stage[] = [];
    for (let current: Stage | undefined = stage, guard = 0; current && guard < 64; current = parentStage(file, current), guard++) chain.unshift(current);
    for (const current of chain) {
      for (const instruction of current.instructions) {
        if (instruction.getKeyword() === 'USER') user = (instruction.getArgumentsContent() ?? '').trim().split(':')[0];
      }
    }
    if (!user || user === 'root' || user === '0') return;
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      for (const argument of instruction.getArguments()) {
        const port = parseInt(argument.getValue(), 10);
        if (!(port > 0 && port < 1024)) continue;
        const range = argument.getRange();
        report({
          start: file.lines.offsetAt(range.start),
          end: file.lines.offsetAt(range.end),
          message: `Port ${port} is below 1024, which user \`${user}\` cannot bind without CAP_NET_BIND_SERVICE: listen on a port above 1023 and map it when publishing.`,
        });
      }
    }
  },
});

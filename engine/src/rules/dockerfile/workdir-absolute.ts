import { defineDockerfileRule } from '../../core/rule';
import { instructionsOf } from '../../dockerfile/model';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/workdir-absolute',
    severity: 'warning',
    description: 'Relative `WORKDIR`.',
    rationale:
      'A relative `WORKDIR` is resolved against the previous one, which depends on the base image: the same Dockerfile puts files in different places when the base changes, and `COPY`/`CMD` paths break in ways that are hard to see. Use an absolute path.',
    examples: {
      incorrect: ['FROM node:22-alpine\nWORKDIR app\n'],
      correct: ['FROM node:22-alpine\nWORKDIR /app\n'],
    },
    aliases: ['DL3000', 'WorkdirRelativePath'],
  },
  check({ file, report }) {
    for (const { instruction } of instructionsOf(file, ['WORKDIR'])) {
      const args = instruction.getArguments();
      if (args.length === 0) continue;
      // The text as written: dockerfile-ast's value drops a backslash before a quote (`WORKDIR 'C:\\'`).
      const written = file.text.slice(file.lines.offsetAt(args[0].getRange().start), file.lines.offsetAt(args[args.length - 1].getRange().end));
      const value = written.replace(/^(["'])(.*)\1$/s, '$2');
      if (value.startsWith('/') || value.startsWith('$') || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\')) continue;
      const range = args[args.length - 1].getRange();
      report({
        start: file.lines.offsetAt(args[0].getRange().start),
        end: file.lines.offsetAt(range.end),
        message: `\`WORKDIR ${value}\` is relative to whatever the previous working directory was: use an absolute path.`,
      });
    }
  },
});

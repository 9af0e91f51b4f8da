import { defineDockerfileRule } from '../../core/rule';
import { instructionsOf } from '../../dockerfile/model';
import { logicalLine } from '../../dockerfile/shell';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/json-args',
    severity: 'warning',
    description: '`CMD` or `ENTRYPOINT` in shell form.',
    rationale:
      'In shell form the command runs under `/bin/sh -c`, which becomes PID 1 and does not forward SIGTERM: `docker stop` waits ten seconds and then kills the process, with no graceful shutdown. The exec (JSON) form runs the process directly; where shell features are needed, `["sh", "-c", "exec ..."]` keeps them and still hands the signal to the process.',
    examples: {
      incorrect: ['FROM node:22-alpine\nCMD node server.js\n'],
      correct: ['FROM node:22-alpine\nCMD ["node", "server.js"]\n'],
    },
    aliases: ['DL3025', 'JSONArgsRecommended'],
    fixable: 'safe',
  },
  check({ file, report }) {
    for (const { instruction } of instructionsOf(file, ['CMD', 'ENTRYPOINT'])) {
      const keyword = instruction.getKeyword();
      const argsRange = instruction.getArgumentsRange();
      if (!argsRange) continue;
      const start = file.lines.offsetAt(argsRange.start);
      const end = file.lines.offsetAt(argsRange.end);
      if (file.text.slice(start, end).trimStart().startsWith('[')) continue;
      const line = logicalLine(file, start, end);
      const command = line.text.replace(/\s+/g, ' ').trim();
      if (command === '') continue;
      const exec = toExecForm(command);
      const instructionStart = file.rangeOf(instruction).start;
      const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
      // Comment lines inside the continuation go above the instruction, so the one-line form keeps them.
      const keepComments = line.comments.length ? [{ start: instructionStart, end: instructionStart, text: line.comments.map((comment) => comment + eol).join('') }] : [];
      report({
        start: instructionStart,
        end,
        message: `\`${keyword}\` in shell form runs under /bin/sh, which does not pass SIGTERM to the process; use the JSON (exec) form.`,
        fixes: [{ title: `Use the exec form: ${keyword} ${exec}`, safe: true, edits: [...keepComments, { start, end, text: exec }], preferred: true }],
      });
    }
  },
});

const SHELL_SYNTAX = /[$|&;<>*?`(){}~\\'"#!=]|\[/;
const CHAINED = /&&|\|\||;|\||&\s*$/;

/** The exec form of a shell-form command: plain words as a JSON array, otherwise through `sh -c` (with `exec` when it is a single command). */
export function toExecForm(command: string): string {
  if (!SHELL_SYNTAX.test(command)) {
    return JSON.stringify(command.split(' ')).replace(/","/g, '", "');
  }
  const script = CHAINED.test(command) || /^exec\s/.test(command) ? command : `exec ${command}`;
  return JSON.stringify(['sh', '-c', script]).replace(/","/g, '", "');
}

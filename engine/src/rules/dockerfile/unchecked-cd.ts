import { defineDockerfileRule } from '../../core/rule';
import { allRuns } from '../../dockerfile/commands';
import type { Stage } from '../../dockerfile/model';
import type { RunScript, ShellCommand } from '../../dockerfile/shell';

/** `set -e`, `set -eux`, `set -o errexit`: a failing command ends the script. */
function setsErrexit(command: ShellCommand): boolean {
  if (command.name !== 'set') return false;
  return command.args.some((word, index) => /^-[A-Za-z]*e[A-Za-z]*$/.test(word.value) || (word.value === 'errexit' && /^-[A-Za-z]*o$/.test(command.args[index - 1]?.value ?? '')));
}

/** Whether the stage's `SHELL` in force before this RUN exits on the first error (`["/bin/bash", "-e", "-c"]`). */
function shellExitsOnError(stage: Stage | undefined, script: RunScript): boolean {
  let errexit = false;
  for (const instruction of stage?.instructions ?? []) {
    if (instruction === script.instruction) break;
    if (instruction.getKeyword() === 'SHELL') errexit = /"-[A-Za-z]*e[A-Za-z]*"|"errexit"/.test(instruction.getArgumentsContent() ?? '');
  }
  return errexit;
}

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/unchecked-cd',
    severity: 'warning',
    description: '`cd dir; cmd` in `RUN`: when `cd` fails, `cmd` runs in the wrong folder (ShellCheck SC2164).',
    rationale:
      'A `RUN` is a `sh -c` script without `-e`: after `cd /src/app; make install` a missing or misspelt folder only prints an error, `make install` runs in the previous folder, and the step succeeds with whatever that did (or `rm -rf *` after a failed `cd` empties the wrong folder). Chain with `&&` so the rest runs only in the folder you meant and the build fails where the folder is missing, or use `WORKDIR`. `pushd` is read the same way. Not flagged: `cd` as the last command (its failure fails the step), `cd dir || exit 1`, and scripts that run under `set -e` or a `SHELL` with `-e`.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN cd /src/app; make install\n'],
      correct: ['FROM debian:12-slim\nRUN cd /src/app && make install\n', 'FROM debian:12-slim\nRUN set -e; cd /src/app; make install\n'],
    },
    fixable: 'unsafe',
    aliases: ['SC2164'],
  },
  check({ file, report }) {
    for (const { stage, script } of allRuns(file)) {
      if (script.exec || shellExitsOnError(stage, script)) continue;
      let errexit = false;
      script.commands.forEach((command, index) => {
        if (setsErrexit(command)) errexit = true;
        const next = script.commands[index + 1];
        if (errexit || (command.name !== 'cd' && command.name !== 'pushd') || !command.program || !next) return;
        if (command.after !== ';' && command.after !== '\n' && command.after !== '&') return;
        // `cd dir; a && b` becomes `cd dir && a && b`; with `||` after, `cd dir && a || b` would run b when cd fails.
        let chainEnd = index + 1;
        while (script.commands[chainEnd]?.after === '&&' || script.commands[chainEnd]?.after === '|') chainEnd++;
        const operator = file.text.indexOf(';', command.end);
        const fixable = command.after === ';' && script.commands[chainEnd]?.after !== '||' && operator >= 0 && operator < next.start;
        report({
          start: command.program.start,
          end: command.end,
          message: `When \`${file.text.slice(command.program.start, command.end)}\` fails, \`${next.name ?? 'the next command'}\` still runs, in the wrong folder: chain with \`&&\`.`,
          fixes: fixable
            ? [{ title: 'Run the rest only when cd succeeds (cd ... &&); the build then fails where the folder is missing', safe: false, edits: [{ start: operator, end: operator + 1, text: ' &&' }] }]
            : [],
        });
      });
    }
  },
});

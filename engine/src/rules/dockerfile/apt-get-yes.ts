import { defineDockerfileRule } from '../../core/rule';
import { aptInstalls, commandSpan } from '../../dockerfile/commands';
import { hasOption, insertAfter, type ShellCommand } from '../../dockerfile/shell';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/apt-get-yes',
    severity: 'warning',
    description: '`apt-get install` without `-y`.',
    rationale:
      'A build has no terminal to answer apt\'s "Do you want to continue?" prompt: without `-y` (or `--yes`, or quiet level 2: `-qq`, `-q -q`, `--quiet --quiet`, `-q=2`, which apt-get documents as implying `-y`) the install aborts as soon as apt wants confirmation, which happens whenever a package pulls in extra dependencies. `ONBUILD RUN` is checked like `RUN`.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n'],
      correct: ['FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n'],
    },
    aliases: ['DL3014'],
    fixable: 'safe',
  },
  check({ file, report }) {
    for (const found of aptInstalls(file)) {
      const { command } = found;
      if (hasOption(command, ['--yes', '--assume-yes'], ['y']) || quietLevel(command) >= 2) continue;
      // A simulation never prompts.
      if (hasOption(command, ['--simulate', '--dry-run', '--just-print', '--no-act', '--recon'], ['s'])) continue;
      if (command.args.some((word) => /APT::Get::Assume-Yes=(true|1|yes)/i.test(word.value))) continue;
      report({
        ...commandSpan(found),
        message: '`apt-get install` without `-y` stops at the confirmation prompt in a non-interactive build.',
        fixes: [{ title: 'Add -y', safe: true, edits: [insertAfter(found.script, found.verb, '-y')], preferred: true }],
      });
    }
  },
});

/** apt-get's quiet level: each `-q` (also inside `-qy`) and `--quiet` adds one, `-q=N`/`--quiet=N` sets it. Level 2 implies `-y`. */
function quietLevel(command: ShellCommand): number {
  let level = 0;
  for (const { value } of command.args) {
    const set = /^(?:-q|--quiet)=(\d+)$/.exec(value);
    if (set) level = Number(set[1]);
    else if (value === '--quiet') level++;
    else if (/^-[A-Za-z]+$/.test(value)) level += (value.match(/q/g) ?? []).length;
  }
  return level;
}

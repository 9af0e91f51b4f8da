import { defineDockerfileRule } from '../../core/rule';
import { aptInstalls, commandSpan } from '../../dockerfile/commands';
import { hasOption, insertAfter } from '../../dockerfile/shell';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/apt-get-yes',
    severity: 'warning',
    description: '`apt-get install` without `-y`.',
    rationale:
      'A build has no terminal to answer apt\'s "Do you want to continue?" prompt: without `-y` (or `--yes`, `-qq`) the install aborts as soon as apt wants confirmation, which happens whenever a package pulls in extra dependencies.',
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
      if (hasOption(command, ['--yes', '--assume-yes', '-qq', '--quiet=2', '-q=2'], ['y'])) continue;
      // A simulation never prompts.
      if (hasOption(command, ['--simulate', '--dry-run', '--just-print', '--no-act', '--recon'], ['s'])) continue;
      if (command.args.some((word) => /^-q{2,}$/.test(word.value) || /APT::Get::Assume-Yes=(true|1|yes)/i.test(word.value))) continue;
      report({
        ...commandSpan(found),
        message: '`apt-get install` without `-y` stops at the confirmation prompt in a non-interactive build.',
        fixes: [{ title: 'Add -y', safe: true, edits: [insertAfter(found.script, found.verb, '-y')], preferred: true }],
      });
    }
  },
});

import { defineDockerfileRule } from '../../core/rule';
import { findCommandsByName } from '../../dockerfile/commands';
import { hasOption, insertAfter } from '../../dockerfile/shell';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/wget-progress',
    severity: 'info',
    strict: true,
    description: '`wget` without `--progress`, `-q` or `-nv`.',
    rationale:
      'Without a terminal, wget prints its progress as rows of dots, one per kilobyte by default: a large download fills the build log with thousands of lines. `--progress=dot:giga` keeps it to a few, `-nv` or `-q` to none.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN wget https://example.com/tool.tar.gz\n'],
      correct: ['FROM debian:12-slim\nRUN wget --progress=dot:giga https://example.com/tool.tar.gz\n'],
    },
    aliases: ['DL3047'],
    fixable: 'safe',
  },
  check({ file, report }) {
    for (const { script, command } of findCommandsByName(file, ['wget'])) {
      if (hasOption(command, ['--progress', '--quiet', '--no-verbose', '--output-file', '--append-output', '-nv'], ['q', 'o', 'a'])) continue;
      // Combined short options ending in a value (`-qO-`, `-qO /tmp/x`).
      if (command.args.some((word) => /^-[A-Za-z]*[qoa]/.test(word.value) && !word.value.startsWith('--'))) continue;
      report({
        start: command.program!.start,
        end: command.end,
        message: '`wget` without `--progress` fills the build log with progress dots.',
        fixes: [{ title: 'Add --progress=dot:giga', safe: true, edits: [insertAfter(script, command.program!, '--progress=dot:giga')], preferred: true }],
      });
    }
  },
});

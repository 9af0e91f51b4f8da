import { defineDockerfileRule } from '../../core/rule';
import { commandSpan, findCommands } from '../../dockerfile/commands';

const VERBS = ['install', 'update', 'upgrade', 'remove', 'purge', 'autoremove', 'dist-upgrade', 'full-upgrade', 'clean'];

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/apt-not-apt-get',
    severity: 'info',
    strict: true,
    description: '`apt` in a `RUN` instead of `apt-get`.',
    rationale:
      '`apt` is the interactive front end: its output and options may change between releases ("apt does not have a stable CLI interface", it warns in every build log). `apt-get` does the same for scripts with a stable interface. The fix renames the command for the verbs both share.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n'],
      correct: ['FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n'],
    },
    aliases: ['DL3027'],
    fixable: 'safe',
  },
  check({ file, report }) {
    for (const found of findCommands(file, ['apt'], VERBS, ['-o', '-c', '-t', '--option', '--config-file', '--target-release'])) {
      const program = found.command.program!;
      // Only a bare `apt` (not `/usr/bin/apt`) is renamed in place.
      const written = file.text.slice(program.start, program.end);
      report({
        ...commandSpan(found),
        message: '`apt` is meant for people at a terminal: use `apt-get` in a Dockerfile.',
        fixes: written === 'apt' ? [{ title: 'Use apt-get', safe: true, edits: [{ start: program.start, end: program.end, text: 'apt-get' }], preferred: true }] : [],
      });
    }
  },
});

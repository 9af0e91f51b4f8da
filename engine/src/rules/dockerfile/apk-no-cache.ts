import { defineDockerfileRule } from '../../core/rule';
import { cacheMountTargets, commandSpan, findCommands } from '../../dockerfile/commands';
import { hasOption, insertAfter } from '../../dockerfile/shell';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/apk-no-cache',
    severity: 'warning',
    description: '`apk add` without `--no-cache`.',
    rationale:
      'Without `--no-cache`, apk keeps its package index in `/var/cache/apk` inside the layer: megabytes shipped with every image and stale at run time. `--no-cache` fetches the index for this command only and leaves nothing behind; a cache or tmpfs mount on `/var/cache/apk` keeps it out of the layer too. `ONBUILD RUN apk add` is checked like `RUN`. (hadolint\'s DL3018 is version pinning, not this rule.)',
    examples: {
      incorrect: ['FROM alpine:3.22\nRUN apk add curl\n'],
      correct: ['FROM alpine:3.22\nRUN apk add --no-cache curl\n'],
    },
    aliases: ['DL3019'],
    fixable: 'safe',
  },
  check({ file, report }) {
    for (const found of findCommands(file, ['apk'], ['add'], ['-X', '--repository', '-p', '--root', '-t', '--virtual'])) {
      if (hasOption(found.command, ['--no-cache'])) continue;
      if (cacheMountTargets(found.script.instruction).some((target) => target.startsWith('/var/cache/apk') || target.startsWith('/etc/apk/cache'))) continue;
      report({
        ...commandSpan(found),
        message: '`apk add` without `--no-cache` leaves the package index in the layer.',
        fixes: [{ title: 'Add --no-cache', safe: true, edits: [insertAfter(found.script, found.verb, '--no-cache')], preferred: true }],
      });
    }
  },
});

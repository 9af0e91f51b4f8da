import { defineDockerfileRule } from '../../core/rule';
import { commandSpan, findCommands } from '../../dockerfile/commands';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/zypper-dist-upgrade',
    severity: 'warning',
    description: '`zypper dist-upgrade` in a `RUN`.',
    rationale:
      '`zypper dist-upgrade` moves the image to whatever the repositories hold on the day of the build, vendor changes and removals included: the same Dockerfile builds a different distribution from one day to the next. Pick a newer base image instead, and `zypper update` (or `patch`) for fixes within it.',
    examples: {
      incorrect: ['FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade\n'],
      correct: ['FROM opensuse/leap:15.6\nRUN zypper -n patch && zypper clean\n'],
    },
    aliases: ['DL3035'],
  },
  check({ file, report }) {
    for (const found of findCommands(file, ['zypper'], ['dist-upgrade', 'dup'], ['-R', '--root', '--config', '-c'])) {
      report({ ...commandSpan(found), message: '`zypper dist-upgrade` makes the image depend on the day of the build: use a newer base image instead.' });
    }
  },
});

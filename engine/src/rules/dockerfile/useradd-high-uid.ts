import { defineDockerfileRule } from '../../core/rule';
import { findCommandsByName } from '../../dockerfile/commands';
import { hasOption, insertAfter } from '../../dockerfile/shell';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/useradd-high-uid',
    severity: 'warning',
    description: '`useradd` with a high UID and without `-l` (`--no-log-init`).',
    rationale:
      '`useradd` records every user in `/var/log/lastlog` and `/var/log/faillog`, sparse files indexed by UID: for a UID like 100000 or more the file is written out in full in the layer, tens of megabytes to gigabytes of zeros. `-l` (`--no-log-init`) skips those records, which a container never uses. `ONBUILD RUN` is checked like `RUN`.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN useradd -u 1000000 app\n'],
      correct: ['FROM debian:12-slim\nRUN useradd -l -u 1000000 app\n'],
    },
    aliases: ['DL3046'],
    fixable: 'safe',
  },
  check({ file, report }) {
    for (const found of findCommandsByName(file, ['useradd'])) {
      const { command } = found;
      if (hasOption(command, ['--no-log-init'], ['l'])) continue;
      const uid = command.args.findIndex((word) => word.value === '-u' || word.value === '--uid' || /^(-u|--uid=)\d+$/.test(word.value));
      if (uid < 0) continue;
      const word = command.args[uid];
      const value = /\d+$/.test(word.value) ? word.value.replace(/^(-u|--uid=)/, '') : command.args[uid + 1]?.value;
      if (!value || !/^\d{6,}$/.test(value)) continue;
      report({
        start: command.program!.start,
        end: command.end,
        message: `\`useradd\` with UID ${value} and without \`-l\` writes a large /var/log/lastlog into the layer: add \`-l\` (\`--no-log-init\`).`,
        fixes: [{ title: 'Add -l', safe: true, edits: [insertAfter(found.script, command.program!, '-l')], preferred: true }],
      });
    }
  },
});

import { defineDockerfileRule } from '../../core/rule';
import { allRuns } from '../../dockerfile/commands';

const SHELLS = ['sh', 'bash', 'zsh', 'ash', 'dash', 'ksh'];

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/curl-pipe-shell',
    severity: 'warning',
    description: '`curl ... | sh` or `wget -O- ... | bash`.',
    rationale:
      'Piping a download into a shell runs whatever the server returns at build time, unreviewed and unverified: a compromised or hijacked URL, or a truncated download, executes in your build. Download to a file, check its checksum (or signature), then run it; or install the tool from the distribution\'s packages.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN curl -fsSL https://example.com/install.sh | sh\n'],
      correct: ['FROM debian:12-slim\nRUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n && echo "3b1f...  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh\n'],
    },
  },
  check({ file, report }) {
    for (const { script } of allRuns(file)) {
      const commands = script.commands;
      for (let index = 0; index + 1 < commands.length; index++) {
        const download = commands[index];
        if (download.after !== '|' || (download.name !== 'curl' && download.name !== 'wget')) continue;
        let next = index + 1;
        while (commands[next].after === '|' && next + 1 < commands.length && !SHELLS.includes(commands[next].name ?? '')) next++;
        const shell = commands[next];
        if (!SHELLS.includes(shell.name ?? '')) continue;
        report({
          start: download.program?.start ?? download.start,
          end: shell.end,
          message: `A download piped into \`${shell.name}\` runs unverified code: download to a file, verify its checksum, then run it.`,
        });
      }
    }
  },
});

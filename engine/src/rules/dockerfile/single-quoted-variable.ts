import { defineDockerfileRule } from '../../core/rule';
import { allRuns } from '../../dockerfile/commands';
import { wordParts } from '../../dockerfile/quoting';
import type { ShellCommand } from '../../dockerfile/shell';

/** What ShellCheck's SC2016 looks for: `$NAME`, `${`, `$(`, `$1` or a backtick command in single quotes. */
const LOOKS_EXPANDED = /\$[{(0-9a-zA-Z_]|`[^`]+`/;
/** The whole of the first such text, for the message. */
const EXPANDED_TEXT = /\$\{[^}]*\}?|\$\(|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9]|`[^`]+`/;
/**
 * Programs that take `$` literally on purpose (ShellCheck's list: another shell's script, awk/perl/jq programs,
 * remote commands, traps), and sed, whose `$` means the last line.
 */
const LITERAL_DOLLAR = new Set(['sh', 'bash', 'ash', 'dash', 'ksh', 'zsh', 'su', 'ssh', 'eval', 'trap', 'alias', 'xprop', 'docker', 'podman', 'jq', 'yq', 'rename', 'rg', 'unset', 'dpkg-query', 'find', 'xargs', 'envsubst', 'sed', 'runuser', 'gosu', 'su-exec', 'setpriv', 'printf', 'git', 'expect']);

/** Programs that keep or run the text piped to them: the `$` in it is for them (a file, a crontab, another shell). */
const TEXT_SINKS = new Set(['tee', 'sponge', 'crontab', 'sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'envsubst', 'xargs', 'patch', 'debconf-set-selections']);

/** Whether the command writes its output to a file (`>`, `>>`) or pipes it to a sink: `$X` there is text on purpose. */
function writesFile(command: ShellCommand, next: ShellCommand | undefined): boolean {
  return command.args.some((word) => /^\d?>>?$/.test(word.value) || /^\d?>>?[^&]/.test(word.value)) || (command.after === '|' && TEXT_SINKS.has(next?.name ?? ''));
}

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/single-quoted-variable',
    severity: 'info',
    description: '`$VAR` inside single quotes in `RUN`, where the shell does not expand it (ShellCheck SC2016).',
    rationale:
      'Single quotes keep everything literal: `RUN curl -H \'Authorization: Bearer $TOKEN\' ...` sends the eight characters `$TOKEN`, not the token, and the build goes on with a request that fails later or, worse, succeeds against a default. Use double quotes when you want the value. A `$` is left alone where it is meant literally: the script of `sh -c`/`bash -c`, an `awk`, `perl`, `jq` or `sed` program, `find -exec`, `printf` formats, `git` formats, and text written to a file or piped to a program that keeps or runs it (`echo \'export PATH=$PATH:/opt/bin\' >> ~/.profile`, `| crontab -`, `| sh`).',
    examples: {
      incorrect: ["FROM alpine:3.20\nARG VERSION=1.2.3\nRUN echo 'Building version $VERSION'\n"],
      correct: ['FROM alpine:3.20\nARG VERSION=1.2.3\nRUN echo "Building version $VERSION"\n', "FROM alpine:3.20\nRUN echo 'export PATH=$PATH:/opt/bin' >> /etc/profile\n"],
    },
    fixable: 'unsafe',
    aliases: ['SC2016'],
  },
  check({ file, report }) {
    for (const { script } of allRuns(file)) {
      if (script.exec) continue;
      script.commands.forEach((command, index) => {
        const name = command.name ?? '';
        if (!command.program || LITERAL_DOLLAR.has(name) || /awk$/.test(name) || /^(perl|python|ruby|php|node)/.test(name)) return;
        if (writesFile(command, script.commands[index + 1])) return;
        for (const word of command.args) {
          for (const part of wordParts(file, word)) {
            if (part.quote !== "'" || !LOOKS_EXPANDED.test(part.content)) continue;
            // Double quotes give the same text with the variables expanded only when nothing else in it is special.
            const convertible = !/["\\`!]/.test(part.content) && !part.content.includes('$(');
            report({
              start: part.start,
              end: part.end,
              message: `\`${part.content.match(EXPANDED_TEXT)?.[0] ?? '$'}\` is inside single quotes, so the shell does not expand it: use double quotes if you meant its value.`,
              fixes: convertible
                ? [{ title: 'Use double quotes (expands the variables: verify they were meant to be expanded)', safe: false, edits: [{ start: part.start, end: part.start + 1, text: '"' }, { start: part.end - 1, end: part.end, text: '"' }] }]
                : [],
            });
          }
        }
      });
    }
  },
});

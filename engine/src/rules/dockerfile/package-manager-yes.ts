import { defineDockerfileRule } from '../../core/rule';
import { commandSpan, findCommands } from '../../dockerfile/commands';
import { hasOption, insertAfter } from '../../dockerfile/shell';

/** Verbs that change packages and so ask for confirmation, with hadolint's code for each manager. */
const MANAGERS = [
  { programs: ['yum'], code: 'DL3030', verbs: ['install', 'groupinstall', 'localinstall', 'reinstall', 'update', 'upgrade', 'remove', 'erase', 'downgrade'], yes: ['-y', '--assumeyes'] },
  { programs: ['dnf', 'microdnf'], code: 'DL3038', verbs: ['install', 'in', 'groupinstall', 'localinstall', 'reinstall', 'rei', 'update', 'upgrade', 'up', 'upgrade-minimal', 'up-min', 'remove', 'rm', 'erase', 'downgrade'], yes: ['-y', '--assumeyes'] },
  { programs: ['zypper'], code: 'DL3034', verbs: ['install', 'in', 'remove', 'rm', 'update', 'up', 'patch', 'dist-upgrade', 'dup', 'source-install', 'si'], yes: ['-y', '-n', '--no-confirm', '--non-interactive'] },
];
/** Global options that take a value (`yum --setopt x install`, `zypper --root /x in`). */
const VALUE_OPTIONS = ['-c', '--config', '--setopt', '--installroot', '--releasever', '-R', '--root', '--repo', '-x', '--exclude', '--enablerepo', '--disablerepo'];

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/package-manager-yes',
    severity: 'warning',
    description: '`yum`, `dnf`, `microdnf` or `zypper` changing packages without `-y`.',
    rationale:
      'A build has no terminal to answer the "Is this ok [y/N]" prompt: without `-y` (`--assumeyes`; for zypper `-n`/`--non-interactive` before the command, or `-y`/`--no-confirm` after it) the install or update stops at the prompt and the build fails, or it is read as "no". `apt-get` has its own rule, `dockerfile/apt-get-yes`. `ONBUILD RUN` is checked like `RUN`.',
    examples: {
      incorrect: ['FROM rockylinux:9\nRUN dnf install httpd && dnf clean all\n'],
      correct: ['FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all\n'],
    },
    aliases: ['DL3030', 'DL3034', 'DL3038'],
    fixable: 'safe',
  },
  check({ file, report }) {
    for (const manager of MANAGERS) {
      for (const found of findCommands(file, manager.programs, manager.verbs, VALUE_OPTIONS)) {
        if (hasOption(found.command, manager.yes.filter((option) => option.startsWith('--')), manager.yes.filter((option) => /^-\w$/.test(option)).map((option) => option[1]))) continue;
        if (found.command.args.some((word) => /^(--setopt=)?assumeyes=(1|true|yes)$/i.test(word.value))) continue;
        report({
          ...commandSpan(found),
          code: manager.code,
          message: `\`${found.command.name} ${found.verb.value}\` without \`-y\` stops at the confirmation prompt in a non-interactive build.`,
          fixes: [{ title: 'Add -y', safe: true, edits: [insertAfter(found.script, found.verb, '-y')], preferred: true }],
        });
      }
    }
  },
});

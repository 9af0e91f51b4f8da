import { defineDockerfileRule } from '../../core/rule';
import type { Edit } from '../../core/text';
import { cacheMountTargets, commandSpan, findCommands, shippedStages, type FoundCommand } from '../../dockerfile/commands';
import type { RunScript, ShellCommand } from '../../dockerfile/shell';

interface Manager {
  code: string;
  programs: string[];
  /** Commands that fill the cache. */
  verbs: string[];
  /** The clean-up the fix appends. */
  cleanup: string;
  /** A command that empties the cache of `program` (`yum clean all`, `rm -rf /var/cache/yum`). */
  cleans(command: ShellCommand, program: string): boolean;
  /** Folders where a cache or tmpfs mount keeps the cache out of the layer. */
  cacheFolders: RegExp;
}

const RPM_CACHE = /^\/var\/cache\/(yum|dnf|libdnf5)(\/|\/\*)?$/;
// Each has its own cache folder (dnf 4 /var/cache/dnf, dnf 5 /var/cache/libdnf5, microdnf and yum /var/cache/yum): the
// clean-up is the installing program's own, or an rm of a cache folder.
const rpmCleans = (command: ShellCommand, program: string) =>
  (command.name === program && command.args.some((word) => word.value === 'clean') && command.args.some((word) => word.value === 'all')) ||
  (command.name === 'rm' && command.args.some((word) => RPM_CACHE.test(word.value)));

const MANAGERS: Manager[] = [
  { code: 'DL3032', programs: ['yum'], verbs: ['install', 'groupinstall', 'localinstall', 'reinstall', 'update', 'upgrade', 'downgrade'], cleanup: 'yum clean all', cleans: rpmCleans, cacheFolders: /^\/var\/cache\/yum/ },
  {
    code: 'DL3040',
    programs: ['dnf', 'microdnf'],
    verbs: ['install', 'in', 'groupinstall', 'localinstall', 'reinstall', 'rei', 'update', 'upgrade', 'up', 'upgrade-minimal', 'up-min', 'downgrade'],
    cleanup: 'clean all',
    cleans: rpmCleans,
    cacheFolders: /^\/var\/cache\/(dnf|libdnf5|yum)/,
  },
  {
    code: 'DL3036',
    programs: ['zypper'],
    verbs: ['install', 'in', 'update', 'up', 'patch', 'dist-upgrade', 'dup', 'source-install', 'si'],
    cleanup: 'zypper clean',
    cleans: (command) => (command.name === 'zypper' && command.args.some((word) => ['clean', 'cc'].includes(word.value))) || (command.name === 'rm' && command.args.some((word) => /^\/var\/cache\/zypp(\/|\/\*)?$/.test(word.value))),
    cacheFolders: /^\/var\/cache\/zypp/,
  },
  { code: 'DL3060', programs: ['yarn'], verbs: ['install'], cleanup: 'yarn cache clean', cleans: (command) => command.name === 'yarn' && command.args[0]?.value === 'cache' && command.args[1]?.value === 'clean', cacheFolders: /yarn/ },
];
const VALUE_OPTIONS = ['-c', '--config', '--setopt', '--installroot', '--releasever', '-R', '--root', '--repo', '-x', '--exclude', '--enablerepo', '--disablerepo'];

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/package-cache-cleanup',
    severity: 'warning',
    description: '`yum`/`dnf`/`microdnf`/`zypper` install or `yarn install` without cleaning its cache in the same `RUN`.',
    rationale:
      'yum, dnf and zypper keep downloaded packages and repository metadata in `/var/cache`, and yarn keeps every package it fetched in its cache: tens to hundreds of megabytes in the layer that nothing uses at run time. A later `RUN` cannot take them out of the earlier layer. Clean up in the same `RUN` (`yum clean all`, `dnf clean all`, `zypper clean`, `yarn cache clean`, or `rm -rf` of the cache folder), or use a cache or tmpfs mount on it. Like `dockerfile/apt-lists-cleanup`, only stages that end up in the final image are checked, and `ONBUILD RUN`.',
    examples: {
      incorrect: ['FROM rockylinux:9\nRUN dnf install -y httpd\n'],
      correct: ['FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all\n'],
    },
    aliases: ['DL3032', 'DL3036', 'DL3040', 'DL3060'],
    fixable: 'safe',
  },
  check({ file, report }) {
    const shipped = new Set(shippedStages(file));
    for (const manager of MANAGERS) {
      const byRun = new Map<RunScript, FoundCommand[]>();
      for (const found of findCommands(file, manager.programs, manager.verbs, VALUE_OPTIONS)) {
        if (found.stage && !found.onbuild && !shipped.has(found.stage)) continue;
        byRun.set(found.script, [...(byRun.get(found.script) ?? []), found]);
      }
      for (const [script, installs] of byRun) {
        if (cacheMountTargets(script.instruction).some((target) => manager.cacheFolders.test(target))) continue;
        const last = installs[installs.length - 1];
        const lastIndex = script.commands.indexOf(last.command);
        if (script.commands.slice(lastIndex + 1).some((command) => manager.cleans(command, last.command.name ?? ''))) continue;
        const cleanup = manager.cleanup === 'clean all' ? `${last.command.name} clean all` : manager.cleanup;
        let edit: Edit | undefined;
        if (script.heredoc) edit = { start: last.command.end, end: last.command.end, text: `${file.eol}${cleanup}` };
        else if (!script.exec) edit = { start: last.command.end, end: last.command.end, text: ` && ${cleanup}` };
        report({
          ...commandSpan(last),
          code: manager.code,
          message: `The ${last.command.name} cache stays in this layer: add \`${cleanup}\` after it in the same \`RUN\`.`,
          fixes: edit ? [{ title: `Add ${cleanup}`, safe: true, edits: [edit], preferred: true }] : [],
        });
      }
    }
  },
});

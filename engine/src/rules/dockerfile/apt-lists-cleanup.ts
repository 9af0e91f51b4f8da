import { defineDockerfileRule } from '../../core/rule';
import type { Edit } from '../../core/text';
import { allRuns, aptInstalls, cacheMountTargets, commandSpan, findCommands, shippedStages, type FoundCommand } from '../../dockerfile/commands';
import type { DockerfileFile } from '../../dockerfile/model';
import type { RunScript } from '../../dockerfile/shell';

const CLEANUP = 'rm -rf /var/lib/apt/lists/*';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/apt-lists-cleanup',
    severity: 'warning',
    description: '`apt-get install` without removing `/var/lib/apt/lists/*` in the same `RUN`.',
    rationale:
      'The package lists fetched by `apt-get update` take tens of megabytes and are useless at run time. A later `RUN rm` does not help: the lists stay in the earlier layer. Remove them in the same `RUN` as the install (only stages that end up in the final image are checked, and `ONBUILD RUN`, which runs in the image built on this one); `aptitude install` fills the same lists. A cache or tmpfs mount on `/var/lib/apt` keeps them out of the layer; where `/etc/apt/apt.conf.d/docker-clean` was removed (to keep downloads for a cache mount), `/var/cache/apt` must be mounted too, or the downloaded packages stay in the layer.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n'],
      correct: ['FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n'],
    },
    aliases: ['DL3009'],
    fixable: 'safe',
  },
  check({ file, report }) {
    const shipped = new Set(shippedStages(file));
    const byRun = new Map<RunScript, FoundCommand[]>();
    const aptitude = findCommands(file, ['aptitude'], ['install'], ['-o', '-t', '--target-release']);
    for (const found of [...aptInstalls(file), ...aptitude].sort((a, b) => a.command.start - b.command.start)) {
      // `ONBUILD RUN` runs in the image built FROM this one, and a RUN before any FROM has no stage to judge by.
      if (found.stage && !found.onbuild && !shipped.has(found.stage)) continue;
      byRun.set(found.script, [...(byRun.get(found.script) ?? []), found]);
    }
    for (const [script, installs] of byRun) {
      const mounts = cacheMountTargets(script.instruction).map((target) => target.replace(/\/$/, ''));
      if (mounts.some((target) => target.startsWith('/var/lib/apt'))) {
        // Debian's docker-clean removed: apt keeps the downloaded .deb files in /var/cache/apt, in the layer unless mounted.
        if (!keepsArchives(file, script) || mounts.some((target) => target.startsWith('/var/cache/apt'))) continue;
        report({
          ...commandSpan(installs[installs.length - 1]),
          message: 'With `/etc/apt/apt.conf.d/docker-clean` removed, the downloaded packages stay in `/var/cache/apt` in this layer: mount it as a cache too.',
        });
        continue;
      }
      const cleaned = script.commands.some((command) => command.name === 'rm' && command.args.some((word) => removesLists(word.value)));
      if (cleaned) continue;
      const last = installs[installs.length - 1];
      let edit: Edit | undefined;
      if (script.heredoc) edit = { start: last.command.end, end: last.command.end, text: `${file.eol}${CLEANUP}` };
      else if (!script.exec) edit = { start: last.command.end, end: last.command.end, text: ` && ${CLEANUP}` };
      report({
        ...commandSpan(last),
        message: 'The apt package lists stay in this layer: add `rm -rf /var/lib/apt/lists/*` to the same `RUN`.',
        fixes: edit ? [{ title: 'Remove the apt lists in the same RUN', safe: true, edits: [edit], preferred: true }] : [],
      });
    }
  },
});

const LISTS = '/var/lib/apt/lists';

/** Whether this RUN or one before it removes `/etc/apt/apt.conf.d/docker-clean` (which makes apt keep its archives). */
function keepsArchives(file: DockerfileFile, script: RunScript): boolean {
  return allRuns(file).some(({ script: run }) => run.start <= script.start && run.commands.some((command) => command.name === 'rm' && command.args.some((word) => word.value.endsWith('/etc/apt/apt.conf.d/docker-clean'))));
}

/**
 * True when `rm` of this path removes the lists: the folder itself, everything in it, or a parent of it
 * (`/var/lib/apt`, `/var/lib/apt/*`, `/var/lib/*`). A `*` counts only as a whole last segment.
 */
function removesLists(argument: string): boolean {
  if (!argument.startsWith('/')) return false;
  const folder = argument.replace(/\/+$/, '').replace(/\/\*$/, '').replace(/\/+$/, '').replace(/\/{2,}/g, '/');
  if (folder.includes('*') || folder.includes('..') || folder === '') return false;
  return folder === LISTS || LISTS.startsWith(`${folder}/`);
}

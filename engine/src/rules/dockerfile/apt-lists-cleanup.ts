import { defineDockerfileRule } from '../../core/rule';
import type { Edit } from '../../core/text';
import { aptInstalls, cacheMountTargets, commandSpan, findCommands, shippedStages, type FoundCommand } from '../../dockerfile/commands';
import type { RunScript } from '../../dockerfile/shell';

const CLEANUP = 'rm -rf /var/lib/apt/lists/*';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/apt-lists-cleanup',
    severity: 'warning',
    description: '`apt-get install` without removing `/var/lib/apt/lists/*` in the same `RUN`.',
    rationale:
      'The package lists fetched by `apt-get update` take tens of megabytes and are useless at run time. A later `RUN rm` does not help: the lists stay in the earlier layer. Remove them in the same `RUN` as the install (only stages that end up in the final image are checked, and `ONBUILD RUN`, which runs in the image built on this one); `aptitude install` fills the same lists. A cache or tmpfs mount on `/var/lib/apt` keeps them out of the layer.',
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
      if (cacheMountTargets(script.instruction).some((target) => target.replace(/\/$/, '').startsWith('/var/lib/apt'))) continue;
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

import { defineDockerfileRule } from '../../core/rule';
import type { Edit } from '../../core/text';
import { aptCommands, aptInstalls } from '../../dockerfile/commands';
import { readRun } from '../../dockerfile/shell';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/apt-update-alone',
    severity: 'warning',
    description: '`apt-get update` in a `RUN` without an `apt-get install`.',
    rationale:
      'Docker caches each `RUN` layer: a lone `RUN apt-get update` is reused from cache on later builds while the install below it is rebuilt, so the install works from stale package lists (missing versions, old security fixes). Run update and install in the same `RUN`.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n'],
      correct: ['FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n'],
    },
    fixable: 'safe',
  },
  check({ file, report }) {
    const installs = aptInstalls(file);
    for (const update of aptCommands(file, ['update'])) {
      if (installs.some((install) => install.script === update.script)) continue;
      const { stage, script } = update;
      const fixes = [];
      const onlyUpdate = !script.exec && script.commands.every((command) => command === update.command || command.name === 'set');
      // An ONBUILD RUN runs in another build: merging it into a RUN of this one would change when it runs.
      if (stage && onlyUpdate && !update.onbuild) {
        const after = stage.instructions.slice(stage.instructions.indexOf(script.instruction) + 1);
        const target = after.find((instruction) => instruction.getKeyword() === 'RUN' && installs.some((install) => install.script.instruction === instruction));
        const between = target ? after.slice(0, after.indexOf(target)) : [];
        // Only merge across instructions that do not change what apt sees (no other RUN, FROM or USER in between).
        if (target && !readRun(file, target).exec && !readRun(file, target).heredoc && between.every((i) => !['RUN', 'USER'].includes(i.getKeyword()))) {
          const first = readRun(file, target).commands[0];
          const line = file.lines.positionAt(script.start).line;
          const nextLine = file.lines.positionAt(script.end).line + 1;
          const edits: Edit[] = [{ start: file.lines.lineStart(line), end: nextLine < file.lines.lineCount ? file.lines.lineStart(nextLine) : file.text.length, text: '' }];
          const hasUpdate = readRun(file, target).commands.some((command) => aptCommands(file, ['update']).some((u) => u.command === command));
          if (!hasUpdate) edits.push({ start: first.start, end: first.start, text: `${file.text.slice(update.command.start, update.command.end)} && ` });
          fixes.push({ title: 'Merge apt-get update into the next install', safe: true, edits, preferred: true });
        }
      }
      report({
        start: update.command.program?.start ?? update.command.start,
        end: update.verb.end,
        message: '`apt-get update` alone in a `RUN` is cached separately from the install and goes stale: run it in the same `RUN` as `apt-get install`.',
        fixes,
      });
    }
  },
});

import { defineDockerfileRule } from '../../core/rule';
import { findCommands } from '../../dockerfile/commands';
import { removeWord } from '../../dockerfile/shell';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/poetry-no-dev',
    severity: 'warning',
    description: '`poetry install --no-dev`, which Poetry 2 removed.',
    rationale:
      'Poetry 1.2 deprecated `--no-dev` and Poetry 2 removed it: `pip install poetry` now installs Poetry 2 and the build fails with "The option --no-dev does not exist". `--only=main` installs the same set (the main dependency group) on every Poetry since 1.2.',
    examples: {
      incorrect: ['FROM python:3.13-slim\nRUN pip install --no-cache-dir poetry\nRUN poetry install --no-dev --no-root\n'],
      correct: ['FROM python:3.13-slim\nRUN pip install --no-cache-dir poetry\nRUN poetry install --only=main --no-root\n'],
    },
    fixable: 'safe',
  },
  check({ file, report }) {
    for (const found of findCommands(file, ['poetry'], ['install', 'export', 'show'])) {
      const noDev = found.rest.find((word) => word.value === '--no-dev');
      if (!noDev) continue;
      const hasOnlyMain = found.rest.some((word, index) => word.value === '--only=main' || (word.value === '--only' && found.rest[index + 1]?.value === 'main'));
      const edit = hasOnlyMain
        ? removeWord(file, found.script, noDev)
        : { start: noDev.start, end: noDev.end, text: found.script.exec ? '"--only=main"' : '--only=main' };
      report({
        start: noDev.start,
        end: noDev.end,
        message: '`--no-dev` was removed in Poetry 2 (the build fails with a current Poetry): use `--only=main`.',
        fixes: [{ title: hasOnlyMain ? 'Remove --no-dev (--only=main is already there)' : 'Replace --no-dev with --only=main', safe: true, edits: [edit], preferred: true }],
      });
    }
  },
});

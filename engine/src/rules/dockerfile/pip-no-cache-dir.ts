import { defineDockerfileRule } from '../../core/rule';
import { cacheMountTargets, commandSpan, pipInstalls } from '../../dockerfile/commands';
import type { DockerfileFile, Stage } from '../../dockerfile/model';
import { insertAfter } from '../../dockerfile/shell';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/pip-no-cache-dir',
    severity: 'warning',
    description: '`pip install` without `--no-cache-dir`.',
    rationale:
      'pip keeps every downloaded wheel in `~/.cache/pip`; in an image that cache is never used again but ships in the layer, often adding hundreds of megabytes for scientific packages. `--no-cache-dir` (or `ENV PIP_NO_CACHE_DIR=1`, or a cache mount) keeps it out of the image.',
    examples: {
      incorrect: ['FROM python:3.13-slim\nRUN pip install flask\n'],
      correct: ['FROM python:3.13-slim\nRUN pip install --no-cache-dir flask\n'],
    },
    aliases: ['DL3042'],
    fixable: 'safe',
  },
  check({ file, report }) {
    for (const found of pipInstalls(file)) {
      const words = found.command.args.map((word) => word.value);
      if (words.includes('--no-cache-dir') || words.some((word) => /^--no-cache-dir=/.test(word))) continue;
      if (found.command.assignments.some((word) => /^PIP_NO_CACHE_DIR=/.test(word.value))) continue;
      if (found.stage && disablesCache(file, found.stage)) continue;
      if (cacheMountTargets(found.script.instruction).some((target) => /(^|\/)\.cache(\/pip)?\/?$|\/pip/.test(target))) continue;
      report({
        ...commandSpan(found),
        message: '`pip install` without `--no-cache-dir` ships pip\'s download cache in the layer.',
        fixes: [{ title: 'Add --no-cache-dir', safe: true, edits: [insertAfter(found.script, found.verb, '--no-cache-dir')], preferred: true }],
      });
    }
  },
});

/** `ENV PIP_NO_CACHE_DIR=...` (any value but off/false/0 disables the cache) in the stage or its ARGs. */
function disablesCache(file: DockerfileFile, stage: Stage): boolean {
  return [...file.preamble, ...stage.instructions].some((instruction) => {
    const keyword = instruction.getKeyword();
    if (keyword !== 'ENV' && keyword !== 'ARG') return false;
    return /(^|\s)PIP_NO_CACHE_DIR[= ]\s*["']?(?!off|false|0)/i.test(instruction.getArgumentsContent() ?? '');
  });
}

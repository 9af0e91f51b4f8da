import { defineDockerfileRule } from '../../core/rule';
import { cacheMountTargets, commandSpan, pipInstalls } from '../../dockerfile/commands';
import type { Instruction, Property } from 'dockerfile-ast';
import { parentStage, type DockerfileFile, type Stage } from '../../dockerfile/model';
import { insertAfter, type ShellCommand } from '../../dockerfile/shell';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/pip-no-cache-dir',
    severity: 'warning',
    description: '`pip install` without `--no-cache-dir`.',
    rationale:
      'pip keeps every downloaded wheel in `~/.cache/pip`; in an image that cache is never used again but ships in the layer, often adding hundreds of megabytes for scientific packages. `--no-cache-dir` (or `PIP_NO_CACHE_DIR` set in an `ENV` of the stage or of a stage it builds on, exported or set in front of the command in the `RUN`, or a cache or tmpfs mount on the cache folder) keeps it out of the image. pip disables its cache for any boolean value of `PIP_NO_CACHE_DIR`, `0`, `off`, `false` and `no` included (its `_handle_no_cache_dir` ignores the value for backwards compatibility): hadolint\'s DL3042 flags those, wrongly. `ONBUILD RUN pip install` is checked like `RUN`.',
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
      if (found.command.assignments.some((word) => setsNoCacheDir(word.value))) continue;
      if (exportedBefore(found.script.commands, found.command)) continue;
      if (disablesCache(file, found.stage, found.script.instruction)) continue;
      if (cacheMountTargets(found.script.instruction).some((target) => /(^|\/)\.cache(\/pip)?\/?$|\/pip/.test(target))) continue;
      report({
        ...commandSpan(found),
        message: '`pip install` without `--no-cache-dir` ships pip\'s download cache in the layer.',
        fixes: [{ title: 'Add --no-cache-dir', safe: true, edits: [insertAfter(found.script, found.verb, '--no-cache-dir')], preferred: true }],
      });
    }
  },
});

/**
 * `PIP_NO_CACHE_DIR=<value>` that pip accepts: any value its `strtobool` reads, true or false, disables the cache (pip's
 * `_handle_no_cache_dir` ignores the value for backwards compatibility); another value makes pip stop with an error.
 */
function setsNoCacheDir(assignment: string): boolean {
  const match = /^PIP_NO_CACHE_DIR=(.*)$/s.exec(assignment.trim());
  return !!match && /^(y|yes|t|true|on|1|n|no|f|false|off|0)$/i.test(match[1].trim().replace(/^(["'])(.*)\1$/, '$2'));
}

/** `export PIP_NO_CACHE_DIR=1 && pip install` (or a bare `PIP_NO_CACHE_DIR=1;`) earlier in the same RUN. */
function exportedBefore(commands: readonly ShellCommand[], pip: ShellCommand): boolean {
  for (const command of commands) {
    if (command === pip) return false;
    if (command.name === 'export' && command.args.some((word) => setsNoCacheDir(word.value))) return true;
    if (!command.program && command.assignments.some((word) => setsNoCacheDir(word.value))) return true;
  }
  return false;
}

/**
 * `ENV`/`ARG PIP_NO_CACHE_DIR=...` before the RUN in its stage, anywhere in the stages it builds on (`FROM base`
 * inherits their environment), or before the first FROM (a snippet).
 */
function disablesCache(file: DockerfileFile, stage: Stage | undefined, run: Instruction): boolean {
  const line = run.getRange().start.line;
  let instructions: Instruction[] = file.preamble;
  if (stage) {
    for (let parent = parentStage(file, stage), guard = 0; parent && guard < 64; parent = parentStage(file, parent), guard++) instructions = instructions.concat(parent.instructions);
    instructions = instructions.concat(stage.instructions.filter((instruction) => instruction.getRange().start.line < line));
  }
  return instructions.some((instruction) => {
    const keyword = instruction.getKeyword();
    if (keyword !== 'ENV' && keyword !== 'ARG') return false;
    const properties = (instruction as Instruction & { getProperties?: () => Property[] }).getProperties?.() ?? [];
    return properties.some((property) => property.getName() === 'PIP_NO_CACHE_DIR' && setsNoCacheDir(`PIP_NO_CACHE_DIR=${property.getValue() ?? ''}`));
  });
}

import type { Instruction } from 'dockerfile-ast';
import { defineDockerfileRule } from '../../core/rule';
import { instructionsOf, parentStage, type DockerfileFile, type Stage } from '../../dockerfile/model';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/copy-relative-destination',
    severity: 'warning',
    description: '`COPY`/`ADD` to a relative destination in a stage with no `WORKDIR`.',
    rationale:
      'A relative destination is resolved against the working directory, which, with no `WORKDIR` in the stage or the stages it builds on, is whatever the base image set: `/` for most, `/app` or `/usr/src/app` for others, and it changes when the base image does. Files then land where the `CMD` does not look. Set `WORKDIR` first, or copy to an absolute path.',
    examples: {
      incorrect: ['FROM node:22-alpine\nCOPY package.json ./\n'],
      correct: ['FROM node:22-alpine\nWORKDIR /app\nCOPY package.json ./\n'],
    },
    aliases: ['DL3045'],
  },
  check({ file, report }) {
    for (const { stage, instruction } of instructionsOf(file, ['COPY', 'ADD'])) {
      const destination = destinationOf(file, instruction);
      if (!destination || isAbsolute(destination.value)) continue;
      if (hasWorkdirBefore(file, stage, instruction)) continue;
      report({
        start: destination.start,
        end: destination.end,
        message: `\`${instruction.getKeyword()}\` to the relative \`${destination.value}\` with no \`WORKDIR\` set: it lands in the base image's working directory. Set \`WORKDIR\` first or use an absolute path.`,
      });
    }
  },
});

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('$') || path.startsWith('\\') || /^[A-Za-z]:([\\/]|$)/.test(path);
}

/** The destination argument, unquoted, with the offsets of the argument as written (shell and JSON forms). */
function destinationOf(file: DockerfileFile, instruction: Instruction): { value: string; start: number; end: number } | undefined {
  const args = instruction.getArguments();
  if (args.length < 2) return undefined;
  const last = args[args.length - 1];
  const content = (instruction.getArgumentsContent() ?? '').trim();
  const range = last.getRange();
  const start = file.lines.offsetAt(range.start);
  const end = file.lines.offsetAt(range.end);
  // As written: the parsed value drops the backslashes of a Windows path (`c:\\app`).
  let value = file.text.slice(start, end).replace(/^(["'])(.*)\1$/s, '$2');
  if (content.startsWith('[')) {
    try {
      const values = JSON.parse(content) as unknown[];
      value = String(values[values.length - 1] ?? '');
    } catch {
      return undefined;
    }
  }
  return { value, start, end };
}

/** A WORKDIR before the instruction in its stage, or anywhere in the stages it builds on. */
function hasWorkdirBefore(file: DockerfileFile, stage: Stage | undefined, instruction: Instruction): boolean {
  const line = instruction.getRange().start.line;
  const before = [...(stage?.instructions ?? file.preamble)].filter((other) => other.getRange().start.line < line);
  if (before.some((other) => other.getKeyword() === 'WORKDIR')) return true;
  for (let parent = stage && parentStage(file, stage), guard = 0; parent && guard < 64; parent = parentStage(file, parent), guard++) {
    if (parent.instructions.some((other) => other.getKeyword() === 'WORKDIR')) return true;
  }
  return false;
}

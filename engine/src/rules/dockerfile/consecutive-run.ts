import { defineDockerfileRule } from '../../core/rule';
import { readRun } from '../../dockerfile/shell';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/consecutive-run',
    severity: 'info',
    strict: true,
    description: 'Consecutive `RUN` instructions that could be one.',
    rationale:
      'Each `RUN` is a layer: files a later `RUN` deletes stay in the earlier layer, and every layer costs a little at pull time. Consecutive `RUN` steps of one command each, with the same mounts, can be chained with `&&` into one. Splitting them is sometimes the better trade (cache reuse of a slow step), which is why this rule is only in the strict profile.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN mkdir -p /app\nRUN useradd -r app\n'],
      correct: ['FROM debian:12-slim\nRUN mkdir -p /app && useradd -r app\n'],
    },
    aliases: ['DL3059'],
  },
  check({ file, report }) {
    const groups = [file.preamble, ...file.stages.map((stage) => stage.instructions)];
    for (const instructions of groups) {
      for (let index = 1; index < instructions.length; index++) {
        const previous = instructions[index - 1];
        const current = instructions[index];
        if (previous.getKeyword() !== 'RUN' || current.getKeyword() !== 'RUN') continue;
        const flags = (instruction: typeof current) => ((instruction as typeof current & { getFlags?: () => { getName(): string; getValue(): string | null }[] }).getFlags?.() ?? []).map((flag) => `${flag.getName()}=${flag.getValue()}`).sort().join(' ');
        if (flags(previous) !== flags(current)) continue;
        // A RUN that already chains several commands was split from its neighbour on purpose (hadolint's reading too).
        if (readRun(file, previous).commands.length > 1 || readRun(file, current).commands.length > 1) continue;
        report({ node: current, message: 'This `RUN` follows another one: chain them with `&&` into one layer.' });
      }
    }
  },
});

import { defineDockerfileRule } from '../../core/rule';

/** The instructions only the last of which counts, with hadolint's code for each. */
const SINGLE: Record<string, string> = { CMD: 'DL4003', ENTRYPOINT: 'DL4004', HEALTHCHECK: 'DL3012' };

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/multiple-cmd',
    severity: 'warning',
    description: 'More than one `CMD`, `ENTRYPOINT` or `HEALTHCHECK` in a stage.',
    rationale:
      'Only the last `CMD`, `ENTRYPOINT` and `HEALTHCHECK` of a stage take effect; earlier ones are silently ignored. Usually that is a mistake (two commands meant to run together, or a leftover), and readers of the file are misled about what the container does.',
    examples: {
      incorrect: ['FROM node:22-alpine\nCMD ["node", "worker.js"]\nCMD ["node", "server.js"]\n'],
      correct: ['FROM node:22-alpine\nCMD ["node", "server.js"]\n'],
    },
    aliases: ['DL4003', 'DL4004', 'DL3012', 'MultipleInstructionsDisallowed'],
  },
  check({ file, report }) {
    for (const stage of file.stages) {
      for (const [keyword, code] of Object.entries(SINGLE)) {
        const found = stage.instructions.filter((instruction) => instruction.getKeyword() === keyword);
        for (const instruction of found.slice(0, -1)) {
          const range = file.rangeOf(instruction);
          const last = found[found.length - 1].getRange().start.line + 1;
          report({ start: range.start, end: range.end, code, message: `Only the last \`${keyword}\` of a stage takes effect: this one is overridden by line ${last}.` });
        }
      }
    }
  },
});

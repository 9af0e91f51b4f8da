import { defineDockerfileRule } from '../../core/rule';

const RESERVED = ['scratch', 'context'];

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/stage-name-reserved',
    severity: 'error',
    description: 'A stage named `scratch` or `context`.',
    rationale:
      '`scratch` is the empty image and BuildKit refuses it as a stage name; `context` is the name `COPY --from=context` and named build contexts use for the build context, so a stage of that name makes every such reference ambiguous. Pick another name.',
    examples: {
      incorrect: ['FROM golang:1.25 AS scratch\nRUN go build -o /app .\n'],
      correct: ['FROM golang:1.25 AS build\nRUN go build -o /app .\n'],
    },
    aliases: ['DL3063'],
  },
  check({ file, report }) {
    for (const stage of file.stages) {
      if (!stage.name || !RESERVED.includes(stage.name)) continue;
      const range = stage.from.getBuildStageRange();
      if (!range) continue;
      report({ start: file.lines.offsetAt(range.start), end: file.lines.offsetAt(range.end), message: `\`${stage.name}\` is a reserved name and cannot name a stage.` });
    }
  },
});

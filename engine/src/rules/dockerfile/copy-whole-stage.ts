import type { Flag } from 'dockerfile-ast';
import { defineDockerfileRule } from '../../core/rule';
import { instructionsOf } from '../../dockerfile/model';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/copy-whole-stage',
    severity: 'warning',
    description: '`COPY --from=<stage> / /`: a whole file system copied from another stage.',
    rationale:
      'Copying `/` of another stage over `/` takes everything with it: the package manager\'s caches, the build tools and the build stage\'s users and configuration, overwriting the target\'s own `/etc`. That undoes what a multi-stage build is for (a small image with only the artefacts) and can break the target image. Copy the folders that hold the artefacts.',
    examples: {
      incorrect: ['FROM golang:1.25 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build / /\n'],
      correct: ['FROM golang:1.25 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\n'],
    },
    aliases: ['DL3067'],
  },
  check({ file, report }) {
    for (const { instruction } of instructionsOf(file, ['COPY'])) {
      const flags = (instruction as typeof instruction & { getFlags?: () => Flag[] }).getFlags?.() ?? [];
      if (!flags.some((flag) => flag.getName() === 'from')) continue;
      const args = instruction.getArguments().map((argument) => argument.getValue().replace(/^(["'])(.*)\1$/s, '$2'));
      if (args.length !== 2 || args[0] !== '/' || args[1] !== '/') continue;
      report({ node: instruction, message: 'This copies the whole file system of the other stage over this one: copy only the folders with the artefacts.' });
    }
  },
});

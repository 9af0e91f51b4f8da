import { defineDockerfileRule } from '../../core/rule';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/maintainer',
    severity: 'info',
    description: '`MAINTAINER`, deprecated since Docker 1.13.',
    rationale:
      '`MAINTAINER` is deprecated: tools read the author from the OCI label `org.opencontainers.image.authors` instead, which `docker inspect`, registries and SBOM tools show. The label carries the same text.',
    examples: {
      incorrect: ['FROM alpine:3.22\nMAINTAINER Jane Doe <jane@example.com>\n'],
      correct: ['FROM alpine:3.22\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n'],
    },
    aliases: ['DL4000', 'MaintainerDeprecated'],
    fixable: 'safe',
    tags: ['deprecated'],
  },
  check({ file, report }) {
    for (const instruction of file.ast.getInstructions()) {
      if (instruction.getKeyword() !== 'MAINTAINER') continue;
      const range = file.rangeOf(instruction);
      const author = (instruction.getArgumentsContent() ?? '').replace(/\s+/g, ' ').trim();
      const keyword = instruction.getInstruction();
      const label = keyword === keyword.toLowerCase() ? 'label' : 'LABEL';
      report({
        start: range.start,
        end: range.end,
        message: '`MAINTAINER` is deprecated: use `LABEL org.opencontainers.image.authors=...`.',
        fixes: author
          ? [{ title: 'Replace with LABEL org.opencontainers.image.authors', safe: true, edits: [{ start: range.start, end: range.end, text: `${label} org.opencontainers.image.authors=${JSON.stringify(author.replace(/^"(.*)"$/, '$1'))}` }], preferred: true }]
          : [],
      });
    }
  },
});

import { defineDockerfileRule } from '../../core/rule';
import { expandArgs, parentStage } from '../../dockerfile/model';
import { parseImageRef } from '../../knowledge/image-ref';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/image-tag',
    severity: 'warning',
    description: '`FROM` an image without a tag, or with `latest`.',
    rationale:
      'An untagged or `latest` base image changes under you: the same Dockerfile builds a different image next week, with a new major version of the distribution or runtime, and a build that worked yesterday breaks (or silently changes behaviour) in production. Pin a version tag, or a digest for full reproducibility.',
    examples: {
      incorrect: ['FROM ubuntu\nCMD ["bash"]\n', 'FROM node:latest\nCMD ["node"]\n'],
      correct: ['FROM ubuntu:24.04\nCMD ["bash"]\n', 'FROM node:22-alpine AS build\nFROM build\nCMD ["node"]\n'],
    },
    aliases: ['DL3006', 'DL3007'],
  },
  check({ file, report }) {
    for (const stage of file.stages) {
      if (parentStage(file, stage)) continue;
      const image = expandArgs(file, stage.baseImage).trim();
      if (image === '' || image.toLowerCase() === 'scratch' || image.includes('$')) continue;
      const ref = parseImageRef(image);
      if (ref.digest) continue;
      if (ref.tag !== undefined && ref.tag.toLowerCase() !== 'latest') continue;
      const range = stage.from.getImageRange();
      if (!range) continue;
      report({
        start: file.lines.offsetAt(range.start),
        end: file.lines.offsetAt(range.end),
        code: ref.tag ? 'DL3007' : 'DL3006',
        message: ref.tag
          ? `\`${image}\` uses the \`latest\` tag, which changes with every release: pin a version.`
          : `\`${image}\` has no tag, so it means \`latest\`, which changes with every release: pin a version.`,
      });
    }
  },
});

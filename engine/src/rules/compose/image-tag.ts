import { isScalar } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import { parseImageRef } from '../../knowledge/image-ref';

export default defineComposeRule({
  meta: {
    id: 'compose/image-tag',
    severity: 'warning',
    description: '`image` has no tag, or the `latest` tag, and no digest.',
    rationale:
      'An untagged image means `latest`, which moves: two hosts, or the same host a week later, run different software from the same file, and a breaking release arrives unannounced with the next pull. Pin a version tag (`redis:7.4-alpine`) or a digest.',
    examples: {
      incorrect: ['services:\n  cache:\n    image: redis\n', 'services:\n  cache:\n    image: redis:latest\n'],
      correct: ['services:\n  cache:\n    image: redis:7.4-alpine\n', 'services:\n  cache:\n    image: redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n'],
    },
  },
  check({ file, report }) {
    for (const service of file.services) {
      const found = service.getPair('image');
      if (!found || found.inherited) continue;
      const node = found.pair.value;
      if (!isScalar(node) || !node.range || typeof node.value !== 'string') continue;
      const image = node.value.trim();
      // Interpolated names are decided at run time; an image that is built here is tagged by the build.
      if (image === '' || image.includes('$') || service.build) continue;
      const ref = parseImageRef(image);
      if (ref.digest) continue;
      if (ref.tag !== undefined && ref.tag !== 'latest') continue;
      report({
        start: node.range[0],
        end: node.range[1],
        message: ref.tag === 'latest'
          ? `"${image}" uses the moving \`latest\` tag; pin a version so every deploy runs the same image.`
          : `"${image}" has no tag, so it runs whatever \`latest\` is at pull time; pin a version.`,
      });
    }
  },
});

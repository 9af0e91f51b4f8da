import { defineDockerfileRule } from '../../core/rule';
import { instructionsOf } from '../../dockerfile/model';

type Labelled = { getProperties?: () => { getName(): string; getNameRange(): { start: { line: number; character: number }; end: { line: number; character: number } } }[] };

/** What is wrong with a label key, by Docker's label key guidelines (hadolint's DL3048 checks), or undefined. */
function labelKeyProblem(key: string): string | undefined {
  if (!/^[a-z]/.test(key)) return 'must start with a lower-case letter';
  if (!/[a-z0-9]$/.test(key)) return 'must end with a lower-case letter or a digit';
  if (/[^0-9a-z._/-]/.test(key)) return 'may only contain lower-case letters, digits, `.`, `-`, `_` and `/`';
  if (/^(com\.docker\.|io\.docker\.|org\.dockerproject\.)/.test(key)) return 'uses a namespace Docker reserves for itself';
  if (key.includes('..') || key.includes('--')) return 'has two separators in a row';
  return undefined;
}

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/label-key',
    severity: 'info',
    description: 'A `LABEL` key outside Docker\'s key format (lower-case reverse-DNS, no reserved namespace).',
    rationale:
      'Tools that read image labels (registries, scanners, `docker inspect --format`, the OCI `org.opencontainers.image.*` keys) match keys exactly. Docker\'s guidelines ask for lower-case keys of letters, digits, `.`, `-`, `_` and `/` that start with a letter and end with a letter or digit, without `..` or `--`, and outside the `com.docker.*`, `io.docker.*` and `org.dockerproject.*` namespaces Docker keeps for itself. A key such as `Maintainer` or `com.docker.version` is read by nothing or collides with Docker\'s own.',
    examples: {
      incorrect: ['FROM alpine:3.20\nLABEL Maintainer="team@example.com"\n'],
      correct: ['FROM alpine:3.20\nLABEL org.opencontainers.image.authors="team@example.com"\n'],
    },
    aliases: ['DL3048'],
  },
  check({ file, report }) {
    for (const { instruction } of instructionsOf(file, ['LABEL'], { preamble: true })) {
      for (const property of (instruction as typeof instruction & Labelled).getProperties?.() ?? []) {
        const key = property.getName();
        const problem = labelKeyProblem(key);
        if (!problem) continue;
        const range = property.getNameRange();
        report({ start: file.lines.offsetAt(range.start), end: file.lines.offsetAt(range.end), message: `The label key \`${key}\` ${problem}.` });
      }
    }
  },
});

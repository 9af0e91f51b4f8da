import type { Flag } from 'dockerfile-ast';
import { defineDockerfileRule } from '../../core/rule';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/platform-flag',
    severity: 'info',
    strict: true,
    description: '`FROM --platform=` with a fixed platform, or with `$TARGETPLATFORM` (the default).',
    rationale:
      'A fixed platform (`--platform=linux/amd64`) makes the image that platform whatever the build asks for: a multi-platform build produces amd64 images labelled arm64, run under emulation or not at all. `FROM --platform=$BUILDPLATFORM` is the documented way to build on the host\'s platform (for cross-compiling) and is left alone; `--platform=$TARGETPLATFORM` says what happens anyway and can go.',
    examples: {
      incorrect: ['FROM --platform=linux/amd64 debian:12-slim\n'],
      correct: ['FROM --platform=$BUILDPLATFORM golang:1.25 AS build\nFROM debian:12-slim\n'],
    },
    aliases: ['DL3029', 'DL3065'],
  },
  check({ file, report }) {
    for (const stage of file.stages) {
      const flag = ((stage.from as typeof stage.from & { getFlags?: () => Flag[] }).getFlags?.() ?? []).find((candidate) => candidate.getName() === 'platform');
      const range = flag?.getValueRange();
      if (!flag || !range) continue;
      const value = (flag.getValue() ?? '').replace(/^(["'])(.*)\1$/s, '$2');
      const start = file.lines.offsetAt(range.start);
      const end = file.lines.offsetAt(range.end);
      if (/^\$\{?TARGETPLATFORM(:-)?\}?$/.test(value)) report({ start, end, code: 'DL3065', message: '`--platform=$TARGETPLATFORM` is what FROM does without the flag: it can go.' });
      else if (!value.includes('$')) report({ start, end, code: 'DL3029', message: `\`--platform=${value}\` fixes the platform whatever the build asks for: use \`$BUILDPLATFORM\` for build stages, or no flag.` });
    }
  },
});

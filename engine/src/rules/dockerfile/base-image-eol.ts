import { defineDockerfileRule } from '../../core/rule';
import { parentStage, expandArgs } from '../../dockerfile/model';
import { endOfLife } from '../../knowledge/eol';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/base-image-eol',
    severity: 'warning',
    description: 'A base image whose runtime or distribution is past its end of life.',
    rationale:
      'Once a runtime (Python, Node.js, Go) or a distribution (Debian, Ubuntu, Alpine) reaches end of life, no security fix is published for it: every CVE found afterwards stays open in the image, and the image tags stop being rebuilt. Move to a supported version; the message gives the date support ended. Builder stages count too, since a Go or Node.js toolchain leaves its runtime in the artefacts it builds.',
    examples: {
      incorrect: ['FROM python:3.8-slim\nCMD ["python"]\n'],
      correct: ['FROM python:3.13-slim\nCMD ["python"]\n'],
    },
  },
  check({ file, report, today }) {
    for (const stage of file.stages) {
      if (parentStage(file, stage)) continue;
      const image = expandArgs(file, stage.baseImage);
      if (image.includes('$')) continue;
      const expired = endOfLife(image, today);
      if (expired.length === 0) continue;
      const range = stage.from.getImageRange();
      const start = range ? file.lines.offsetAt(range.start) : file.rangeOf(stage.from).start;
      const end = range ? file.lines.offsetAt(range.end) : file.rangeOf(stage.from).end;
      report({
        start,
        end,
        message: `${expired.map((fact) => `${fact.label} reached end of life on ${fact.eol}`).join('; ')}: \`${image}\` gets no security fixes. Move to a supported version.`,
      });
    }
  },
});

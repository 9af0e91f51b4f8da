import type { Flag, Instruction } from 'dockerfile-ast';
import { defineDockerfileRule } from '../../core/rule';
import { editDistance } from '../../core/text';
import type { Fix } from '../../core/types';
import { instructionsOf, type Stage } from '../../dockerfile/model';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/copy-from-stage',
    severity: 'warning',
    description: '`COPY --from` naming no earlier stage, or the stage it is in.',
    rationale:
      '`COPY --from=<name>` copies from the stage of that name defined above it; a name that is no earlier stage is pulled as an image instead (`--from=buidler` pulls `docker.io/library/buidler:latest`), which fails or, worse, copies from a stranger\'s image. A stage defined further down does not count either, and a stage cannot copy from itself (BuildKit stops with a circular dependency: an error here). Image references with a tag, digest or registry (`--from=nginx:1.27`) are left alone. The fix renames a misspelt stage to the earlier stage it is closest to, when exactly one is close: unsafe, as the name may have been meant as an image.',
    examples: {
      incorrect: ['FROM golang:1.25 AS builder\nRUN go build -o /app .\nFROM debian:12-slim\nCOPY --from=buidler /app /app\n'],
      correct: ['FROM golang:1.25 AS builder\nRUN go build -o /app .\nFROM debian:12-slim\nCOPY --from=builder /app /app\n'],
    },
    aliases: ['DL3022', 'DL3023'],
    fixable: 'unsafe',
  },
  check({ file, report }) {
    for (const { stage, instruction } of instructionsOf(file, ['COPY'])) {
      const flag = fromFlag(instruction);
      const name = flag?.getValue();
      const range = flag?.getValueRange();
      if (!flag || !name || !range || name.includes('$')) continue;
      const start = file.lines.offsetAt(range.start);
      const end = file.lines.offsetAt(range.end);
      const earlier = stage ? file.stages.slice(0, stage.index) : [];
      if (/^\d+$/.test(name)) {
        const index = Number(name);
        if (stage && index === stage.index) report({ start, end, code: 'DL3023', severity: 'error', message: `\`COPY --from=${name}\` copies from the stage it is in: BuildKit refuses the circular dependency.` });
        else if (index >= earlier.length) report({ start, end, code: 'DL3022', message: `\`COPY --from=${name}\`: there is no stage ${name} before this one (stages count from 0).` });
        continue;
      }
      const wanted = name.toLowerCase();
      if (stage?.name === wanted) {
        report({ start, end, code: 'DL3023', severity: 'error', message: `\`COPY --from=${name}\` copies from the stage it is in: BuildKit refuses the circular dependency.` });
        continue;
      }
      if (earlier.some((candidate) => candidate.name === wanted)) continue;
      // An image reference: a tag, a digest or a registry path.
      if (/[:@/]/.test(name)) continue;
      const later = file.stages.slice((stage?.index ?? -1) + 1).some((candidate) => candidate.name === wanted);
      const nearest = later ? undefined : nearestStage(earlier, wanted);
      const fixes: Fix[] = nearest ? [{ title: `Copy from stage ${nearest} (verify this stage is meant, not an image named ${name})`, safe: false, edits: [{ start, end, text: nearest }] }] : [];
      report({
        start,
        end,
        code: 'DL3022',
        message: later
          ? `\`COPY --from=${name}\` names a stage defined further down: only earlier stages count, so the image \`${name}\` would be pulled.`
          : `\`COPY --from=${name}\` names no earlier stage, so the image \`${name}\` would be pulled${nearest ? `: did you mean the stage \`${nearest}\`?` : '.'}`,
        fixes,
      });
    }
  },
});

function fromFlag(instruction: Instruction): Flag | undefined {
  const flags = (instruction as Instruction & { getFlags?: () => Flag[] }).getFlags?.() ?? [];
  return flags.find((flag) => flag.getName() === 'from');
}

/** The earlier stage whose name is closest in spelling, when exactly one is close. */
function nearestStage(earlier: Stage[], name: string): string | undefined {
  const limit = Math.max(2, Math.floor(name.length / 3));
  const scored = earlier.filter((stage) => stage.name).map((stage) => ({ name: stage.name!, distance: editDistance(name, stage.name!, limit) })).filter((s) => s.distance <= limit);
  if (scored.length === 0) return undefined;
  const best = scored.reduce((lowest, s) => Math.min(lowest, s.distance), Infinity);
  const closest = [...new Set(scored.filter((s) => s.distance === best).map((s) => s.name))];
  return closest.length === 1 ? closest[0] : undefined;
}

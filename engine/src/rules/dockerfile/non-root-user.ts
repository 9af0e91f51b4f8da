import { defineDockerfileRule } from '../../core/rule';
import { buildsBaseImage } from '../../dockerfile/commands';
import { nonRootFix, nonRootRefusal, runsAsRoot } from '../../dockerfile/user';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/non-root-user',
    severity: 'warning',
    description: 'The final stage runs as root: it has no `USER`, or the last `USER` is root.',
    rationale:
      'A process running as root inside the container is root on the host\'s kernel: a breakout, a writable bind mount or a mounted Docker socket becomes full host access. Create an unprivileged user (or use the one the image ships, such as `node` or `nonroot`) and switch to it before `CMD`.',
    examples: {
      incorrect: ['FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n'],
      correct: ['FROM python:3.12-slim\nRUN groupadd -r app && useradd -r -g app app\nCOPY app.py /app/\nUSER app\nCMD ["python", "/app/app.py"]\n'],
    },
    aliases: ['DL3002'],
    fixable: 'unsafe',
    // Images for development and test runs (Dockerfile.dev, Dockerfile.playwright, dev/app.Dockerfile) are not asked for it.
    roles: ['production', 'swarm'],
  },
  check({ file, project, report }) {
    // A base or artifact image (no CMD, used only with FROM or COPY --from): the image built on it runs, not this one.
    if (buildsBaseImage(file, project)) return;
    const stage = file.finalStage;
    if (!stage) return;
    // `USER ${RUN_AS}` is what the variable's value says; without a USER, the stage it builds on or its image may have
    // switched already (knowledge base: grafana, bitnami...).
    if (!runsAsRoot(file, stage)) return;
    const users = stage.instructions.filter((instruction) => instruction.getKeyword() === 'USER');
    const last = users[users.length - 1];
    const range = file.rangeOf(last ?? stage.from);
    const refusal = nonRootRefusal(file, stage);
    const fix = refusal ? undefined : nonRootFix(file, stage);
    report({
      start: range.start,
      end: last ? range.end : file.lines.lineEnd(file.lines.positionAt(range.start).line),
      message:
        (last ? 'The last `USER` of the final stage is root, so the container runs as root.' : 'The final stage has no `USER`, so the container runs as root.') +
        (refusal ? ` No fix: ${refusal}.` : ''),
      fixes: fix ? [{ title: fix.title, safe: false, assumptions: fix.assumptions, edits: fix.edits, preferred: true }] : [],
    });
  },
});

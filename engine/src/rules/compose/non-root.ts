import { defineComposeRule } from '../../core/rule';
import { judgedServices } from '../../compose/group';
import { inheritsAny } from '../../compose/extends';
import type { Fix } from '../../core/types';
import { hasChildStages } from '../../dockerfile/model';
import { nonRootFix, nonRootRefusal, runsAsRoot } from '../../dockerfile/user';

export default defineComposeRule({
  meta: {
    id: 'compose/non-root',
    severity: 'warning',
    description: 'A built service runs as root: its Dockerfile\'s final stage sets no non-root `USER` and compose sets no `user:`.',
    rationale:
      'A process running as root in the container is root on the host\'s kernel: a container escape, a writable bind mount or a mounted socket becomes full control of the host. Switch to an unprivileged user in the Dockerfile (the fix creates one, or uses the image\'s own `node`/`nonroot` user) or set `user:` in compose.',
    examples: {
      incorrect: [{ code: 'services:\n  api:\n    build: ./api\n', files: { 'api/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]\n' } }],
      correct: [
        { code: 'services:\n  api:\n    build: ./api\n', files: { 'api/Dockerfile': 'FROM python:3.12-slim\nRUN groupadd -r app && useradd -r -g app app\nCOPY . /app\nUSER app\nCMD ["python", "/app/main.py"]\n' } },
        { code: 'services:\n  api:\n    build: ./api\n    user: "1000:1000"\n', files: { 'api/Dockerfile': 'FROM python:3.12-slim\nCMD ["python"]\n' } },
      ],
    },
    fixable: 'unsafe',
    roles: ['production', 'swarm'],
  },
  check({ file, project, report }) {
    const fixed = new Set<string>();
    for (const service of judgedServices(file, project)) {
      if (!service.build || service.build.inline || service.get('user') !== undefined || inheritsAny(file, service, project, 'user')) continue;
      const dockerfile = project.dockerfileOf(service);
      const stage = dockerfile?.finalStage;
      if (!dockerfile || !stage) continue;
      // Its last USER (variables expanded), a stage it builds on or its image (knowledge base) may run as non-root.
      if (!runsAsRoot(dockerfile, stage)) continue;
      // One Dockerfile shared by several services is fixed once (the edits would otherwise be applied twice). A stage
      // that later stages build on (a `build.target` short of the last) gets no fix: they would inherit the USER.
      const refusal = nonRootRefusal(dockerfile, stage);
      const fix = refusal || fixed.has(dockerfile.path) || hasChildStages(dockerfile, stage) ? undefined : nonRootFix(dockerfile, stage);
      fixed.add(dockerfile.path);
      const fixes: Fix[] = fix
        ? [{ title: `${fix.title} in ${relative(file.path, dockerfile.path)}`, safe: false, assumptions: fix.assumptions, edits: [], otherFiles: [{ kind: 'edit', path: dockerfile.path, edits: fix.edits }] }]
        : [];
      report({
        node: service.key,
        message: `Service "${service.name}" runs as root: its Dockerfile sets no non-root USER and there is no \`user:\` here.` + (refusal ? ` No fix: ${refusal}.` : ''),
        fixes,
      });
    }
  },
});

function relative(from: string, to: string): string {
  const fromDir = from.slice(0, from.lastIndexOf('/') + 1);
  return to.startsWith(fromDir) ? to.slice(fromDir.length) : to;
}

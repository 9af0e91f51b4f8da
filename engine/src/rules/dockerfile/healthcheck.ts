import { inheritsAny } from '../../compose/extends';
import { healthState, servicePort, type PortEvidence } from '../../compose/health';
import type { ComposeService } from '../../compose/model';
import { describePath, probeRoute } from '../../compose/health-route';
import { assume } from '../../core/evidence';
import { defineDockerfileRule } from '../../core/rule';
import type { Project } from '../../core/project';
import type { Assumption, Fix } from '../../core/types';
import { buildsBaseImage } from '../../dockerfile/commands';
import { buildContextOf, composeServicesBuilding } from '../../dockerfile/compose-link';
import { stageToolEvidence } from '../../dockerfile/facts';
import { appendToStage, insertLines } from '../../dockerfile/insert';
import { parentStage, rootImage, stageNamed, type DockerfileFile, type Stage } from '../../dockerfile/model';
import { resolveImage } from '../../knowledge/kb';
import { baseName } from '../../core/file-names';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/healthcheck',
    severity: 'info',
    description: 'The final stage (or the stage compose builds, `build.target`) has no `HEALTHCHECK` and no compose service using this Dockerfile defines one. Without EXPOSE, the fix probes the port of the compose service, else the image\'s default port.',
    rationale:
      'Without a health check Docker only knows whether the process is running, not whether it answers: a hung server stays "up", `depends_on: condition: service_healthy` cannot work, and orchestrators route traffic to a container that is not ready. A `HEALTHCHECK` (or a compose `healthcheck:`) probes the service with a tool the image has.',
    examples: {
      incorrect: ['FROM nginx:1.27\nEXPOSE 80\nCMD ["nginx", "-g", "daemon off;"]\n'],
      correct: ['FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD curl -f http://127.0.0.1:80/ || exit 1\nCMD ["nginx", "-g", "daemon off;"]\n'],
    },
    aliases: ['DL3057'],
    fixable: 'safe',
    // Images for development and test runs (Dockerfile.dev, Dockerfile.playwright, dev/app.Dockerfile) are not asked for it.
    roles: ['production', 'swarm'],
  },
  check({ file, project, report, defaults }) {
    // A base or artifact image (no CMD, used only with FROM or COPY --from): the image built on it runs, not this one.
    if (buildsBaseImage(file, project)) return;
    const linked = composeServicesBuilding(file, project);
    const stage = builtStage(file, linked);
    if (!stage) return;
    for (let current: Stage | undefined = stage, guard = 0; current && guard < 64; current = parentStage(file, current), guard++) {
      if (current.instructions.some((instruction) => instruction.getKeyword() === 'HEALTHCHECK')) return;
    }
    if (rootImage(file, stage).toLowerCase() === 'scratch') return;
    if (composeDefinesHealthcheck(file, project)) return;
    const range = file.rangeOf(stage.from);
    // Without EXPOSE, the port a compose service building this Dockerfile listens on (`ports`, `expose`).
    const composePort = () => linked.map(({ service }) => servicePort(service, undefined)).find((port) => port !== undefined);
    // Several services run this image with different commands: each gets its own compose healthcheck instead.
    const different = runsDifferentCommands(linked);
    const probe = different ? undefined : healthcheckLine(file, stage, composePort, () => probeRoute(project, buildContextOf(file, project), defaults));
    const fixes: Fix[] = [];
    if (probe) {
      const target = stage.instructions.find((instruction) => ['CMD', 'ENTRYPOINT'].includes(instruction.getKeyword()));
      const text = `${probe.line}${file.eol}`;
      let edit;
      if (target) {
        // Before the CMD, above its comments.
        let line = target.getRange().start.line;
        while (line > 0 && file.lines.lineText(line - 1).trim().startsWith('#')) line--;
        edit = insertLines(file, file.lines.lineStart(line), text);
      } else {
        edit = appendToStage(file, stage, text);
      }
      if (edit) fixes.push({ title: `Add a HEALTHCHECK (${probe.describe})`, safe: true, assumptions: probe.assumptions, edits: [edit], preferred: true });
    }
    report({
      start: range.start,
      end: range.end,
      message:
        (stage === file.finalStage
          ? 'The final stage has no `HEALTHCHECK`, and no compose service building this Dockerfile defines a `healthcheck`.'
          : `The stage compose builds (\`${stage.name}\`) has no \`HEALTHCHECK\`, and no compose service building this Dockerfile defines a \`healthcheck\`.`) +
        (different ? ` The services ${different.map((name) => `"${name}"`).join(', ')} run it with different commands: give each its own healthcheck in compose.` : ''),
      fixes,
    });
  },
});

/** The stage the image is built to: the `build.target` every compose service building this Dockerfile names, else the last. */
function builtStage(file: DockerfileFile, linked: { service: ComposeService }[]): Stage | undefined {
  const targets = new Set(linked.map(({ service }) => service.build?.target?.toLowerCase()));
  const [target] = targets;
  if (linked.length === 0 || targets.size !== 1 || target === undefined) return file.finalStage;
  return stageNamed(file, target) ?? file.finalStage;
}

/** True when a compose service building this Dockerfile gives it a healthcheck (or disables it). */
function composeDefinesHealthcheck(file: DockerfileFile, project: Project): boolean {
  return composeServicesBuilding(file, project).some(
    ({ compose, service }) => (service.get('healthcheck') !== undefined || inheritsAny(compose, service, project, 'healthcheck')) && healthState(compose, service, project) !== 'none',
  );
}

/**
 * A HEALTHCHECK on the first EXPOSEd port with a tool the image has (curl, wget, the runtime; else a TCP probe with
 * nc or bash), with what it assumes. `probeRoute` is asked only when there is a port to probe (it may read the source).
 */
function healthcheckLine(
  file: DockerfileFile,
  stage: Stage,
  composePort: () => PortEvidence | undefined,
  probeRoute: () => { path: string; evidence: string | undefined },
): { line: string; describe: string; assumptions: Assumption[] } | undefined {
  let port: PortEvidence | undefined;
  const name = baseName(file.path);
  for (let current: Stage | undefined = stage, guard = 0; current && !port && guard < 64; current = parentStage(file, current), guard++) {
    for (const instruction of current.instructions) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      const value = parseInt((instruction.getArgumentsContent() ?? '').trim().split(/[\s/]+/)[0], 10);
      if (value > 0) {
        port = { port: value, evidence: `${name}: EXPOSE ${value}` };
        break;
      }
    }
  }
  if (!port) port = composePort();
  if (!port) {
    const image = rootImage(file, stage);
    const known = resolveImage(image)?.ports[0];
    if (known !== undefined) port = { port: known, evidence: `image knowledge: ${image} listens on ${known}` };
  }
  if (!port) return undefined;
  const options = '--interval=30s --timeout=10s --start-period=30s --retries=3';
  const tools = stageToolEvidence(file, stage);
  const portClaim = assume(`the container listens on port ${port.port}`, port.evidence);
  const http = (['curl', 'wget', 'python', 'node'] as const).find((tool) => tools.has(tool));
  if (http) {
    const route = probeRoute();
    const url = `http://127.0.0.1:${port.port}${route.path}`;
    const of = describePath(route.path);
    const assumptions = [
      assume(`the image has ${http}`, tools.get(http)),
      portClaim,
      assume(route.path === '/' ? '`/` answers with a 2xx status' : `\`${route.path}\` is a route of the app`, route.evidence),
    ];
    const line = {
      curl: `HEALTHCHECK ${options} CMD curl -f ${url} || exit 1`,
      wget: `HEALTHCHECK ${options} CMD wget -q --spider ${url} || exit 1`,
      python: `HEALTHCHECK ${options} CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('${url}', timeout=5)"]`,
      node: `HEALTHCHECK ${options} CMD ["node", "-e", "fetch('${url}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]`,
    }[http];
    const tool = { curl: 'curl', wget: 'wget', python: 'Python', node: 'Node.js' }[http];
    return { line, describe: `${tool}${of} on port ${port.port}`, assumptions };
  }
  if (tools.has('nc')) {
    return { line: `HEALTHCHECK ${options} CMD nc -z 127.0.0.1 ${port.port} || exit 1`, describe: `TCP probe with nc on port ${port.port}`, assumptions: [assume('the image has nc', tools.get('nc')), portClaim] };
  }
  if (tools.has('bash')) {
    return { line: `HEALTHCHECK ${options} CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${port.port}"]`, describe: `TCP probe with bash on port ${port.port}`, assumptions: [assume('the image has bash', tools.get('bash')), portClaim] };
  }
  return undefined;
}

/** Compose services that run this image with different commands (web, worker, scheduler): one HEALTHCHECK cannot fit them all. */
function runsDifferentCommands(linked: { service: ComposeService }[]): string[] | undefined {
  if (linked.length < 2) return undefined;
  const commands = new Set(linked.map(({ service }) => JSON.stringify([service.get('command')?.toJSON?.() ?? null, service.get('entrypoint')?.toJSON?.() ?? null])));
  return commands.size > 1 ? linked.map(({ service }) => service.name) : undefined;
}

import { inheritsAny } from '../../compose/extends';
import { containerPort, healthState } from '../../compose/health';
import type { ComposeService } from '../../compose/model';
import { describePath, probePath } from '../../compose/health-route';
import { defineDockerfileRule } from '../../core/rule';
import type { Project } from '../../core/project';
import { buildContextOf, composeServicesBuilding } from '../../dockerfile/compose-link';
import { stageTools } from '../../dockerfile/facts';
import { appendToStage, insertLines } from '../../dockerfile/insert';
import { parentStage, rootImage, stageNamed, type DockerfileFile, type Stage } from '../../dockerfile/model';
import { imageFacts } from '../../knowledge/images';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/healthcheck',
    severity: 'info',
    description: 'The final stage (or the stage compose builds, `build.target`) has no `HEALTHCHECK` and no compose service using this Dockerfile defines one. Without EXPOSE, the fix probes the port of the compose service, else the image\'s default port.',
    rationale:
      'Without a health check Docker only knows whether the process is running, not whether it answers: a hung server stays "up", `depends_on: condition: service_healthy` cannot work, and orchestrators route traffic to a container that is not ready. A `HEALTHCHECK` (or a compose `healthcheck:`) probes the service with a tool the image has.',
    examples: {
      incorrect: ['FROM nginx:1.27\nEXPOSE 80\nCMD ["nginx", "-g", "daemon off;"]\n'],
      correct: ['FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD curl -f http://localhost:80/ || exit 1\nCMD ["nginx", "-g", "daemon off;"]\n'],
    },
    aliases: ['DL3057'],
    fixable: 'safe',
  },
  check({ file, project, report, defaults }) {
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
    const composePort = () => linked.map(({ service }) => containerPort(service, undefined)).find((port) => port !== undefined);
    const probe = healthcheckLine(file, stage, composePort, () => probePath(project, buildContextOf(file, project), defaults));
    const fixes = [];
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
      if (edit) fixes.push({ title: `Add a HEALTHCHECK (${probe.describe})`, safe: true, edits: [edit], preferred: true });
    }
    report({
      start: range.start,
      end: range.end,
      message:
        stage === file.finalStage
          ? 'The final stage has no `HEALTHCHECK`, and no compose service building this Dockerfile defines a `healthcheck`.'
          : `The stage compose builds (\`${stage.name}\`) has no \`HEALTHCHECK\`, and no compose service building this Dockerfile defines a \`healthcheck\`.`,
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

/** A HEALTHCHECK on the first EXPOSEd port with a tool the image has (curl, wget, or the runtime). */
/** `probePath` is asked only when there is a port to probe (it may read the source). */
function healthcheckLine(file: DockerfileFile, stage: Stage, composePort: () => number | undefined, probePath: () => string): { line: string; describe: string } | undefined {
  let port: number | undefined;
  for (let current: Stage | undefined = stage, guard = 0; current && !port && guard < 64; current = parentStage(file, current), guard++) {
    for (const instruction of current.instructions) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      const value = parseInt((instruction.getArgumentsContent() ?? '').trim().split(/[\s/]+/)[0], 10);
      if (value > 0) {
        port = value;
        break;
      }
    }
  }
  port ??= composePort() ?? imageFacts(rootImage(file, stage))?.port;
  if (!port) return undefined;
  const probe = probePath();
  const url = `http://localhost:${port}${probe}`;
  const of = describePath(probe);
  const options = '--interval=30s --timeout=10s --start-period=30s --retries=3';
  const tools = stageTools(file, stage);
  if (tools.curl) return { line: `HEALTHCHECK ${options} CMD curl -f ${url} || exit 1`, describe: `curl${of} on port ${port}` };
  if (tools.wget) return { line: `HEALTHCHECK ${options} CMD wget -q --spider ${url} || exit 1`, describe: `wget${of} on port ${port}` };
  const runtime = imageFacts(rootImage(file, stage))?.runtime;
  if (runtime === 'python') {
    return { line: `HEALTHCHECK ${options} CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('${url}', timeout=5)"]`, describe: `Python${of} on port ${port}` };
  }
  if (runtime === 'node') {
    return { line: `HEALTHCHECK ${options} CMD ["node", "-e", "fetch('${url}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]`, describe: `Node.js${of} on port ${port}` };
  }
  return undefined;
}

/** Whether a service has, or can be given, a healthcheck, and which one fits it. Shared by healthcheck rules. */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Project } from '../core/project';
import type { HardenDefaults } from '../core/types';
import { assume } from '../core/evidence';
import { flow, type YamlValue } from './edit';
import type { Assumption } from '../core/types';
import { describePath, probeRoute } from './health-route';
import type { DockerfileFile } from '../dockerfile/model';
import { rootImage, stageInstructions } from '../dockerfile/model';
import { resolveImage, type ProbeRequirement } from '../knowledge/kb';
import { imageToolEvidence, stageToolEvidence } from '../dockerfile/facts';
import { environmentEntries } from './environment';
import { inheritedValue } from './extends';
import { runningDefinition } from './group';
import { parseComposeShared, scalarString, type ComposeFile, type ComposeService } from './model';
import { composeFilesIn } from '../dockerfile/compose-link';
import * as path from '../core/paths';

export interface HealthcheckPlan {
  test: string[];
  startPeriod: string;
  /** What the probe is, for the fix title ("redis-cli ping", "HTTP probe on port 8000 with curl"). */
  describe: string;
  /** What the probe rests on (its tool, port and path), each with its evidence or none. */
  assumptions: Assumption[];
}

/** `has`: defined in compose or in the image/Dockerfile; `disabled`: `disable: true`/`HEALTHCHECK NONE`; `none`. */
export type HealthState = 'has' | 'disabled' | 'none';

export function healthState(file: ComposeFile, service: ComposeService, project: Project): HealthState {
  const healthcheck = service.get('healthcheck');
  if (healthcheck !== undefined && healthcheck !== null) return composeHealthState(healthcheck);
  // A healthcheck the service inherits through `extends`.
  const inherited = inheritedValue(file, service, project, ['healthcheck']);
  if (inherited) return composeHealthState(inherited.node);
  const dockerfile = project.dockerfileOf(service);
  if (dockerfile?.finalStage) {
    const checks = stageInstructions(dockerfile.finalStage, 'HEALTHCHECK');
    if (checks.length > 0) {
      const last = checks[checks.length - 1];
      return /^\s*NONE\b/i.test(last.getArgumentsContent() ?? '') ? 'disabled' : 'has';
    }
  }
  // An image (the service's, or the Dockerfile's final base) that declares its own HEALTHCHECK.
  const image = baseImageOf(service, dockerfile);
  if (image && resolveImage(image)?.healthcheck) return 'has';
  void file;
  return 'none';
}

function composeHealthState(healthcheck: Node): HealthState {
  if (isMap(healthcheck)) {
    const disable = healthcheck.items.find((p) => isScalar(p.key) && p.key.value === 'disable');
    if (disable && isScalar(disable.value) && (disable.value.value === true || disable.value.value === 'true')) return 'disabled';
    const test = healthcheck.items.find((p) => isScalar(p.key) && p.key.value === 'test');
    const first = test && isSeq(test.value) ? scalarString(test.value.items[0] as Node) : test && isScalar(test.value) ? scalarString(test.value) : undefined;
    if (first === 'NONE') return 'disabled';
  }
  return 'has';
}

/** A port and where it is known from. */
export interface PortEvidence {
  port: number;
  evidence: string | undefined;
}

/** The container port a service listens on: `expose`, the container side of `ports`, the Dockerfile's EXPOSE, the image's default. */
export function containerPort(service: ComposeService, dockerfile: DockerfileFile | undefined): number | undefined {
  return servicePort(service, dockerfile)?.port;
}

/**
 * The port a service listens on, with its evidence: the service's own `expose` or `ports` (compose says so), the
 * Dockerfile's EXPOSE, or the image's default port from the knowledge base. A `command`/`entrypoint` of the service
 * may change what listens where: EXPOSE and the image's port are then no evidence for this service.
 */
export function servicePort(service: ComposeService, dockerfile: DockerfileFile | undefined): PortEvidence | undefined {
  const expose = service.get('expose');
  if (isSeq(expose)) {
    for (const item of expose.items) {
      const port = parseInt(scalarString(item as Node) ?? '', 10);
      if (port > 0) return { port, evidence: `compose: "${service.name}" exposes ${port}` };
    }
  }
  const ports = service.get('ports');
  if (isSeq(ports)) {
    for (const item of ports.items) {
      if (isMap(item)) {
        const target = item.items.find((p) => isScalar(p.key) && p.key.value === 'target');
        const port = parseInt(scalarString(target?.value as Node) ?? '', 10);
        if (port > 0) return { port, evidence: `compose: "${service.name}" publishes container port ${port}` };
        continue;
      }
      const spec = scalarString(item as Node);
      if (!spec || spec.includes('$')) continue;
      const containerSide = spec.split('/')[0].split(':').pop() ?? '';
      const port = parseInt(containerSide.split('-')[0], 10);
      if (port > 0) return { port, evidence: `compose: "${service.name}" publishes container port ${port}` };
    }
  }
  const ownCommand = service.get('command') !== undefined || service.get('entrypoint') !== undefined;
  if (dockerfile?.finalStage) {
    for (const expose of stageInstructions(dockerfile.finalStage, 'EXPOSE')) {
      const port = parseInt((expose.getArgumentsContent() ?? '').trim().split(/\s+/)[0], 10);
      const name = path.basename(dockerfile.path);
      if (port > 0) return { port, evidence: ownCommand ? undefined : `${name}: EXPOSE ${port}` };
    }
  }
  const image = baseImageOf(service, dockerfile);
  const known = image ? resolveImage(image) : undefined;
  const port = known?.ports[0];
  if (port === undefined) return undefined;
  return { port, evidence: ownCommand ? undefined : `image knowledge: ${image} listens on ${port}` };
}

/** The image a service runs: its Dockerfile's final base (followed through stages), or `image:`. */
export function baseImageOf(service: ComposeService, dockerfile: DockerfileFile | undefined): string | undefined {
  if (dockerfile?.finalStage) return rootImage(dockerfile, dockerfile.finalStage);
  return service.image;
}

/**
 * The image a service runs once Compose has merged its group (compose/group.ts): its own `image`/`build`, else those
 * of the last other file of the group that gives it one (an override's `db:` with only `ports:` runs the base's image).
 */
export function mergedBaseImage(file: ComposeFile, service: ComposeService, project: Project): string | undefined {
  const running = runningDefinition(file, service, project).service;
  return baseImageOf(running, project.dockerfileOf(running));
}

/** Packages installed in a stage by apt-get/apk/yum/dnf (a rough, word-level reading of RUN). */
export function installedPackages(dockerfile: DockerfileFile | undefined): Set<string> {
  const packages = new Set<string>();
  const stage = dockerfile?.finalStage;
  if (!stage) return packages;
  for (const run of stageInstructions(stage, 'RUN')) {
    const text = (run.getRawArgumentsContent() ?? '').replace(/\\\r?\n/g, ' ');
    for (const command of text.split(/&&|;|\|\|/)) {
      const match = /\b(?:apt-get|apt|apk|yum|dnf|microdnf)\s+(?:[^&;|]*\s)?(?:install|add)\s+([^&;|]*)/.exec(command);
      if (!match) continue;
      for (const word of match[1].split(/\s+/)) {
        if (word && !word.startsWith('-')) packages.add(word.replace(/[=<>].*$/, ''));
      }
    }
  }
  return packages;
}

/** The `healthcheck:` block a plan becomes in compose (every fix and the production override write this one). */
export function healthcheckBlock(plan: HealthcheckPlan): Record<string, YamlValue> {
  return { test: flow(...plan.test), interval: '30s', timeout: '10s', retries: 3, start_period: plan.startPeriod };
}

/**
 * The healthcheck that fits a service, with what it assumes: the probe's tool is in the image, the port is where the
 * service listens, the path is a route. Undefined when nothing is known to probe with (an unknown image, no tool).
 */
export function planHealthcheck(service: ComposeService, project: Project, defaults?: HardenDefaults, file?: ComposeFile): HealthcheckPlan | undefined {
  // The project already probes this image (or this build) in another compose file: that probe is the evidence.
  const sibling = file ? siblingHealthcheck(file, service, project) : undefined;
  if (sibling) return sibling;
  const dockerfile = project.dockerfileOf(service);
  const base = baseImageOf(service, dockerfile);
  const known = base ? resolveImage(base) : undefined;
  const ownCommand = service.get('command') !== undefined || service.get('entrypoint') !== undefined;
  const startPeriod = known?.probe?.startPeriod ?? '30s';
  // An image run as is: the probe its knowledge-base entry gives for this variant.
  if (!service.build && known?.probe) {
    const test = known.probe.test;
    const assumptions: Assumption[] = [assume(`${base} has \`${probeProgram(test)}\``, `image knowledge: ${base} is ${known.family} (${known.variant})`)];
    // A command may move the listener (`--port 6380`) or run something else entirely.
    if (ownCommand) assumptions.push(assume(`the command of "${service.name}" keeps ${known.family}'s default listener`, commandKeepsListener(service) ? `compose: the command of "${service.name}" sets no port` : undefined));
    // A probe that works only with a setting the image leaves off (traefik's ping, keycloak's health endpoints).
    const requires = known.probe.requires;
    if (requires) assumptions.push(assume(`"${service.name}" has ${requires.what}`, probeSettingEvidence(service, requires)));
    return { test, startPeriod, describe: test.slice(1).join(' ').replace(/\$\$/g, '$'), assumptions };
  }
  const port = servicePort(service, dockerfile);
  if (!port) return undefined;
  const tools = dockerfile?.finalStage ? stageToolEvidence(dockerfile, dockerfile.finalStage) : imageToolEvidence(base);
  const portClaim = assume(`"${service.name}" listens on port ${port.port}`, port.evidence);
  const http = (['curl', 'wget', 'python', 'node'] as const).find((tool) => tools.has(tool));
  if (http) {
    const route = probeRoute(project, service.build && !service.build.inline ? service.build.context : undefined, defaults);
    const url = `http://127.0.0.1:${port.port}${route.path}`;
    const of = describePath(route.path);
    const assumptions = [
      assume(`the image has ${TOOL_NAMES[http]}`, tools.get(http)),
      portClaim,
      // The app's route is evidence for the program the image runs; a service that shares its build with services
      // running other commands (web and worker, a dev server) may run another program that does not serve it.
      route.path === '/'
        ? assume('`/` answers with a 2xx status', route.evidence)
        : sharesBuildWithOtherCommands(service, project, file, dockerfile)
          ? assume(`\`${route.path}\` is a route of what the command of "${service.name}" runs (other services run this build with other commands)`, undefined)
          : assume(`\`${route.path}\` is a route of the app`, route.evidence),
    ];
    return { test: httpProbeTest(http, url), startPeriod, describe: `HTTP probe${of} on port ${port.port} with ${TOOL_NAMES[http]}`, assumptions };
  }
  // No HTTP client: a TCP probe that the port accepts connections.
  if (tools.has('nc')) {
    return { test: ['CMD', 'nc', '-z', '127.0.0.1', String(port.port)], startPeriod, describe: `TCP probe on port ${port.port} with nc`, assumptions: [assume('the image has nc', tools.get('nc')), portClaim] };
  }
  if (tools.has('bash')) {
    return { test: ['CMD', 'bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${port.port}`], startPeriod, describe: `TCP probe on port ${port.port} with bash`, assumptions: [assume('the image has bash', tools.get('bash')), portClaim] };
  }
  return undefined;
}

/**
 * The healthcheck another compose file of the same folder gives a service that runs the same image (or builds the
 * same Dockerfile and target): the project's own probe, which knows the route and port the app answers.
 */
/** The other compose files of a compose file's folder, parsed once per lint (asked for each service without a healthcheck). */
function siblingComposeFiles(file: ComposeFile, project: Project): ComposeFile[] {
  return project.memo(`sibling-compose:${file.path}`, () => {
    const siblings: ComposeFile[] = [];
    for (const composePath of composeFilesIn(path.dirname(file.path), project)) {
      if (path.resolve(composePath) === path.resolve(file.path)) continue;
      const text = project.read(composePath);
      if (text !== undefined) siblings.push(parseComposeShared(composePath, text));
    }
    return siblings;
  });
}

function siblingHealthcheck(file: ComposeFile, service: ComposeService, project: Project): HealthcheckPlan | undefined {
  const same = (other: ComposeService) =>
    service.build && !service.build.inline
      ? !!other.build && !other.build.inline && path.resolve(other.build.dockerfile) === path.resolve(service.build.dockerfile) && other.build.target === service.build.target
      : !!service.image && !service.image.includes('$') && other.image === service.image;
  for (const other of siblingComposeFiles(file, project)) {
    const composePath = other.path;
    for (const candidate of other.services) {
      if (!same(candidate)) continue;
      const healthcheck = candidate.get('healthcheck');
      if (!isMap(healthcheck)) continue;
      const testNode = healthcheck.get('test', true) as Node | undefined;
      const test = isSeq(testNode) ? testNode.items.map((item) => scalarString(item as Node) ?? '') : isScalar(testNode) ? ['CMD-SHELL', scalarString(testNode) ?? ''] : undefined;
      if (!test || test.length < 2 || test[0] === 'NONE' || !['CMD', 'CMD-SHELL'].includes(test[0]) || test.some((word) => word === '')) continue;
      const startPeriod = scalarString(healthcheck.get('start_period', true) as Node) ?? '30s';
      const name = path.basename(composePath);
      return {
        test,
        startPeriod,
        describe: `the probe ${name} gives "${candidate.name}"`,
        assumptions: [assume(`the probe works for "${service.name}"`, `compose: ${name} probes "${candidate.name}", which runs the same ${service.build ? 'build' : 'image'}, this way`)],
      };
    }
  }
  return undefined;
}

/** A compose healthcheck `test` that asks `url` with an HTTP client or a runtime's one-liner (fails on a non-2xx answer). */
export function httpProbeTest(tool: 'curl' | 'wget' | 'python' | 'node', url: string): string[] {
  return {
    curl: ['CMD', 'curl', '-f', url],
    wget: ['CMD', 'wget', '-q', '--spider', url],
    python: ['CMD', 'python', '-c', `import urllib.request; urllib.request.urlopen('${url}', timeout=5)`],
    node: ['CMD', 'node', '-e', `fetch('${url}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`],
  }[tool];
}

const TOOL_NAMES = { curl: 'curl', wget: 'wget', python: 'Python', node: 'Node.js' } as const;

/** The program a probe runs (`redis-cli`, `pg_isready`), for what it assumes. */
function probeProgram(test: readonly string[]): string {
  const first = test[0] === 'CMD-SHELL' ? (test[1] ?? '').trim().split(/\s+/)[0] : test[1];
  return first ?? '';
}

/** Whether other services of the file build the same Dockerfile and run it with another command or entrypoint. */
function sharesBuildWithOtherCommands(service: ComposeService, project: Project, file: ComposeFile | undefined, dockerfile: DockerfileFile | undefined): boolean {
  if (!file || !dockerfile || !service.build) return false;
  const commandOf = (of: ComposeService) => JSON.stringify([of.get('command')?.toJSON?.() ?? null, of.get('entrypoint')?.toJSON?.() ?? null]);
  const own = commandOf(service);
  return file.services.some((other) => other !== service && !!other.build && project.dockerfileOf(other)?.path === dockerfile.path && commandOf(other) !== own);
}

/** Where the service turns on the setting a knowledge-base probe needs: a word of its command or a variable of its environment. */
function probeSettingEvidence(service: ComposeService, requires: ProbeRequirement): string | undefined {
  const command = service.get('command');
  const words = isSeq(command) ? command.items.map((item) => scalarString(item as Node) ?? '') : (scalarString(command as Node) ?? '').split(/\s+/);
  const flag = requires.command ? words.find((word) => new RegExp(requires.command!).test(word)) : undefined;
  if (flag) return `compose: the command of "${service.name}" has \`${flag}\``;
  const variable = requires.environment ? environmentEntries(service).find((entry) => entry.name === requires.environment && /^(true|1|yes)$/i.test(entry.value ?? '')) : undefined;
  if (variable) return `compose: "${service.name}" sets ${variable.name}=${variable.value}`;
  return undefined;
}

/** Whether a service's command leaves the image's listener where it was: no port option in it. */
function commandKeepsListener(service: ComposeService): boolean {
  const command = service.get('command');
  const entrypoint = service.get('entrypoint');
  if (entrypoint !== undefined) return false;
  const words = isSeq(command) ? command.items.map((item) => scalarString(item as Node) ?? '') : (scalarString(command as Node) ?? '').split(/\s+/);
  return !words.some((word) => /^(-p|--port|--bind|--listen|-P)(=|$)|port/i.test(word));
}

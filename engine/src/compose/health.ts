/** Whether a service has, or can be given, a healthcheck, and which one fits it. Shared by healthcheck rules. */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Project } from '../core/project';
import type { HardenDefaults } from '../core/types';
import { describePath, probePath } from './health-route';
import type { DockerfileFile } from '../dockerfile/model';
import { rootImage, stageInstructions } from '../dockerfile/model';
import { imageFacts, toolsFor } from '../knowledge/images';
import { stageTools } from '../dockerfile/facts';
import { inheritedValue } from './extends';
import { scalarString, type ComposeFile, type ComposeService } from './model';

export interface HealthcheckPlan {
  test: string[];
  startPeriod: string;
  /** What the probe is, for the fix title ("redis-cli ping", "HTTP probe on port 8000 with curl"). */
  describe: string;
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

/** The container port a service listens on: `expose`, the container side of `ports`, the Dockerfile's EXPOSE, the image's default. */
export function containerPort(service: ComposeService, dockerfile: DockerfileFile | undefined): number | undefined {
  const expose = service.get('expose');
  if (isSeq(expose)) {
    for (const item of expose.items) {
      const port = parseInt(scalarString(item as Node) ?? '', 10);
      if (port > 0) return port;
    }
  }
  const ports = service.get('ports');
  if (isSeq(ports)) {
    for (const item of ports.items) {
      if (isMap(item)) {
        const target = item.items.find((p) => isScalar(p.key) && p.key.value === 'target');
        const port = parseInt(scalarString(target?.value as Node) ?? '', 10);
        if (port > 0) return port;
        continue;
      }
      const spec = scalarString(item as Node);
      if (!spec) continue;
      const containerSide = spec.split('/')[0].split(':').pop() ?? '';
      const port = parseInt(containerSide.split('-')[0], 10);
      if (port > 0) return port;
    }
  }
  if (dockerfile?.finalStage) {
    for (const expose of stageInstructions(dockerfile.finalStage, 'EXPOSE')) {
      const port = parseInt((expose.getArgumentsContent() ?? '').trim().split(/\s+/)[0], 10);
      if (port > 0) return port;
    }
  }
  return imageFacts(baseImageOf(service, dockerfile))?.port;
}

/** The image a service runs: its Dockerfile's final base (followed through stages), or `image:`. */
export function baseImageOf(service: ComposeService, dockerfile: DockerfileFile | undefined): string | undefined {
  if (dockerfile?.finalStage) return rootImage(dockerfile, dockerfile.finalStage);
  return service.image;
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

/** The healthcheck that fits a service, or undefined when we cannot tell how to probe it. */
export function planHealthcheck(service: ComposeService, project: Project, defaults?: HardenDefaults): HealthcheckPlan | undefined {
  const dockerfile = project.dockerfileOf(service);
  const base = baseImageOf(service, dockerfile);
  const facts = imageFacts(base);
  if (!service.build && facts?.healthcheck) {
    const test = base ? fitProbeToVariant(facts.healthcheck, toolsFor(base)) : facts.healthcheck;
    if (!test) return undefined;
    return { test, startPeriod: facts.startPeriod ?? '30s', describe: test.slice(1).join(' ') };
  }
  if (!service.build && !facts) return undefined;
  const port = containerPort(service, dockerfile);
  if (!port) return undefined;
  const probe = probePath(project, service.build && !service.build.inline ? service.build.context : undefined, defaults);
  const url = `http://localhost:${port}${probe}`;
  const of = describePath(probe);
  // The same reading of the image as compose/healthcheck-tool: base image facts plus packages installed in the
  // final stage and the stages it builds on.
  const tools = dockerfile?.finalStage ? stageTools(dockerfile, dockerfile.finalStage) : base ? toolsFor(base) : { curl: false, wget: false };
  const installed = installedPackages(dockerfile);
  const startPeriod = facts?.startPeriod ?? '30s';
  if (tools.curl || installed.has('curl')) {
    return { test: ['CMD', 'curl', '-f', url], startPeriod, describe: `HTTP probe${of} on port ${port} with curl` };
  }
  if (tools.wget || installed.has('wget')) {
    return { test: ['CMD', 'wget', '-q', '--spider', url], startPeriod, describe: `HTTP probe${of} on port ${port} with wget` };
  }
  if (facts?.runtime === 'python') {
    return {
      test: ['CMD', 'python', '-c', `import urllib.request; urllib.request.urlopen('${url}', timeout=5)`],
      startPeriod,
      describe: `HTTP probe${of} on port ${port} with Python`,
    };
  }
  if (facts?.runtime === 'node') {
    return {
      test: ['CMD', 'node', '-e', `fetch('${url}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`],
      startPeriod,
      describe: `HTTP probe${of} on port ${port} with Node.js`,
    };
  }
  return undefined;
}

/** The image's own probe, switched to the HTTP tool its variant has (`nginx:alpine` has busybox wget, not curl). */
function fitProbeToVariant(test: string[], tools: { curl: boolean; wget: boolean }): string[] | undefined {
  const words = test[0] === 'CMD-SHELL' ? ['CMD', ...(test[1] ?? '').split(/\s+/)] : test;
  const url = words.find((word) => /^https?:\/\//.test(word));
  if (words[0] !== 'CMD' || !url) return test;
  if (words[1] === 'curl' && !tools.curl && tools.wget) return ['CMD', 'wget', '-q', '--spider', url];
  if (words[1] === 'wget' && !tools.wget && tools.curl) return ['CMD', 'curl', '-fs', url];
  // The variant has neither tool: no probe we can stand behind.
  if ((words[1] === 'curl' && !tools.curl) || (words[1] === 'wget' && !tools.wget)) return undefined;
  return test;
}

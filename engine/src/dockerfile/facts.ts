/** Facts about a stage's base image: distro family and existing non-root user. */
import { imageFacts, parseImageRef, toolsFor } from '../knowledge/images';
import { parentStage, rootImage, type DockerfileFile, type Stage } from './model';
import { readRun, subcommand } from './shell';

export type DistroFamily = 'debian' | 'alpine' | 'rhel' | 'distroless' | 'scratch' | 'busybox' | 'unknown';

export function distroFamily(image: string): DistroFamily {
  const trimmed = image.trim().toLowerCase();
  if (trimmed === 'scratch') return 'scratch';
  const ref = parseImageRef(trimmed);
  if (ref.namespace?.includes('distroless') || ref.repository.includes('distroless')) return 'distroless';
  const tag = ref.tag ?? '';
  if (ref.repository === 'alpine' || /alpine/.test(tag)) return 'alpine';
  if (['ubuntu', 'debian'].includes(ref.repository) || /bookworm|bullseye|buster|trixie|slim|jammy|noble|focal/.test(tag)) return 'debian';
  if (['fedora', 'centos', 'rockylinux', 'almalinux', 'ubi', 'ubi8', 'ubi9', 'amazonlinux', 'oraclelinux'].includes(ref.repository)) return 'rhel';
  const family = imageFacts(trimmed)?.family;
  if (family === 'debian' || family === 'alpine' || family === 'rhel' || family === 'distroless' || family === 'busybox') return family;
  return 'unknown';
}

/** The family of the image a stage rests on, followed through `FROM <stage>` chains and ARG defaults. */
export function stageFamily(file: DockerfileFile, stage: Stage): DistroFamily {
  return distroFamily(rootImage(file, stage));
}

/** An existing non-root user of the base image (`node`, `nonroot`), when it has one we can rely on. */
export function existingUser(image: string): string | undefined {
  const family = distroFamily(image);
  if (family === 'distroless') return 'nonroot';
  const ref = parseImageRef(image);
  if (ref.repository === 'node') return 'node';
  return undefined;
}

/** Packages installed by apt-get/apt/apk/yum/dnf/microdnf in a stage and the stages it builds on. */
export function installedPackages(file: DockerfileFile, stage: Stage): Set<string> {
  const packages = new Set<string>();
  for (let current: Stage | undefined = stage, guard = 0; current && guard < 64; current = parentStage(file, current), guard++) {
    for (const instruction of current.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      for (const command of readRun(file, instruction).commands) {
        if (!command.name || !['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf'].includes(command.name)) continue;
        const sub = subcommand(command, ['-o', '-c', '-t', '-X', '--repository', '--virtual', '-t']);
        if (!sub || !['install', 'add'].includes(sub.word.value)) continue;
        for (const word of command.args.slice(sub.index + 1)) {
          if (!word.value.startsWith('-')) packages.add(word.value.replace(/[=<>~].*$/, ''));
        }
      }
    }
  }
  return packages;
}

/** Whether curl and wget are in the image a stage produces: the base image's facts plus installed packages. */
export function stageTools(file: DockerfileFile, stage: Stage): { curl: boolean; wget: boolean } {
  const base = toolsFor(rootImage(file, stage));
  const installed = installedPackages(file, stage);
  return { curl: base.curl || installed.has('curl'), wget: base.wget || installed.has('wget') || installed.has('busybox') };
}

/** Facts about a stage's base image: distro family and existing non-root user. */
import { parseImageRef } from '../knowledge/image-ref';
import { resolveImage, type ImageOs } from '../knowledge/kb';
import { parentStage, rootImage, type DockerfileFile, type Stage } from './model';
import { readRun, subcommand } from './shell';
import { baseName } from '../core/file-names';

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
  const os = resolveImage(trimmed)?.os;
  return os ? OS_FAMILY[os] : 'unknown';
}

/** The knowledge base's OS of an image variant as the family user-creation and shell rules work with. */
const OS_FAMILY: Record<ImageOs, DistroFamily> = { debian: 'debian', ubuntu: 'debian', alpine: 'alpine', rhel: 'rhel', distroless: 'distroless', scratch: 'scratch', busybox: 'busybox', other: 'unknown' };

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
  const known = stageToolEvidence(file, stage);
  return { curl: known.has('curl'), wget: known.has('wget') };
}

/** A probe tool: HTTP clients, TCP tools (nc, bash's /dev/tcp) and the runtimes a one-line probe can use. */
export type ProbeTool = 'curl' | 'wget' | 'busywget' | 'nc' | 'bash' | 'python' | 'node';

/** The probe tools an image has, each with where that is known from (the image knowledge base); none when unknown. */
export function imageToolEvidence(image: string | undefined): Map<ProbeTool, string> {
  const found = new Map<ProbeTool, string>();
  const known = image ? resolveImage(image) : undefined;
  if (!known || !image) return found;
  const evidence = `image knowledge: ${image.trim()} is ${known.family} (${known.variant})`;
  const { tools } = known;
  if (tools.curl) found.set('curl', evidence);
  if (tools.wget) found.set('wget', evidence);
  if (tools.wget === 'busybox') found.set('busywget', evidence);
  if (tools.nc) found.set('nc', evidence);
  if (tools.bash) found.set('bash', evidence);
  if (tools.python) found.set('python', evidence);
  if (tools.node) found.set('node', evidence);
  return found;
}

/**
 * The probe tools in the image a stage produces, with evidence: the root image's entry in the knowledge base, plus
 * packages the stage (or a stage it builds on) installs. An unknown base image contributes nothing.
 */
export function stageToolEvidence(file: DockerfileFile, stage: Stage): Map<ProbeTool, string> {
  const found = imageToolEvidence(rootImage(file, stage));
  const installed = installedPackages(file, stage);
  const name = baseName(file.path);
  const add = (tool: ProbeTool, packages: string[]) => {
    const hit = packages.find((pkg) => installed.has(pkg));
    if (hit && !found.has(tool)) found.set(tool, `${name} installs ${hit}`);
  };
  add('curl', ['curl']);
  // Debian's busybox package installs /bin/busybox without applet links: `wget` and `nc` are not on the PATH.
  add('wget', ['wget']);
  add('nc', ['netcat-openbsd', 'netcat-traditional', 'netcat', 'ncat']);
  add('bash', ['bash']);
  add('python', ['python3', 'python']);
  add('node', ['nodejs']);
  return found;
}

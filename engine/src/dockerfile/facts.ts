/** Facts about a stage's base image: distro family and existing non-root user. */
import { imageFacts, parseImageRef } from '../knowledge/images';
import { rootImage, type DockerfileFile, type Stage } from './model';

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

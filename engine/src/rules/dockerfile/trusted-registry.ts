import { defineDockerfileRule } from '../../core/rule';
import { expandArgs, stageNamed, type DockerfileFile } from '../../dockerfile/model';

/** The registry of an image reference: its first path part when that names a host (Docker's rule), else Docker Hub. */
function registryOf(image: string): string | undefined {
  const slash = image.indexOf('/');
  if (slash < 0) return undefined;
  const first = image.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first.toLowerCase() : undefined;
}

/** hadolint's matching: `*` anything, `*.corp.com` a suffix, `registry.*` a prefix, else the exact name. */
function matches(allowed: string, registry: string): boolean {
  const pattern = allowed.toLowerCase();
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return registry.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return registry.startsWith(pattern.slice(0, -1));
  return registry === pattern;
}

/** Why an image is outside the trusted registries, or undefined when it is in one (or unknowable, or a stage). */
function untrusted(file: DockerfileFile, written: string, trusted: readonly string[]): string | undefined {
  const image = expandArgs(file, written).trim();
  if (image === '' || image.includes('$') || image.toLowerCase() === 'scratch' || /^\d+$/.test(image)) return undefined;
  if (stageNamed(file, image)) return undefined;
  const registry = registryOf(image);
  const hosts = registry ? [registry] : ['docker.io', 'hub.docker.com'];
  if (hosts.some((host) => trusted.some((allowed) => matches(allowed, host)))) return undefined;
  return `\`${image}\` comes from ${registry ? `the registry \`${registry}\`` : 'Docker Hub'}, which is not in the trusted registries (${trusted.join(', ')}).`;
}

type Flagged = { getFlags?: () => { getName(): string; getValue(): string | null; getRange(): { start: { line: number; character: number }; end: { line: number; character: number } } }[] };

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/trusted-registry',
    severity: 'error',
    description: 'An image (`FROM`, `COPY --from`, `RUN --mount=from=`) from a registry outside `.hadolint.yaml` `trustedRegistries`.',
    rationale:
      'Organisations that pull base images only through their own mirror or a vetted registry list them in `trustedRegistries:` of `.hadolint.yaml`. An image from anywhere else skips the scanning, signing and availability guarantees that mirror gives, and a typo-squatted name on a public registry becomes your base image. The rule only runs when `trustedRegistries` is set; an image without a registry is Docker Hub (`docker.io`, `hub.docker.com`), `scratch` and stage names are always allowed, and patterns may start or end with `*`.',
    examples: {
      incorrect: [{ code: 'FROM quay.io/team/app:1.2\nCMD ["app"]\n', files: { '.hadolint.yaml': 'trustedRegistries:\n  - registry.example.com\n' } }],
      correct: [{ code: 'FROM registry.example.com/team/app:1.2 AS build\nFROM build\nCMD ["app"]\n', files: { '.hadolint.yaml': 'trustedRegistries:\n  - "*.example.com"\n' } }],
    },
    aliases: ['DL3026'],
  },
  check({ file, report, hadolint }) {
    const trusted = hadolint?.trustedRegistries;
    if (!trusted?.length) return;
    // Instructions before any FROM (a snippet, a file being typed) are checked too.
    for (const stage of [undefined, ...file.stages]) {
      const range = stage?.from.getImageRange();
      const message = stage && range ? untrusted(file, stage.baseImage, trusted) : undefined;
      if (range && message) report({ start: file.lines.offsetAt(range.start), end: file.lines.offsetAt(range.end), message });
      for (const instruction of stage ? stage.instructions : file.preamble) {
        const keyword = instruction.getKeyword();
        if (keyword !== 'COPY' && keyword !== 'RUN' && keyword !== 'ADD') continue;
        for (const flag of (instruction as typeof instruction & Flagged).getFlags?.() ?? []) {
          const value = flag.getValue() ?? '';
          const image = flag.getName() === 'from' ? value : flag.getName() === 'mount' ? /(?:^|,)from=([^,]+)/.exec(value)?.[1] : undefined;
          const why = image ? untrusted(file, image.replace(/^["']|["']$/g, ''), trusted) : undefined;
          if (why) report({ start: file.lines.offsetAt(flag.getRange().start), end: file.lines.offsetAt(flag.getRange().end), message: why });
        }
      }
    }
  },
});

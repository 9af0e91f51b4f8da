import { isScalar, isSeq, type Node } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import type { Fix } from '../../core/types';
import { baseImageOf, httpProbeTest } from '../../compose/health';
import { getIn, scalarString, type ComposeFile } from '../../compose/model';
import { imageToolEvidence, stageFamily, stageToolEvidence } from '../../dockerfile/facts';
import { appendToStage, insertLines } from '../../dockerfile/insert';
import { stageInstructions, type DockerfileFile } from '../../dockerfile/model';
import { resolveImage } from '../../knowledge/kb';

type Tool = 'curl' | 'wget' | 'nc';

export default defineComposeRule({
  meta: {
    id: 'compose/healthcheck-tool',
    severity: 'warning',
    description: 'A healthcheck calls `curl`, `wget` or `nc`, which the image does not contain.',
    rationale:
      'A probe whose command does not exist fails every time: the service is marked unhealthy forever and everything that waits for it with `service_healthy` never starts. Slim, alpine and distroless images often lack curl (alpine has busybox `wget`, distroless has neither). The image is read from the Dockerfile\'s final stage (base image and installed packages) or from known image facts.',
    examples: {
      incorrect: ['services:\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:6379/"]\n'],
      correct: ['services:\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n'],
    },
    fixable: 'unsafe',
  },
  check({ file, project, report }) {
    // A Dockerfile shared by several services gets the install fix once (the edits would be applied twice).
    const installing = new Set<string>();
    for (const service of file.services) {
      const test = service.map ? getIn(file.doc, service.map, ['healthcheck', 'test']) : undefined;
      if (!test?.range) continue;
      const command = commandOf(test);
      if (!command) continue;
      const tool = (['curl', 'wget', 'nc'] as Tool[]).find((name) => new RegExp(`(^|[;&|(]\\s*|\\s)${name}\\s`).test(` ${command} `));
      if (!tool) continue;
      const dockerfile = project.dockerfileOf(service);
      const available = toolsOf(service.build ? dockerfile : undefined, baseImageOf(service, dockerfile), !!service.build);
      // A tool the knowledge base neither confirms nor rules out (no source read says) is not known to be missing.
      if (!available || available[tool] !== false) continue;
      const fixes: Fix[] = [];
      const url = /https?:\/\/[^\s"'|;&]+/.exec(command)?.[0];
      const replacement = url ? switchedTest(available, url, resolveImage(baseImageOf(service, dockerfile) ?? '')?.runtime) : undefined;
      const range = trimmedRange(file, test);
      if (replacement && range && !file.text.slice(range[0], range[1]).includes('#')) {
        fixes.push({ title: `Probe with ${replacement.tool} instead`, safe: false, edits: [{ start: range[0], end: range[1], text: replacement.text }] });
      }
      const install = dockerfile && service.build && !installing.has(dockerfile.path) ? installFix(dockerfile, tool === 'nc' ? 'netcat-openbsd' : tool) : undefined;
      if (install && dockerfile) {
        installing.add(dockerfile.path);
        fixes.push(install);
      }
      report({
        start: test.range[0],
        end: test.range[1],
        message: `The healthcheck of "${service.name}" runs \`${tool}\`, which its image does not have: the check always fails.`,
        fixes,
      });
    }
  },
});

function commandOf(test: Node): string | undefined {
  if (isScalar(test)) return scalarString(test);
  if (!isSeq(test)) return undefined;
  const words = (test.items as Node[]).map((item) => scalarString(item) ?? '');
  if (words[0] === 'CMD') return words.slice(1).join(' ');
  if (words[0] === 'CMD-SHELL') return words.slice(1).join(' ');
  return undefined;
}

/**
 * Tools in the image, or undefined when we do not know the image well enough to say: the knowledge base's entry for
 * the image (the variant its tag names), plus what a built image's Dockerfile installs. A tool the entry lists as
 * unverified (a conservative `false`: no source read says either way) and nothing installs is unknown (undefined).
 */
function toolsOf(dockerfile: DockerfileFile | undefined, image: string | undefined, built: boolean): Record<Tool, boolean | undefined> | undefined {
  const known = image ? resolveImage(image) : undefined;
  if (!image || !known) return undefined;
  let tools;
  if (built) {
    const stage = dockerfile?.finalStage;
    if (!dockerfile || !stage) return undefined;
    tools = stageToolEvidence(dockerfile, stage);
  } else tools = imageToolEvidence(image);
  const state = (tool: Tool) => (tools.has(tool) ? true : known.unverified?.includes(tool) ? undefined : false);
  return { curl: state('curl'), wget: state('wget'), nc: state('nc') };
}

function switchedTest(available: Record<Tool, boolean | undefined>, url: string, runtime: string | undefined): { tool: string; text: string } | undefined {
  const flow = (items: string[]) => `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
  if (available.curl) return { tool: 'curl', text: flow(httpProbeTest('curl', url)) };
  if (available.wget) return { tool: 'wget', text: flow(httpProbeTest('wget', url)) };
  if (runtime === 'python') return { tool: 'Python', text: flow(httpProbeTest('python', url)) };
  if (runtime === 'node') return { tool: 'Node.js', text: flow(httpProbeTest('node', url)) };
  return undefined;
}

/** A node's range without the line break and indentation a block sequence ends with. */
function trimmedRange(file: ComposeFile, node: Node): [number, number] | undefined {
  if (!node.range) return undefined;
  let end = node.range[1];
  while (end > node.range[0] && /\s/.test(file.text[end - 1])) end--;
  return [node.range[0], end];
}

/** Installs the tool in the final stage, before its first USER (installing needs root) or its CMD. */
function installFix(dockerfile: DockerfileFile, pkg: string): Fix | undefined {
  const stage = dockerfile.finalStage!;
  const family = stageFamily(dockerfile, stage);
  const run = family === 'alpine'
    ? `RUN apk add --no-cache ${pkg}`
    : family === 'debian'
      ? `RUN apt-get update && apt-get install -y --no-install-recommends ${pkg} && rm -rf /var/lib/apt/lists/*`
      : family === 'rhel'
        ? `RUN (microdnf install -y ${pkg} || dnf install -y ${pkg} || yum install -y ${pkg}) && (microdnf clean all || dnf clean all || yum clean all)`
        : undefined;
  if (!run) return undefined;
  const anchor = stageInstructions(stage, 'USER')[0] ?? stage.instructions.find((i) => ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(i.getKeyword()));
  const text = run + dockerfile.eol;
  const edit = anchor ? insertLines(dockerfile, dockerfile.lines.lineStart(anchor.getRange().start.line), text) : appendToStage(dockerfile, stage, text);
  if (!edit) return undefined;
  const name = dockerfile.path.split(/[\\/]/).pop();
  return { title: `Install ${pkg} in ${name}`, safe: false, edits: [], otherFiles: [{ kind: 'edit', path: dockerfile.path, edits: [edit] }] };
}

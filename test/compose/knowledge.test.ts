/**
 * The knowledge base and the rules that read it agree: for every image family and every tag variant it knows, the
 * healthcheck the fix inserts runs a program the variant has (the knowledge base's tool set, or the program of the
 * variant's own probe), compose/healthcheck-tool finds nothing wrong with it, and the output validates.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fixAll, lint, memoryWorkspace } from '../../engine/src/index';
import { imageFamilies, resolveImage } from '../../engine/src/knowledge/kb';
import { validatesAgainstSchema } from '../reliability/lib';

const TAGS = ['', ':1', ':alpine', ':1-alpine', ':slim', ':1-slim', ':bookworm', ':1-bookworm', ':ubi9', ':noble', ':alpine-slim', ':latest'];

it('healthcheck fixes never call a tool the image variant lacks', () => {
  const variants = new Set<string>();
  for (const family of imageFamilies()) {
    for (const name of family.names.filter((n) => !n.endsWith('/*'))) {
      for (const tag of TAGS) {
        const image = `${name}${tag}`;
        const known = resolveImage(image);
        if (!known) continue;
        const code = `services:\n  app:\n    image: ${image}\n    ports:\n      - "127.0.0.1:8000:${known.ports[0] ?? 8000}"\n`;
        const fixed = fixAll('/w/compose.yaml', code, { only: ['compose/healthcheck'], workspace: memoryWorkspace({}), unsafe: true }).output;
        if (fixed === code) continue;
        variants.add(`${known.family}/${known.variant}`);
        const test = /test: \[(.*)\]/.exec(fixed)?.[1] ?? '';
        const words = (JSON.parse(`[${test}]`) as string[]).slice(1);
        const program = (words[0] === 'bash' || words[0] === 'sh' ? words[0] : (words.length === 1 ? words[0].split(/\s+/)[0] : words[0])).replace(/^.*\//, '');
        const tools: Record<string, boolean> = { curl: known.tools.curl, wget: known.tools.wget !== false, nc: known.tools.nc, bash: known.tools.bash, python: known.tools.python, node: known.tools.node, sh: known.tools.sh };
        const ownProgram = known.probe ? (known.probe.test[0] === 'CMD-SHELL' ? known.probe.test[1].trim().split(/\s+/)[0] : known.probe.test[1]) : undefined;
        assert.ok(program === ownProgram || tools[program] === true, `${image}: the probe runs ${program}, which ${known.family}/${known.variant} does not have\n${fixed}`);
        const problems = lint('/w/compose.yaml', fixed, { only: ['compose/healthcheck-tool'], workspace: memoryWorkspace({}) }).problems;
        assert.deepEqual(problems.map((p) => p.message), [], `${image}\n${fixed}`);
        assert.ok(validatesAgainstSchema(fixed), fixed);
      }
    }
  }
  assert.ok(variants.size >= 40, `${variants.size} variants checked`);
});

it('an image the knowledge base does not know gets no healthcheck fix', () => {
  for (const image of ['someone/redis:7.2', 'ghcr.io/acme/api:1.0', 'example/unknown']) {
    const code = `services:\n  app:\n    image: ${image}\n    ports:\n      - "8000:8000"\n`;
    const [problem] = lint('/w/compose.yaml', code, { only: ['compose/healthcheck'], workspace: memoryWorkspace({}) }).problems;
    assert.deepEqual(problem.fixes, [], image);
  }
});

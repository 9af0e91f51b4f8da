/**
 * Compose services that build a multi-stage Dockerfile (with or without `build.target`, a base through `extends`,
 * published ports), the Dockerfile's stages in random order and content: applying every fix, safe and unsafe, to the
 * compose file or the Dockerfile, then again, changes nothing the second time, and the compose file still parses.
 * (Fixes that append to a stage that is not the last once landed in the last one, and fix-all added them forever; a
 * heredoc never closed got a USER in its body on every run, issue 15.)
 */
import * as path from 'node:path';
import { it } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { fixAll, memoryWorkspace } from '../../engine/src/index';
import { source } from '../lib/yaml-tag';

const root = path.resolve('/ws');
const stage = fc.record({
  base: fc.constantFrom('python:3.12-slim', 'node:22-alpine', 'nginx:1.27', 'alpine:3.20', 'PREV', 'scratch', 'debian:12'),
  name: fc.constantFrom('builder', 'app', 'dev-envs', 'final', undefined),
  body: fc.array(fc.constantFrom('COPY . /app', 'RUN apk add git', 'RUN apt-get update && apt-get install -y curl', 'USER root', 'USER node', 'EXPOSE 8000', 'CMD ["python3", "app.py"]', 'ENTRYPOINT ["x"]', '# a comment', '', 'HEALTHCHECK CMD true', 'RUN <<EOF\necho hi\nEOF', 'RUN <<EOF\necho open', 'RUN make \\', 'RUN make \\\n# end'), { maxLength: 5 }),
});
const arb = fc.record({
  stages: fc.array(stage, { minLength: 1, maxLength: 4 }),
  target: fc.option(fc.constantFrom('builder', 'app', 'dev-envs', 'final', 'missing'), { nil: undefined }),
  ports: fc.option(fc.constantFrom('"8000:8000"', '"80"', '"127.0.0.1:5000:5000"'), { nil: undefined }),
  extendsBase: fc.boolean(),
  trailingNewline: fc.boolean(),
});
it('fix-all over a compose file and the multi-stage Dockerfile it builds is idempotent', () => {
  fc.assert(
    fc.property(arb, (c) => {
      const names: string[] = [];
      const dockerfile = c.stages
        .map((s, i) => {
          const base = s.base === 'PREV' ? (names.filter(Boolean).pop() ?? 'alpine:3.20') : s.base;
          const name = s.name && !names.includes(s.name) ? s.name : undefined;
          names.push(name ?? '');
          return [`FROM ${base}${name ? ` AS ${name}` : ''}`, ...s.body].join('\n');
        })
        .join('\n\n') + (c.trailingNewline ? '\n' : '');
      const build = c.target ? `    build:\n      context: ./api\n      target: ${c.target}\n` : '    build: ./api\n';
      const compose = `services:\n  api:\n${c.extendsBase ? '    extends:\n      file: common.yml\n      service: base\n' : ''}${build}${c.ports ? `    ports:\n      - ${c.ports}\n` : ''}  web:\n    image: nginx:1.27\n    depends_on:\n      - api\n`;
      const files: Record<string, string> = {
        [path.join(root, 'compose.yaml')]: compose,
        [path.join(root, 'api/Dockerfile')]: dockerfile,
        [path.join(root, 'common.yml')]: source`
          services:
            base:
              image: busybox:1.36
              healthcheck:
                test: ["CMD", "true"]
        `,
      };
      for (const [target, text] of [[path.join(root, 'compose.yaml'), compose], [path.join(root, 'api/Dockerfile'), dockerfile]] as const) {
        const once = fixAll(target, text, { workspace: memoryWorkspace(files), unsafe: true });
        const files2 = { ...files, [target]: once.output };
        for (const change of once.otherFiles ?? []) files2[path.resolve(change.path)] = change.after;
        const twice = fixAll(target, once.output, { workspace: memoryWorkspace(files2), unsafe: true });
        const changedAgain = twice.output !== once.output || (twice.otherFiles ?? []).some((change) => change.after !== change.before);
        if (changedAgain) throw new Error(`not idempotent for ${path.basename(target)}:\n--- compose\n${compose}--- Dockerfile\n${dockerfile}\n--- after once (${target})\n${once.output}\n${JSON.stringify(once.otherFiles, null, 1)}\n--- twice\n${twice.output}\n${JSON.stringify(twice.otherFiles, null, 1)}`);
        if (target.endsWith('.yaml') && parseDocument(once.output).errors.length) throw new Error('does not parse');
      }
    }),
    { numRuns: 300, seed: 20261126 },
  );
});

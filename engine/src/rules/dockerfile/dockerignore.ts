import path = require('node:path');
import type { Instruction } from 'dockerfile-ast';
import { defineDockerfileRule } from '../../core/rule';
import type { FileChange } from '../../core/types';
import { buildContextOf } from '../../dockerfile/compose-link';
import { dockerignoreTemplate, isExcluded, REQUIRED_LINES, STACK_MARKERS, type Stack } from '../../dockerfile/dockerignore';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/dockerignore',
    severity: 'warning',
    description: 'The build copies the whole context (`COPY . .`) and the context has no `.dockerignore`, or it does not exclude `.git` and `.env`. The context is the one a compose file in the folders above gives the Dockerfile, else its own folder.',
    rationale:
      '`COPY . .` sends and copies everything in the build context: the `.git` history, `.env` files with real credentials, local `node_modules` or virtualenvs built for another platform. Secrets end up in an image layer for anyone who pulls it, builds get slow and caches break on every commit. A `.dockerignore` next to the Dockerfile (the context of a standalone build) keeps them out.',
    examples: {
      incorrect: ['FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n'],
      correct: ['FROM node:22-alpine\nWORKDIR /app\nCOPY package.json server.js ./\nCMD ["node", "server.js"]\n'],
    },
    fixable: 'safe',
  },
  check({ file, project, report }) {
    const whole = firstWholeContextCopy(file.stages.flatMap((stage) => stage.instructions));
    if (!whole) return;
    const context = buildContextOf(file, project);
    // BuildKit prefers `<Dockerfile name>.dockerignore` next to the Dockerfile.
    const own = path.join(path.dirname(path.resolve(file.path)), `${path.basename(file.path)}.dockerignore`);
    const shared = path.join(context, '.dockerignore');
    const ownText = project.read(own);
    const target = ownText !== undefined ? own : shared;
    const text = ownText ?? project.read(shared);
    const range = file.rangeOf(whole);
    const end = file.lines.lineEnd(file.lines.positionAt(range.start).line);
    if (text === undefined) {
      const stacks = (Object.keys(STACK_MARKERS) as Stack[]).filter((stack) =>
        STACK_MARKERS[stack].some((marker) => project.workspace.exists(path.join(context, marker))),
      );
      const change: FileChange = { kind: 'create', path: shared, content: dockerignoreTemplate(stacks) };
      report({
        start: range.start,
        end,
        message: 'This copies the whole build context, and the context has no `.dockerignore`: `.git`, `.env` and local build output go into the image.',
        fixes: [{ title: 'Create .dockerignore', safe: true, edits: [], otherFiles: [change], preferred: true }],
      });
      return;
    }
    const missing = REQUIRED_LINES.filter((line) => !isExcluded(text, line.replace(/\/$/, '')));
    if (!missing.some((line) => line === '.git' || line === '.env')) return;
    report({
      start: range.start,
      end,
      message: `This copies the whole build context, and \`${path.basename(target)}\` does not exclude ${missing.map((line) => `\`${line}\``).join(', ')}.`,
      fixes: [{ title: `Add ${missing.join(', ')} to ${path.basename(target)}`, safe: true, edits: [], otherFiles: [{ kind: 'ensureLines', path: target, lines: missing }], preferred: true }],
    });
  },
});

/** The first COPY/ADD (not `--from`) whose sources include the context root (`.`, `./`, `*`). */
function firstWholeContextCopy(instructions: readonly Instruction[]): Instruction | undefined {
  return instructions.find((instruction) => {
    const keyword = instruction.getKeyword();
    if (keyword !== 'COPY' && keyword !== 'ADD') return false;
    const flags = (instruction as Instruction & { getFlags?: () => { getName(): string }[] }).getFlags?.() ?? [];
    if (flags.some((flag) => flag.getName() === 'from')) return false;
    let args = instruction.getArguments().map((argument) => argument.getValue());
    const content = (instruction.getArgumentsContent() ?? '').trim();
    if (content.startsWith('[')) {
      try {
        args = JSON.parse(content) as string[];
      } catch {
        return false;
      }
    }
    return args.slice(0, -1).some((source) => ['.', './', '*', './*', '/'].includes(source));
  });
}

import * as path from '../../core/paths';
import type { Instruction } from 'dockerfile-ast';
import { folderExists } from '../../compose/build-contexts';
import { assume } from '../../core/evidence';
import type { Project } from '../../core/project';
import { defineDockerfileRule } from '../../core/rule';
import type { Assumption, Fix, FileChange } from '../../core/types';
import { buildContextsOf, type BuildContext } from '../../dockerfile/compose-link';
import { dockerignoreTemplate, isExcluded, REQUIRED_LINES, STACK_MARKERS, type Stack } from '../../dockerfile/dockerignore';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/dockerignore',
    severity: 'warning',
    description: 'The build copies the whole context (`COPY . .`) and the context has no `.dockerignore`, or it does not exclude `.git` and `.env`. The context is the one a compose file (any name: `compose.ci.yaml`, `docker-compose.build.yml`...) in the folders above gives the Dockerfile, else its own folder.',
    rationale:
      '`COPY . .` sends and copies everything in the build context: the `.git` history, `.env` files with real credentials, local `node_modules` or virtualenvs built for another platform. Secrets end up in an image layer for anyone who pulls it, builds get slow and caches break on every commit. A `.dockerignore` at the root of the build context keeps them out: the fix writes it in the context a compose file gives the Dockerfile (safe), or in the Dockerfile\'s folder when no compose file builds it (unsafe: that the image is built from there is a guess). Several contexts for one Dockerfile get no safe fix; a remote (Git/URL) context, nothing.',
    examples: {
      incorrect: [
        { code: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n', files: { 'compose.yaml': 'services:\n  web:\n    build: .\n' } },
        'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
      ],
      correct: ['FROM node:22-alpine\nWORKDIR /app\nCOPY package.json server.js ./\nCMD ["node", "server.js"]\n'],
    },
    fixable: 'safe',
  },
  check({ file, project, report }) {
    const instructions = file.stages.flatMap((stage) => stage.instructions);
    const whole = firstWholeContextCopy(instructions);
    if (!whole) return;
    const folder = path.dirname(path.resolve(file.path));
    const range = file.rangeOf(whole);
    const end = file.lines.lineEnd(file.lines.positionAt(range.start).line);
    const problem = (message: string, fix?: Fix) => report({ start: range.start, end, message, fixes: fix ? [fix] : [] });

    // BuildKit prefers `<Dockerfile name>.dockerignore` next to the Dockerfile, whatever the context.
    const own = path.join(folder, `${path.basename(file.path)}.dockerignore`);
    const ownText = project.read(own);
    if (ownText !== undefined) {
      const missing = missingLines(ownText);
      if (!missing) return;
      const name = path.basename(own);
      problem(`This copies the whole build context, and \`${name}\` does not exclude ${quoted(missing)}.`, {
        title: `Add ${missing.join(', ')} to ${name}`,
        safe: true,
        assumptions: namedSources(instructions, missing),
        edits: [],
        otherFiles: [{ kind: 'ensureLines', path: own, lines: missing }],
        preferred: true,
      });
      return;
    }

    const label = (context: string) => path.relative(folder, context).split(path.sep).join('/') || '.';
    const contexts = buildContextsOf(file, project);
    if (contexts.length === 0) {
      // No compose file builds it: `docker build` from its own folder is a guess.
      const state = contextState(project, folder);
      const evidence = state.text !== undefined ? 'a .dockerignore is in its folder' : undefined;
      const change = changeFor(project, folder, state);
      if (!change) return;
      problem(change.message, {
        title: change.title,
        safe: true,
        assumptions: [assume('the image is built with its own folder as the context', evidence), ...namedSources(instructions, change.excluded)],
        edits: [],
        otherFiles: [change.file],
        preferred: true,
      });
      return;
    }

    const local = contexts.filter((context): context is BuildContext & { folder: string } => context.folder !== undefined);
    if (contexts.length === 1) {
      // A remote (Git/HTTP) or interpolated context: nothing here to read or write.
      if (local.length === 0) return;
      const [context] = local;
      const state = contextState(project, context.folder);
      const link = context.links[0];
      const composeName = label(link.compose.path);
      const where = `${composeName}: service ${link.service.name} builds it with context ${context.source}`;
      if (!state.exists) {
        problem(`This copies the whole build context, and the context \`${label(context.folder)}\` that ${composeName} gives this Dockerfile does not exist.`);
        return;
      }
      const change = changeFor(project, context.folder, state);
      if (!change) return;
      problem(change.message, {
        title: change.title,
        safe: true,
        assumptions: [assume(`the image is built with ${label(context.folder)} as the context`, where), ...namedSources(instructions, change.excluded)],
        edits: [],
        otherFiles: [change.file],
        preferred: true,
      });
      return;
    }

    // Several contexts: the same `COPY . .` copies different trees; each context that needs it is named.
    const labelOf = (context: BuildContext) => (context.folder !== undefined ? label(context.folder) : context.source);
    const labels = contexts.map(labelOf).sort();
    local.sort((a, b) => (labelOf(a) < labelOf(b) ? -1 : labelOf(a) > labelOf(b) ? 1 : 0));
    const needs: string[] = [];
    const changes: ContextChange[] = [];
    for (const context of local) {
      const state = contextState(project, context.folder);
      if (!state.exists) {
        needs.push(`\`${label(context.folder)}\` does not exist`);
        continue;
      }
      const change = changeFor(project, context.folder, state);
      if (!change) continue;
      needs.push(state.text === undefined ? `\`${label(context.folder)}\` has no \`.dockerignore\`` : `\`${label(context.folder)}/.dockerignore\` does not exclude ${quoted(change.excluded)}`);
      changes.push(change);
    }
    if (needs.length === 0) return;
    const message = `This copies the whole build context, and compose builds this Dockerfile from ${labels.length} contexts (${quoted(labels)}): ${needs.join('; ')}.`;
    if (changes.length === 0) {
      problem(message);
      return;
    }
    const where = changes.map((change) => label(path.dirname(change.file.path)));
    const creates = changes.map((change) => change.file.kind === 'create');
    problem(message, {
      title: `${creates.every(Boolean) ? 'Create' : creates.some(Boolean) ? 'Create or complete' : 'Complete'} .dockerignore in ${where.join(', ')}`,
      safe: false,
      assumptions: [assume(`one ignore list suits every context compose builds this Dockerfile from (${labels.join(', ')})`, undefined), ...namedSources(instructions, changes.flatMap((change) => change.excluded))],
      edits: [],
      otherFiles: changes.map((change) => change.file),
    });
  },
});

interface ContextState {
  exists: boolean;
  /** The context's `.dockerignore`, when there is one. */
  text: string | undefined;
}

function contextState(project: Project, folder: string): ContextState {
  const text = project.read(path.join(folder, '.dockerignore'));
  // A folder that is not there (or outside the workspace) is no context to write into.
  const exists = text !== undefined || folderExists(project, folder);
  return { exists, text };
}

interface ContextChange {
  message: string;
  title: string;
  file: FileChange;
  /** The ignore lines the change adds (what the build no longer sees). */
  excluded: string[];
}

/** What a context needs: a new `.dockerignore`, the required lines appended, or nothing. */
function changeFor(project: Project, folder: string, state: ContextState): ContextChange | undefined {
  const target = path.join(folder, '.dockerignore');
  if (state.text === undefined) {
    const stacks = (Object.keys(STACK_MARKERS) as Stack[]).filter((stack) => STACK_MARKERS[stack].some((marker) => project.workspace.exists(path.join(folder, marker))));
    const content = dockerignoreTemplate(stacks);
    return {
      message: 'This copies the whole build context, and the context has no `.dockerignore`: `.git`, `.env` and local build output go into the image.',
      title: 'Create .dockerignore',
      file: { kind: 'create', path: target, content },
      excluded: content.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#')),
    };
  }
  const missing = missingLines(state.text);
  if (!missing) return undefined;
  return {
    message: `This copies the whole build context, and \`.dockerignore\` does not exclude ${quoted(missing)}.`,
    title: `Add ${missing.join(', ')} to .dockerignore`,
    file: { kind: 'ensureLines', path: target, lines: missing },
    excluded: missing,
  };
}

/** The required lines an ignore file lacks, when `.git` or `.env` is among them (else it is good enough). */
function missingLines(text: string): string[] | undefined {
  const missing = REQUIRED_LINES.filter((line) => !isExcluded(text, line.replace(/\/$/, '')));
  return missing.some((line) => line === '.git' || line === '.env') ? missing : undefined;
}

function quoted(items: readonly string[]): string {
  return items.map((item) => `\`${item}\``).join(', ');
}

/**
 * A COPY/ADD that names a file the new ignore lines exclude (`COPY README.md ./`, `COPY dist ./dist`) fails once they
 * are in place: the build needs it, which nothing here can rule out.
 */
function namedSources(instructions: readonly Instruction[], excluded: readonly string[]): Assumption[] {
  const ignore = excluded.join('\n');
  const named = new Set<string>();
  for (const instruction of instructions) {
    for (const source of localSources(instruction) ?? []) {
      const relative = source.replace(/^\.?\/+/, '').replace(/\/+$/, '');
      if (relative === '' || relative === '.' || /[*?[$]/.test(relative)) continue;
      if (isExcluded(ignore, relative)) named.add(relative);
    }
  }
  return [...named].map((name) => assume(`the build does not need \`${name}\`, which the Dockerfile copies and the .dockerignore leaves out`, undefined));
}

/** The context sources of a COPY/ADD (not `--from`), undefined for other instructions. */
function localSources(instruction: Instruction): string[] | undefined {
  const keyword = instruction.getKeyword();
  if (keyword !== 'COPY' && keyword !== 'ADD') return undefined;
  const flags = (instruction as Instruction & { getFlags?: () => { getName(): string }[] }).getFlags?.() ?? [];
  if (flags.some((flag) => flag.getName() === 'from')) return undefined;
  let args = instruction.getArguments().map((argument) => argument.getValue());
  const content = (instruction.getArgumentsContent() ?? '').trim();
  if (content.startsWith('[')) {
    try {
      args = JSON.parse(content) as string[];
    } catch {
      return undefined;
    }
  }
  return args.slice(0, -1);
}

/** The first COPY/ADD (not `--from`) whose sources include the context root (`.`, `./`, `*`). */
function firstWholeContextCopy(instructions: readonly Instruction[]): Instruction | undefined {
  return instructions.find((instruction) => (localSources(instruction) ?? []).some((source) => ['.', './', '*', './*', '/'].includes(source)));
}

/**
 * "Convert to multi-stage build" for the common stacks (Python with pip or Poetry, Node.js, Go): the single stage
 * becomes a `builder` stage (its instructions kept verbatim, comments included, runtime-only instructions moved out)
 * and a new runtime stage copies only the artefacts with `COPY --from=builder` and runs as a non-root user.
 */
import * as path from '../core/paths';
import type { Instruction } from 'dockerfile-ast';
import type { Edit } from '../core/text';
import { installedPackages, stageFamily } from './facts';
import { danglingEscape, unterminatedHeredoc } from './insert';
import { rootImage, type DockerfileFile, type Stage } from './model';
import { readRun, type ShellCommand } from './shell';
import { parseImageRef } from '../knowledge/image-ref';

export type BuildStack = 'python' | 'node' | 'go';

/** Packages that compile or build and are not needed to run. */
export function isBuildTool(name: string): boolean {
  const bare = name.replace(/[=<>~].*$/, '').toLowerCase();
  return (
    /^(gcc|g\+\+|cpp|make|cmake|ninja(-build)?|build-essential|build-base|clang|llvm|autoconf|automake|libtool|pkg-config|pkgconf|gfortran|rustc|cargo|musl-dev|libc6?-dev|linux-headers)$/.test(bare) ||
    /^gcc-\d+$|^g\+\+-\d+$/.test(bare) ||
    /-dev$|-devel$/.test(bare)
  );
}

const RUNTIME_ONLY = ['EXPOSE', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'USER', 'STOPSIGNAL', 'VOLUME'];
const PYTHON_TOOLING = ['poetry', 'pip', 'setuptools', 'wheel', 'pipenv', 'uv', 'poetry-plugin-export'];

/** The stack of a single-stage Dockerfile, when we know how to split it. */
export function buildStack(file: DockerfileFile, stage: Stage): BuildStack | undefined {
  const repository = parseImageRef(rootImage(file, stage)).repository;
  const commands = runCommands(file, stage);
  if (repository === 'golang' && goOutput(file, stage)) return 'go';
  if (repository === 'node' && commands.some((c) => c.name === 'npm')) return 'node';
  if (repository === 'python' || commands.some((c) => c.name === 'poetry' || /^pip[\d.]*$/.test(c.name ?? ''))) return 'python';
  return undefined;
}

function runCommands(file: DockerfileFile, stage: Stage): ShellCommand[] {
  return stage.instructions.filter((i) => i.getKeyword() === 'RUN').flatMap((i) => readRun(file, i).commands);
}

/** The absolute path `go build -o` writes, resolved against the WORKDIR at that point. */
function goOutput(file: DockerfileFile, stage: Stage): string | undefined {
  let workdir = '/';
  let output: string | undefined;
  for (const instruction of stage.instructions) {
    if (instruction.getKeyword() === 'WORKDIR') workdir = path.resolve(workdir, (instruction.getArgumentsContent() ?? '').trim());
    if (instruction.getKeyword() !== 'RUN') continue;
    for (const command of readRun(file, instruction).commands) {
      if (command.name !== 'go' || command.args[0]?.value !== 'build') continue;
      const flag = command.args.findIndex((word) => word.value === '-o');
      if (flag >= 0 && command.args[flag + 1]) output = path.resolve(workdir, command.args[flag + 1].value);
    }
  }
  return output;
}

/** Lines of an instruction with the comment lines directly above it. */
function blockLines(file: DockerfileFile, instruction: Instruction): { first: number; last: number } {
  const range = instruction.getRange();
  let first = range.start.line;
  while (first > 0 && file.lines.lineText(first - 1).trim().startsWith('#')) first--;
  return { first, last: range.end.line };
}

/** The edit converting a single-stage Dockerfile, or undefined when its shape is not one we can split safely. */
export function convertToMultiStage(file: DockerfileFile): { edits: Edit[]; stack: BuildStack } | undefined {
  if (file.stages.length !== 1) return undefined;
  const stage = file.stages[0];
  if (stage.name) return undefined;
  const stack = buildStack(file, stage);
  if (!stack) return undefined;
  const workdirs = stage.instructions.filter((i) => i.getKeyword() === 'WORKDIR');
  const workdir = workdirs.length ? path.resolve('/', (workdirs[workdirs.length - 1].getArgumentsContent() ?? '').trim()) : undefined;
  if (!workdir || workdir === '/' || /\$/.test(workdir)) return undefined;
  // The new lines must stand as instructions: not in a heredoc body, not after an escape left at the end of the file
  // (it goes: BuildKit ends that instruction at the end of the file).
  const dangling = danglingEscape(file);
  if (unterminatedHeredoc(file) || (dangling && !dangling.removable)) return undefined;
  const lineText = (line: number) => (line === dangling?.line ? file.text.slice(file.lines.lineStart(line), dangling.start) : file.lines.lineText(line));
  const eol = file.eol;
  const image = stage.baseImage;
  const family = stageFamily(file, stage);

  // Builder: the original lines without the runtime-only instructions, plus the stack's extra steps.
  const isRuntimeOnly = (i: Instruction) => RUNTIME_ONLY.includes(i.getKeyword()) || createsUserOnly(file, i);
  const runtimeBlocks = stage.instructions.filter(isRuntimeOnly).map((i) => blockLines(file, i));
  const moved = new Set<number>();
  for (const block of runtimeBlocks) for (let line = block.first; line <= block.last; line++) moved.add(line);
  const fromLine = stage.from.getRange().start.line;
  const lastLine = file.lines.lineCount - 1;
  const insertions = new Map<number, string[]>();
  const append: string[] = [];
  if (stack === 'python') {
    const install = stage.instructions.find((i) => i.getKeyword() === 'RUN' && installsPythonDependencies(readRun(file, i).commands));
    if (!install) return undefined;
    const at = blockLines(file, install).first;
    // Keep the file's layout: a blank line after the new block only where instructions are separated by one.
    const spaced = at > 0 && file.lines.lineText(at - 1).trim() === '';
    insertions.set(at, [
      '# Dependencies go into a virtual environment that the runtime stage copies',
      'RUN python -m venv /opt/venv',
      'ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"',
      ...(spaced ? [''] : []),
    ]);
  } else if (stack === 'node') {
    append.push('', '# Keep only the production dependencies for the runtime stage', 'RUN npm prune --omit=dev');
  }
  const builder: string[] = [];
  for (let line = fromLine; line <= lastLine; line++) {
    for (const inserted of insertions.get(line) ?? []) builder.push(inserted);
    if (moved.has(line)) continue;
    let text = lineText(line);
    if (line === fromLine) text = `${text.replace(/\s+$/, '')} AS builder`;
    builder.push(text);
  }
  while (builder.length && builder[builder.length - 1].trim() === '') builder.pop();
  for (const line of append) builder.push(line);
  // Collapse the blank lines left where runtime instructions were taken out.
  const builderText = builder.filter((line, index) => !(line.trim() === '' && builder[index - 1]?.trim() === '')).join(eol);

  // Runtime stage.
  const runtime: string[] = [];
  const runtimeTexts = stage.instructions
    .filter(isRuntimeOnly)
    .map((i) => {
      const block = blockLines(file, i);
      const lines: string[] = [];
      for (let line = block.first; line <= block.last; line++) lines.push(lineText(line));
      return { keyword: createsUserOnly(file, i) ? 'USERADD' : i.getKeyword(), text: lines.join(eol) };
    });
  const envs = stage.instructions.filter((i) => i.getKeyword() === 'ENV').map((i) => file.text.slice(file.rangeOf(i).start, file.rangeOf(i).end));
  const hasUser = runtimeTexts.some((block) => block.keyword === 'USER');
  const createsUser = runtimeTexts.some((block) => block.keyword === 'USERADD');
  const runtimePackages = [...installedPackages(file, stage)].filter((name) => !isBuildTool(name) && !PYTHON_TOOLING.includes(name));
  const reinstall = runtimePackages.length
    ? family === 'alpine'
      ? [`RUN apk add --no-cache ${runtimePackages.join(' ')}`]
      : family === 'debian'
        ? [`RUN apt-get update && apt-get install -y --no-install-recommends ${runtimePackages.join(' ')} && rm -rf /var/lib/apt/lists/*`]
        : []
    : [];
  let user: string;
  if (stack === 'go') {
    const output = goOutput(file, stage)!;
    const cgoOff = [...envs, ...runCommands(file, stage).flatMap((c) => c.assignments.map((w) => w.value))].some((text) => /CGO_ENABLED=0/.test(text));
    const needsShell = runtimeTexts.some((block) => ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(block.keyword) && !/^\s*(#.*\n)*\s*\w+\s+(--\S+\s+)*(CMD\s+)?\[/i.test(block.text));
    if (cgoOff && !needsShell) {
      runtime.push('FROM gcr.io/distroless/static-debian12', `COPY --from=builder ${output} ${output}`);
      user = 'nonroot';
    } else {
      runtime.push('FROM debian:12-slim', ...reinstall, ...(createsUser ? [] : ['RUN groupadd -r app && useradd -r -g app app']), `COPY --from=builder ${output} ${output}`);
      user = 'app';
    }
  } else {
    runtime.push(`FROM ${image}`, '', `WORKDIR ${workdir}`, ...reinstall);
    if (stack === 'python') {
      for (const env of envs) runtime.push(env);
      if (!createsUser) runtime.push(family === 'alpine' ? 'RUN addgroup -S app && adduser -S -G app app' : 'RUN groupadd -r app && useradd -r -g app app');
      runtime.push('COPY --from=builder /opt/venv /opt/venv', 'ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"');
      user = 'app';
    } else {
      runtime.push('ENV NODE_ENV=production');
      for (const env of envs) runtime.push(env);
      user = 'node';
    }
    runtime.push(`COPY --from=builder ${workdir} ${workdir}`);
  }
  if (!hasUser) runtime.push(`USER ${user}`);
  for (const block of runtimeTexts) {
    runtime.push('');
    // Poetry stays in the builder: run the module with the copied virtual environment's Python.
    runtime.push(stack === 'python' ? block.text.replace(/\bpoetry run\s+/g, '').replace(/"poetry",\s*"run",\s*/g, '') : block.text);
  }
  const start = file.lines.lineStart(fromLine);
  const text = `${builderText}${eol}${eol}# Runtime stage: no compilers or build tools${eol}${runtime.join(eol)}${eol}`;
  return { edits: [{ start, end: file.text.length, text }], stack };
}

function installsPythonDependencies(commands: ShellCommand[]): boolean {
  return commands.some((command) => {
    if (command.name === 'poetry') return command.args.some((word) => word.value === 'install');
    const pip = command.name && /^pip[\d.]*$/.test(command.name) ? command.args : undefined;
    if (!pip || pip.find((word) => !word.value.startsWith('-'))?.value !== 'install') return false;
    const names = pip.filter((word) => !word.value.startsWith('-')).slice(1).map((word) => word.value.replace(/[=<>~[].*$/, '').toLowerCase());
    return pip.some((word) => word.value === '-r' || word.value.startsWith('--requirement')) || names.some((name) => !PYTHON_TOOLING.includes(name));
  });
}

/** A RUN that only creates users and groups (it belongs to the runtime stage). */
function createsUserOnly(file: DockerfileFile, instruction: Instruction): boolean {
  if (instruction.getKeyword() !== 'RUN') return false;
  const commands = readRun(file, instruction).commands;
  return commands.length > 0 && commands.every((command) => ['groupadd', 'useradd', 'addgroup', 'adduser'].includes(command.name ?? ''));
}

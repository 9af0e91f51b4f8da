/** Finding package-manager commands in RUN instructions (apt-get, apk, pip, npm, poetry), through the shell reader. */
import type { Instruction } from 'dockerfile-ast';
import type { Project } from '../core/project';
import { resolveImage } from '../knowledge/kb';
import { composeServicesBuilding } from './compose-link';
import { rootImage, type DockerfileFile, type Stage } from './model';
import { pythonModuleArgs, readRun, subcommand, type RunScript, type ShellCommand, type ShellWord } from './shell';

export interface FoundCommand {
  /** Undefined for a RUN before the first FROM. */
  stage: Stage | undefined;
  /** The command is in `ONBUILD RUN`. */
  onbuild: boolean;
  script: RunScript;
  command: ShellCommand;
  /** The subcommand word (`install`, `add`, `ci`) when one was asked for. */
  verb: ShellWord;
  /** Arguments after the subcommand. */
  rest: ShellWord[];
}

/**
 * Every RUN of the file with its stage, in file order: the RUNs of `ONBUILD RUN` too (`onbuild`: they run when an image
 * is built FROM this one, so a RUN check applies to their command, and fixes edit it in place), and RUNs before the
 * first FROM (stage undefined): a Dockerfile being typed, or a snippet, still gets the RUN checks.
 */
export function allRuns(file: DockerfileFile): { stage: Stage | undefined; script: RunScript; onbuild: boolean }[] {
  const found: { stage: Stage | undefined; script: RunScript; onbuild: boolean }[] = [];
  const add = (stage: Stage | undefined, instruction: Instruction) => {
    const keyword = instruction.getKeyword();
    if (keyword === 'RUN') found.push({ stage, script: readRun(file, instruction), onbuild: false });
    else if (keyword === 'ONBUILD') {
      const trigger = onbuildTrigger(instruction);
      if (trigger?.getKeyword() === 'RUN') found.push({ stage, script: readRun(file, trigger), onbuild: true });
    }
  };
  for (const instruction of file.preamble) add(undefined, instruction);
  for (const stage of file.stages) for (const instruction of stage.instructions) add(stage, instruction);
  return found;
}

const triggers = new WeakMap<Instruction, Instruction | null>();

/** The instruction of an `ONBUILD <instruction>` (one object per ONBUILD, so what is read from it is cached). */
export function onbuildTrigger(instruction: Instruction): Instruction | undefined {
  if (instruction.getKeyword() !== 'ONBUILD') return undefined;
  let trigger = triggers.get(instruction);
  if (trigger === undefined) {
    trigger = (instruction as Instruction & { getTriggerInstruction?: () => Instruction | null }).getTriggerInstruction?.() ?? null;
    triggers.set(instruction, trigger);
  }
  return trigger ?? undefined;
}

/** Every command run by one of these programs (`useradd`, `ln`), in any RUN or ONBUILD RUN. */
export function findCommandsByName(file: DockerfileFile, programs: readonly string[]): { stage: Stage | undefined; onbuild: boolean; script: RunScript; command: ShellCommand }[] {
  const found: { stage: Stage | undefined; onbuild: boolean; script: RunScript; command: ShellCommand }[] = [];
  for (const { stage, script, onbuild } of allRuns(file)) {
    for (const command of script.commands) if (command.name && command.program && programs.includes(command.name)) found.push({ stage, onbuild, script, command });
  }
  return found;
}

const APT = ['apt-get', 'apt'];
const APT_VALUE_OPTIONS = ['-o', '-c', '-t', '--option', '--config-file', '--target-release'];

/** `<program> <verb>` commands: `apt-get install`, `apk add`, `pip install`, `npm ci`... */
export function findCommands(file: DockerfileFile, programs: readonly string[], verbs: readonly string[], valueOptions: readonly string[] = []): FoundCommand[] {
  const found: FoundCommand[] = [];
  for (const { stage, script, onbuild } of allRuns(file)) {
    for (const command of script.commands) {
      if (!command.name || !programs.includes(command.name)) continue;
      const sub = subcommand(command, valueOptions);
      if (!sub || !verbs.includes(sub.word.value)) continue;
      found.push({ stage, onbuild, script, command, verb: sub.word, rest: command.args.slice(sub.index + 1) });
    }
  }
  return found;
}

export function aptInstalls(file: DockerfileFile): FoundCommand[] {
  return findCommands(file, APT, ['install'], APT_VALUE_OPTIONS);
}

export function aptCommands(file: DockerfileFile, verbs: readonly string[]): FoundCommand[] {
  return findCommands(file, APT, verbs, APT_VALUE_OPTIONS);
}

/** `pip install`, `pip3 install`, `python -m pip install`, `python3.12 -m pip install`. */
export function pipInstalls(file: DockerfileFile): FoundCommand[] {
  const found: FoundCommand[] = [];
  for (const { stage, script, onbuild } of allRuns(file)) {
    for (const command of script.commands) {
      let args: ShellWord[] | undefined;
      if (command.name && /^pip[\d.]*$/.test(command.name)) args = command.args;
      else args = pythonModuleArgs(command, 'pip');
      if (!args) continue;
      const index = args.findIndex((word) => !word.value.startsWith('-'));
      if (index < 0 || args[index].value !== 'install') continue;
      found.push({ stage, onbuild, script, command, verb: args[index], rest: args.slice(index + 1) });
    }
  }
  return found;
}

/** Package names of an install command (words after the verb that are not options). */
export function packageNames(rest: readonly ShellWord[]): ShellWord[] {
  return rest.filter((word) => !word.value.startsWith('-') && !/^[<>&\d]*[<>]/.test(word.value));
}

/**
 * Cache and tmpfs mounts of a RUN (`--mount=type=cache,target=/var/cache/apt`, `--mount=type=tmpfs,target=...`): their
 * targets. What a command writes there stays out of the layer.
 */
export function cacheMountTargets(instruction: Instruction): string[] {
  const targets: string[] = [];
  for (const flag of (instruction as Instruction & { getFlags?: () => { getName(): string; getValue(): string | null }[] }).getFlags?.() ?? []) {
    if (flag.getName() !== 'mount') continue;
    const value = flag.getValue() ?? '';
    if (!/(^|,)type=(cache|tmpfs)(,|$)/.test(value)) continue;
    const target = /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(value);
    if (target) targets.push(target[1]);
  }
  return targets;
}

/** The stages whose content ends up in the final image: the final stage and the stages it builds on. */
export function shippedStages(file: DockerfileFile): Stage[] {
  const shipped: Stage[] = [];
  let current = file.finalStage;
  for (let guard = 0; current && guard < 64; guard++) {
    shipped.push(current);
    const base = current.baseImage.toLowerCase();
    const index: number = current.index;
    current = file.stages.slice(0, index).find((candidate) => candidate.name === base);
  }
  return shipped;
}

/**
 * Whether the Dockerfile builds a base or artifact image rather than one that runs: no compose service builds it, no
 * shipped stage has CMD or ENTRYPOINT, and it is files on `scratch`, or it is named as a base image and rests on an
 * image that starts no server (the knowledge base knows it to listen on no port: debian, alpine, python, node...). Runtime rules (USER, HEALTHCHECK,
 * build tools) do not apply to it: it is used with `FROM` or `COPY --from`, and the image built on it decides.
 */
export function buildsBaseImage(file: DockerfileFile, project: Project): boolean {
  if (!file.finalStage || composeServicesBuilding(file, project).length > 0) return false;
  const shipped = shippedStages(file);
  if (shipped.some((stage) => stage.instructions.some((instruction) => ['CMD', 'ENTRYPOINT'].includes(instruction.getKeyword())))) return false;
  const image = rootImage(file, file.finalStage).trim();
  // An artifact image: files on scratch, taken out with COPY --from or `--output`.
  if (image.toLowerCase() === 'scratch') return true;
  // A base image by its name (`Dockerfile.base`, `base.Dockerfile`, a `base` folder) on an image that starts no server.
  const parts = file.path.split(/[\\/]/);
  const named = /(^|[._-])base([._-]|$)/i.test(parts[parts.length - 1] ?? '') || /^base(-image)?s?$/i.test(parts[parts.length - 2] ?? '');
  const known = resolveImage(image);
  return named && known !== undefined && known.ports.length === 0;
}

/** Offsets from a command's program word to its verb: where apt/apk/pip problems are reported. */
export function commandSpan(found: FoundCommand): { start: number; end: number } {
  return { start: found.command.program?.start ?? found.command.start, end: found.verb.end };
}

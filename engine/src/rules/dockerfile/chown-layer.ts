import * as path from '../../core/paths';
import type { Instruction } from 'dockerfile-ast';
import { defineDockerfileRule } from '../../core/rule';
import type { Edit } from '../../core/text';
import type { DockerfileFile, Stage } from '../../dockerfile/model';
import { readRun, type ShellCommand } from '../../dockerfile/shell';

interface Copied {
  instruction: Instruction;
  /** Absolute destination in the image. */
  destination: string;
  /** The `--chown` value, when the COPY sets one. */
  chown: string | undefined;
}

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/chown-layer',
    severity: 'warning',
    description: '`RUN chown -R` over files copied earlier in the stage.',
    rationale:
      'Changing the owner of files rewrites them into a new layer: `COPY . /app` followed by `RUN chown -R app /app` ships every file twice and doubles the image size. `COPY --chown=app:app` sets the owner while copying, in one layer.',
    examples: {
      incorrect: ['FROM python:3.13-slim\nRUN groupadd -r app && useradd -r -g app app\nWORKDIR /app\nCOPY . .\nRUN chown -R app:app /app\nUSER app\n'],
      correct: ['FROM python:3.13-slim\nRUN groupadd -r app && useradd -r -g app app\nWORKDIR /app\nCOPY --chown=app:app . .\nUSER app\n'],
    },
    fixable: 'unsafe',
  },
  check({ file, report }) {
    for (const stage of file.stages) {
      let workdir = '/';
      const copied: Copied[] = [];
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword === 'WORKDIR') {
          workdir = path.resolve(workdir, (instruction.getArgumentsContent() ?? '').trim().replace(/^["']|["']$/g, ''));
        } else if (keyword === 'COPY' || keyword === 'ADD') {
          const args = instruction.getArguments().map((argument) => argument.getValue());
          if (args.length < 2) continue;
          const flags = (instruction as Instruction & { getFlags?: () => { getName(): string; getValue(): string | null }[] }).getFlags?.() ?? [];
          const chown = flags.find((flag) => flag.getName() === 'chown');
          copied.push({ instruction, destination: path.resolve(workdir, args[args.length - 1]), chown: chown ? chown.getValue() ?? '' : undefined });
        } else if (keyword === 'RUN') {
          const script = readRun(file, instruction);
          const chowns = script.commands.filter((command) => command.name === 'chown' && command.args.some((word) => /^-[A-Za-z]*R/.test(word.value) || word.value === '--recursive'));
          for (const command of chowns) {
            const operands = command.args.filter((word) => !word.value.startsWith('-'));
            if (operands.length < 2) continue;
            const owner = operands[0].value;
            const targets = operands.slice(1).map((word) => path.resolve(workdir, word.value));
            const under = copied.filter((copy) => targets.some((target) => copy.destination === target || copy.destination.startsWith(`${target.replace(/\/$/, '')}/`)));
            // A COPY that already sets `--chown` chose its owner: the chown after it is no advice to use `--chown`.
            const covered = under.filter((copy) => copy.chown === undefined);
            if (covered.length === 0) continue;
            // Dropping the chown would leave a COPY --chown=other with its other owner.
            const otherOwner = under.some((copy) => copy.chown !== undefined && copy.chown !== owner);
            report({
              start: command.program?.start ?? command.start,
              end: command.end,
              message: `\`chown -R\` rewrites the files copied by line ${covered.map((copy) => copy.instruction.getRange().start.line + 1).join(', ')} into a second layer: use \`COPY --chown=${owner}\`.`,
              fixes: otherOwner ? [] : chownFix(file, stage, script.commands, command, chowns, covered, owner, instruction),
            });
          }
        }
      }
    }
  },
});

/**
 * Only when the RUN is nothing but these chowns, each over copied files only, and the owner exists before the COPY
 * (a `--chown` with a user created later fails the build).
 */
function chownFix(file: DockerfileFile, stage: Stage, commands: ShellCommand[], command: ShellCommand, chowns: ShellCommand[], covered: Copied[], owner: string, run: Instruction) {
  if (commands.length !== 1 || chowns.length !== 1 || commands[0] !== command) return [];
  const user = owner.split(':')[0];
  if (!/^\d+$/.test(user)) {
    const coveredInstructions = new Set(covered.map((copy) => copy.instruction));
    const firstCopy = stage.instructions.findIndex((instruction) => coveredInstructions.has(instruction));
    const createdAt = stage.instructions.findIndex((instruction) =>
      instruction.getKeyword() === 'RUN' && readRun(file, instruction).commands.some((c) => (c.name === 'useradd' || c.name === 'adduser') && c.args.some((word) => word.value === user)),
    );
    if (createdAt > firstCopy) return [];
  }
  const edits: Edit[] = [];
  for (const copy of covered) {
    const keyword = copy.instruction.getInstructionRange();
    const end = file.lines.offsetAt(keyword.end);
    edits.push({ start: end, end, text: ` --chown=${owner}` });
  }
  const line = run.getRange().start.line;
  const nextLine = run.getRange().end.line + 1;
  edits.push({ start: file.lines.lineStart(line), end: nextLine < file.lines.lineCount ? file.lines.lineStart(nextLine) : file.text.length, text: '' });
  return [{ title: `Use COPY --chown=${owner} and drop the chown`, safe: false, edits, preferred: true }];
}

/** The Dockerfile model: `dockerfile-ast` instructions grouped into stages, with offsets for every range. */
import type { Dockerfile, From, Instruction } from 'dockerfile-ast';
import { sharedParser } from '../core/shared-parse';
import { detectEol, LineIndex } from '../core/text';

export interface Range {
  start: number;
  end: number;
}

export interface Stage {
  index: number;
  from: From;
  /** `AS <name>`, lower-cased as BuildKit compares it. */
  name: string | undefined;
  /** The base image as written (`python:3.9-slim`, `builder`, `${BASE}`). */
  baseImage: string;
  /** Instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
}

export interface DockerfileFile {
  kind: 'dockerfile';
  path: string;
  text: string;
  lines: LineIndex;
  ast: Dockerfile;
  /** Instructions before the first FROM (global ARGs). */
  preamble: Instruction[];
  stages: Stage[];
  finalStage: Stage | undefined;
  eol: string;
  /** Offsets of an instruction, covering its continuation lines. */
  rangeOf(node: { getRange(): { start: { line: number; character: number }; end: { line: number; character: number } } | null }): Range;
}

/** `parseDockerfile`, shared by the lints of a run (see sharedParser). */
export const parseDockerfileShared = sharedParser((filePath: string, text: string) => parseDockerfile(filePath, text), 8);

let parser: typeof import('dockerfile-ast').DockerfileParser | undefined;

/**
 * Runs `work` (a dockerfile-utils validation of `file.text`) with dockerfile-ast's parser answering that text with
 * the tree already parsed for `file`, instead of parsing the Dockerfile a second time. The validator only reads the
 * tree. Any other text is parsed as before, and the parser is restored afterwards.
 */
export function reusingTree<T>(file: DockerfileFile, work: () => T): T {
  parser ??= loadParser();
  const namespace = parser as { parse(content: string): Dockerfile };
  const parse = namespace.parse;
  namespace.parse = (content: string) => (content === file.text ? file.ast : parse(content));
  try {
    return work();
  } finally {
    namespace.parse = parse;
  }
}

function loadParser(): typeof import('dockerfile-ast').DockerfileParser {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ast = require('dockerfile-ast') as typeof import('dockerfile-ast');
  tokenizeArgumentsOnce(ast.Instruction.prototype);
  return ast.DockerfileParser;
}

/**
 * dockerfile-ast splits an instruction into its arguments anew on every `getArguments()`, and dockerfile-utils'
 * validation (the `dockerfile/syntax` rule) asks each instruction for them many times: a 100-line RUN was split
 * dozens of times, most of a Dockerfile lint. An instruction's text never changes once parsed, so it is split once;
 * each caller gets its own copy of the list (`ModifiableInstruction.getArguments` shifts the flags off the list it
 * gets). The same module serves dockerfile-utils and dockerfile-language-service in the bundle.
 */
function tokenizeArgumentsOnce(prototype: object): void {
  // `getRawArguments` is private in dockerfile-ast's types: reached as a plain property.
  const patched = prototype as { getRawArguments: (this: object) => unknown[]; dockerHardenOnce?: true };
  if (patched.dockerHardenOnce) return;
  const split = patched.getRawArguments;
  const known = new WeakMap<object, unknown[]>();
  patched.getRawArguments = function (this: object) {
    let args = known.get(this);
    if (!args) {
      args = split.call(this);
      known.set(this, args);
    }
    return args.slice();
  };
  patched.dockerHardenOnce = true;
}

export function parseDockerfile(filePath: string, text: string): DockerfileFile {
  // dockerfile-ast (and the vscode-languageserver-types it loads) is loaded on the first Dockerfile only: a check of
  // compose files with images only never compiles it, which is a fifth of a small check's start.
  parser ??= loadParser();
  const ast = parser.parse(text);
  const lines = new LineIndex(text);
  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  for (const instruction of ast.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = instruction as From;
      stages.push({
        index: stages.length,
        from,
        name: from.getBuildStage()?.toLowerCase() ?? undefined,
        baseImage: from.getImage() ?? '',
        instructions: [],
      });
    } else if (stages.length === 0) {
      preamble.push(instruction);
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return {
    kind: 'dockerfile',
    path: filePath,
    text,
    lines,
    ast,
    preamble,
    stages,
    finalStage: stages[stages.length - 1],
    eol: detectEol(text),
    rangeOf(node) {
      const range = node.getRange();
      if (!range) return { start: 0, end: 0 };
      return { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) };
    },
  };
}

/**
 * Every instruction with the stage it is in, in file order, optionally only those with the given keywords (upper
 * case). Instructions other than ARG before the first FROM (a Dockerfile being typed, a snippet) come first, with no
 * stage; `preamble: true` adds the global ARGs before the first FROM too. Rules that check instructions one by one
 * loop over this rather than over stages by hand.
 */
export function* instructionsOf(
  file: DockerfileFile,
  keywords?: readonly string[],
  options: { preamble?: boolean } = {},
): Generator<{ stage: Stage | undefined; instruction: Instruction }> {
  const wanted = (instruction: Instruction) => !keywords || keywords.includes(instruction.getKeyword());
  for (const instruction of file.preamble) {
    if (wanted(instruction) && (options.preamble || instruction.getKeyword() !== 'ARG')) yield { stage: undefined, instruction };
  }
  for (const stage of file.stages) for (const instruction of stage.instructions) if (wanted(instruction)) yield { stage, instruction };
}

/** Instructions of a stage with a given keyword. */
export function stageInstructions(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.getKeyword() === keyword);
}

/** Whether a later stage is built FROM this one (directly or through others): it would inherit a USER added here. */
export function hasChildStages(file: DockerfileFile, stage: Stage): boolean {
  return file.stages.some((other) => {
    for (let current = parentStage(file, other), guard = 0; current && guard < 64; current = parentStage(file, current), guard++) {
      if (current === stage) return true;
    }
    return false;
  });
}

/** The stage named `name` (`AS builder`, compared as BuildKit does, without case), as `build.target` names it. */
export function stageNamed(file: DockerfileFile, name: string): Stage | undefined {
  const wanted = name.toLowerCase();
  return file.stages.find((stage) => stage.name === wanted);
}

/** The stage a stage builds on, when its base is another stage of the file (`FROM builder`). */
export function parentStage(file: DockerfileFile, stage: Stage): Stage | undefined {
  const base = stage.baseImage.toLowerCase();
  return file.stages.slice(0, stage.index).find((candidate) => candidate.name === base);
}

/** The external image a stage finally rests on, following `FROM <stage>` chains and `ARG` defaults. */
export function rootImage(file: DockerfileFile, stage: Stage): string {
  let current: Stage | undefined = stage;
  for (let guard = 0; current && guard < 64; guard++) {
    const parent = parentStage(file, current);
    if (!parent) return expandArgs(file, current.baseImage);
    current = parent;
  }
  return stage.baseImage;
}

/** Replaces `${NAME}`, `${NAME:-default}` and `$NAME` by the global ARG defaults. */
export function expandArgs(file: DockerfileFile, value: string): string {
  const defaults = new Map<string, string>();
  for (const instruction of file.preamble) {
    if (instruction.getKeyword() !== 'ARG') continue;
    const content = instruction.getArgumentsContent() ?? '';
    const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(content.trim());
    if (match && match[2] !== undefined) defaults.set(match[1], match[2].replace(/^["']|["']$/g, ''));
  }
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, braced, fallback, bare) => {
    const name = braced ?? bare;
    return defaults.get(name) ?? fallback ?? all;
  });
}

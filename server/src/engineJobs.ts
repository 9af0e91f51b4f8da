/**
 * The engine work the server does, as jobs of plain data in and plain data out, so that they run in the engine
 * worker (engineWorker.ts) and never on the thread that answers requests. No LSP here: offsets, texts and problems.
 * A lint sends back its problems without their fixes (a fix can carry thousands of edits, and copying them to the
 * main thread cost more than the lint's diagnostics); the worker keeps them, and `fixes` asks for those of a range.
 */
import {
  fixAll,
  generateProductionOverride,
  harden,
  lint,
  LineIndex,
  minimalEdits,
  parseComposeShared,
  parseConfig,
  parseHadolintConfig,
  SYNTAX_RULE,
  type ChangedFile,
  type ComposeFile,
  type ComposeService,
  type Edit,
  type FileKind,
  type Fix,
  type HardenDefaults,
  type LintOptions,
  type Problem,
  type Profile,
  type SeveritySetting,
  type Workspace,
} from '../../engine/src/index';
import { nodeStartLines } from './ignoreComments';

/** Lint options as data (no workspace object, no callbacks): what a worker can be sent. */
export interface JobOptions {
  kind?: FileKind;
  /** The workspace folder: no file outside it is read. */
  root: string;
  rules: Record<string, SeveritySetting>;
  profile?: Profile;
  ignored?: readonly string[];
  defaults?: HardenDefaults;
  /** `.hadolint.yaml` `override:`, `disable-ignore-pragma` and the settings rules read. */
  codeSeverities?: LintOptions['codeSeverities'];
  hadolintPragmas?: boolean;
  hadolint?: LintOptions['hadolint'];
}

/** A compose service by offsets: from its key to the end of its value. */
export interface ServiceSpan {
  name: string;
  start: number;
  end: number;
}

export interface RuleError {
  ruleId: string;
  error: unknown;
}

/** A problem as the main thread sees it: how many fixes it has, not the fixes. */
export interface ProblemSummary extends Omit<Problem, 'fixes'> {
  fixes: number;
  /** Whether one of its fixes is safe. */
  safeFix: boolean;
  /** A YAML syntax error (the file does not parse). */
  syntaxError?: true;
}

export interface LintData {
  kind: FileKind | undefined;
  problems: ProblemSummary[];
  /** Files the lint read besides the linted one (absolute paths). */
  dependencies: string[];
  /** A compose file that does not parse: its lint has only its syntax errors (keptProblems.ts). */
  broken?: true;
  /** The services of a compose file that parsed (CodeLenses, listServices). */
  services?: ServiceSpan[];
  /** For each problem, the line its "ignore for this line" comment goes above (ignoreComments.ts). */
  anchors: number[];
  /** Time the engine took, ms. */
  durationMs: number;
  ruleErrors: RuleError[];
}

export interface FixAllData {
  /** Minimal edits of the linted text. */
  edits: Edit[];
  fixCount: number;
  otherFiles: ChangedFile[];
  ruleErrors: RuleError[];
}

export interface HardenData {
  /** The compose file does not parse: nothing hardened, and why. */
  refused?: string;
  output: string;
  otherFiles: ChangedFile[];
  fixCount: number;
  unknownServices: string[];
  ruleErrors: RuleError[];
}

export interface OverrideData {
  refused?: string;
  services: string[];
  /** The new text of the compose file itself (bind mounts moved out). */
  baseOutput: string;
  files: ChangedFile[];
  ruleErrors: RuleError[];
}

/** The lint a `fixes` job is about: the worker keeps the last one of each open document. */
export interface LintKey {
  uri: string;
  version: number;
}

export type EngineJob =
  /** With `keep`, the worker keeps the problems' fixes for `fixes` jobs (open documents). */
  | { op: 'lint'; path: string; text: string; options: JobOptions; keep?: LintKey }
  /** The fixes of the problems in [start, end] of a lint, in the order of its problems (linted again if forgotten). */
  | { op: 'fixes'; path: string; text: string; options: JobOptions; keep: LintKey; start: number; end: number }
  /** `.docker-harden.yaml` itself: its own problems. */
  | { op: 'lintConfig'; path: string; text: string }
  | { op: 'services'; path: string; text: string }
  | { op: 'fixAll'; path: string; text: string; options: JobOptions; unsafe: boolean; ruleId?: string }
  | { op: 'harden'; path: string; text: string; options: JobOptions; services: string[] }
  | { op: 'productionOverride'; path: string; text: string; options: JobOptions };

export interface JobResults {
  lint: LintData;
  fixes: Fix[][];
  lintConfig: LintData;
  services: ServiceSpan[];
  fixAll: FixAllData;
  harden: HardenData;
  productionOverride: OverrideData;
}

/** Open buffers by path: other files a job reads come from here before the disk. */
/**
 * The files a job sees besides its own text, for a workspace folder (the job's `root`): the Node build reads the
 * disk with the open buffers over it; the browser build answers from the files its client sent (web/fileCache.ts).
 */
export type WorkspaceFor = (root: string) => Workspace;

/** The problems (with their fixes) of the last lint of each open document, kept by the worker. */
export class KeptLints {
  private readonly byUri = new Map<string, { version: number; problems: Problem[] }>();

  keep(key: LintKey, problems: Problem[]): void {
    this.byUri.set(key.uri, { version: key.version, problems });
  }

  get(key: LintKey): Problem[] | undefined {
    const kept = this.byUri.get(key.uri);
    return kept?.version === key.version ? kept.problems : undefined;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}

export function runJob(job: EngineJob, workspaceFor: WorkspaceFor, kept: KeptLints): JobResults[EngineJob['op']] {
  switch (job.op) {
    case 'lint': {
      const { data, problems } = lintJob(job.path, job.text, job.options, workspaceFor);
      if (job.keep) kept.keep(job.keep, problems);
      return data;
    }
    case 'fixes': {
      let problems = kept.get(job.keep);
      if (!problems) {
        // The worker was restarted (or the lint never kept): the same text lints to the same problems.
        problems = lintJob(job.path, job.text, job.options, workspaceFor).problems;
        kept.keep(job.keep, problems);
      }
      return problems.filter((problem) => touches(problem, job.start, job.end)).map((problem) => problem.fixes);
    }
    case 'lintConfig': {
      const hadolint = /(^|[\\/])\.hadolint\.ya?ml$/.test(job.path);
      const problems = (hadolint ? parseHadolintConfig(job.text) : parseConfig(job.text)).problems.map((problem) => summary({ ...problem, fixes: [] }));
      return { kind: undefined, problems, dependencies: [], anchors: problems.map(() => 0), durationMs: 0, ruleErrors: [] };
    }
    case 'services':
      return servicesOf(parseComposeShared(job.path, job.text));
    case 'fixAll': {
      const { options, ruleErrors } = engineOptions(job.options, workspaceFor);
      const ruleId = job.ruleId;
      const result = fixAll(job.path, job.text, { ...options, unsafe: job.unsafe, ...(ruleId ? { filter: (problem: Problem) => problem.ruleId === ruleId } : {}) });
      const edits = result.output === job.text ? [] : minimalEdits(job.text, result.output);
      return { edits, fixCount: result.fixCount, otherFiles: result.otherFiles, ruleErrors };
    }
    case 'harden': {
      // The options have no `kind` (Linter.optionsFor 'harden'): harden() lints each file by its own kind.
      const { options, ruleErrors } = engineOptions(job.options, workspaceFor);
      const result = harden(job.path, job.text, { ...options, services: job.services });
      return { output: result.output, otherFiles: result.otherFiles, fixCount: result.fixCount, unknownServices: result.unknownServices, ruleErrors, ...(result.refused ? { refused: result.refused } : {}) };
    }
    case 'productionOverride': {
      const { options, ruleErrors } = engineOptions(job.options, workspaceFor);
      const result = generateProductionOverride(job.path, job.text, options);
      return { refused: result.refused, services: result.services, baseOutput: result.baseOutput, files: result.files, ruleErrors };
    }
  }
}

function engineOptions(data: JobOptions, workspaceFor: WorkspaceFor): { options: LintOptions; ruleErrors: RuleError[] } {
  const ruleErrors: RuleError[] = [];
  const { root, ...rest } = data;
  return {
    ruleErrors,
    options: { ...rest, workspace: workspaceFor(root), onRuleError: (ruleId, error) => ruleErrors.push({ ruleId, error }) },
  };
}

/** Whether a problem's range touches an offset range (the problems a code action request is about). */
export function touches(problem: { start: number; end: number }, start: number, end: number): boolean {
  return problem.start <= end && problem.end >= start;
}

function summary({ fixes, ...problem }: Problem): ProblemSummary {
  return { ...problem, fixes: fixes.length, safeFix: fixes.some((fix) => fix.safe) };
}

function lintJob(filePath: string, text: string, data: JobOptions, workspaceFor: WorkspaceFor): { data: LintData; problems: Problem[] } {
  const started = performance.now();
  const { options, ruleErrors } = engineOptions(data, workspaceFor);
  const result = lint(filePath, text, options);
  const file = result.file;
  const lines = file?.lines ?? new LineIndex(text);
  const syntaxErrors = file?.kind === 'compose' ? file.syntaxErrors : [];
  const isSyntaxError = (problem: Problem) =>
    problem.ruleId === SYNTAX_RULE.compose && syntaxErrors.some((error) => error.start === problem.start && error.end === problem.end);
  return {
    problems: result.problems,
    data: {
      kind: result.kind,
      problems: result.problems.map((problem) => (syntaxErrors.length > 0 && isSyntaxError(problem) ? { ...summary(problem), syntaxError: true } : summary(problem))),
      ...(syntaxErrors.length > 0 ? { broken: true } : {}),
      dependencies: result.dependencies,
      services: file?.kind === 'compose' ? servicesOf(file) : undefined,
      anchors: nodeStartLines(file, lines, result.problems.map((problem) => problem.start)),
      durationMs: Math.round(performance.now() - started),
      ruleErrors,
    },
  };
}

function servicesOf(file: ComposeFile): ServiceSpan[] {
  if (file.kind !== 'compose') return [];
  return file.services.flatMap((service) => {
    const span = serviceSpan(service);
    return span ? [{ name: service.name, start: span[0], end: span[1] }] : [];
  });
}

/** Offsets of a service: from its key to the end of its value. */
function serviceSpan(service: ComposeService): [number, number] | undefined {
  const start = service.key.range?.[0];
  if (start === undefined) return undefined;
  const value = service.pair.value as { range?: [number, number, number] } | null;
  return [start, value?.range?.[2] ?? service.key.range![2]];
}

/** Runs the rules on one file: parse once, share the model, apply severities, profiles and suppressions. */
import * as path from './paths';
import { fileRole, roleFromName, type GroupOptions } from '../compose/group';
import { parseComposeShared, type ComposeFile } from '../compose/model';
import { parseDockerfileShared, type DockerfileFile } from '../dockerfile/model';
import { allRules } from '../rules';
import { detectKind } from './files';
import { createProject, type Project } from './project';
import type { Report, ReportNode, Rule } from './rule';
import { collectSuppressions, Suppressions, yamlBlockEnd } from './suppression';
import { settleFix } from './evidence';
import { editsConflict } from './text';
import type { FileKind, Fix, HadolintSettings, HardenDefaults, Problem, Profile, RuleMeta, Severity, SeveritySetting } from './types';
import { NO_FILES, type Workspace } from './workspace';

export interface LintOptions {
  kind?: FileKind;
  /** The other files a lint reads (Dockerfiles, .dockerignore, other compose files); none when not given. */
  workspace?: Workspace;
  /** Per-rule severity overrides (`off` disables). */
  rules?: Record<string, SeveritySetting>;
  profile?: Profile;
  today?: Date;
  /** Values fixes insert (`.docker-harden.yaml` `defaults:`). */
  defaults?: HardenDefaults;
  /** Run only these rules (tests, "Harden service"). */
  only?: readonly string[];
  /** Rule ids or aliases suppressed for the whole file (e.g. from `.hadolint.yaml`). */
  ignored?: readonly string[];
  /**
   * Severities by alias, lower case (`.hadolint.yaml` `override:`): below `rules`, above the profile (an alias of a
   * rule the profile leaves off turns the rule on for problems of that alias).
   */
  codeSeverities?: Readonly<Record<string, Severity>>;
  /** False: `# hadolint ignore=` comments are not honoured (`.hadolint.yaml` `disable-ignore-pragma`). */
  hadolintPragmas?: boolean;
  /** `.hadolint.yaml` settings the rules read (trusted registries, label schema). */
  hadolint?: HadolintSettings;
  /** Called when a rule throws; the lint goes on with the other rules. Tests rethrow. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** The rule list (defaults to every rule). */
  ruleSet?: readonly Rule[];
  /** When given, each rule's run time (ms) is added to its id's entry, and parsing's to `(parse)`. */
  timings?: Map<string, number>;
  /** `.docker-harden.yaml` `projects:` and `roles:`: which compose files merge, and what each file is for. */
  groups?: GroupOptions;
}

export interface LintResult {
  kind: FileKind | undefined;
  file: ComposeFile | DockerfileFile | undefined;
  problems: Problem[];
  /** Files this lint read besides the linted one (absolute paths). */
  dependencies: string[];
}

/** Larger files get one problem instead of a lint (a compose file or Dockerfile is never this big). */
export const MAX_LINT_BYTES = 10 * 1024 * 1024;

/** The rule that reports a file that cannot be read or parsed (and, in the CLI and the server, one too big to lint). */
export const SYNTAX_RULE: Readonly<Record<FileKind, string>> = { compose: 'compose/schema', dockerfile: 'dockerfile/syntax' };

export function lint(filePath: string, text: string, options: LintOptions = {}): LintResult {
  const absolutePath = path.resolve(filePath);
  const kind = options.kind ?? detectKind(absolutePath, text);
  if (!kind) return { kind, file: undefined, problems: [], dependencies: [] };
  const unreadable = unreadableReason(text);
  if (unreadable) {
    return {
      kind,
      file: undefined,
      problems: [{ ruleId: SYNTAX_RULE[kind], severity: 'error', message: unreadable, start: 0, end: 0, fixes: [] }],
      dependencies: [],
    };
  }
  const project = createProject(options.workspace ?? NO_FILES, options.groups);
  const today = options.today ?? new Date();
  const ruleSet = (options.ruleSet ?? allRules).filter(
    (rule) => rule.kind === kind && (!options.only || options.only.includes(rule.meta.id)),
  );
  let file: ComposeFile | DockerfileFile;
  let suppressions: Suppressions;
  const timings = options.timings;
  const parseStart = timings ? performance.now() : 0;
  if (kind === 'compose') {
    const compose = parseComposeShared(absolutePath, text);
    file = compose;
    suppressions = collectSuppressions(compose.lines, 'compose', (line) => yamlBlockEnd(compose.lines, line));
  } else {
    const dockerfile = parseDockerfileShared(absolutePath, text);
    file = dockerfile;
    suppressions = collectSuppressions(dockerfile.lines, 'dockerfile', (line) => instructionEndAt(dockerfile, line), options.hadolintPragmas !== false);
  }
  if (timings) addTime(timings, '(parse)', parseStart);
  if (options.ignored?.length) suppressions = suppressions.withFileIds(options.ignored);
  const problems: Problem[] = [];
  // A file that does not parse only gets its syntax errors: other rules would guess at a broken tree.
  const broken = kind === 'compose' && (file as ComposeFile).syntaxErrors.length > 0;
  // Production demands are not made of development, CI/test or devcontainer files (compose/group.ts).
  // A Dockerfile's role is its name's (`Dockerfile.dev`, `Dockerfile.playwright`, `dev/app.Dockerfile`).
  const role = broken ? undefined : kind === 'compose' ? fileRole(file as ComposeFile, project) : roleFromName(absolutePath);
  for (const rule of ruleSet) {
    if (broken && rule.meta.id !== SYNTAX_RULE[kind]) continue;
    if (role && rule.meta.roles && !rule.meta.roles.includes(role)) continue;
    const configured = effectiveSeverity(rule.meta, options);
    const overridden = options.rules?.[rule.meta.id] !== undefined;
    const bySeverityCode = !overridden && options.codeSeverities ? codeSeverityOf(rule.meta, options.codeSeverities) : undefined;
    if (configured === 'off' && !bySeverityCode) continue;
    const report = (found: Report) => {
      const { start, end } = 'node' in found ? nodeRange(file, found.node) : found;
      if (suppressions.isSuppressed(rule.meta.id, found.code ? [found.code] : rule.meta.aliases, start)) return;
      const byCode = bySeverityCode?.(found.code);
      if (configured === 'off' && !byCode) return;
      problems.push({
        ruleId: rule.meta.id,
        severity: overridden ? (configured as Severity) : (byCode ?? found.severity ?? configured as Severity),
        message: found.message,
        start,
        end: Math.max(start, end),
        fixes: usableFixes(rule.meta.id, found.fixes ?? [], options.onRuleError),
        tags: rule.meta.tags,
        ...(found.code ? { code: found.code } : {}),
      });
    };
    const ruleStart = timings ? performance.now() : 0;
    try {
      runRule(rule, file, project, today, report, options.defaults, options.hadolint);
    } catch (error) {
      if (options.onRuleError) options.onRuleError(rule.meta.id, error);
      else throw error;
    }
    if (timings) addTime(timings, rule.meta.id, ruleStart);
  }
  // Code-unit order for rule ids: the same everywhere, and no ICU collator to load on a CLI's first comparison.
  problems.sort((a, b) => a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return { kind, file, problems, dependencies: [...project.dependencies] };
}

/** Offsets of a reported node: a YAML node's `range` (value end), a Dockerfile node's line/character range. */
function nodeRange(file: ComposeFile | DockerfileFile, node: ReportNode): { start: number; end: number } {
  if ('getRange' in node) {
    const range = node.getRange();
    if (!range) return { start: 0, end: 0 };
    return { start: file.lines.offsetAt(range.start), end: file.lines.offsetAt(range.end) };
  }
  const range = node.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

/**
 * The fixes whose own edits can be applied: one whose edits overlap is a bug in its rule, reported like a rule that
 * throws (to onRuleError, else thrown) and left out, so fix-all and a quick fix never fail on it.
 */
function usableFixes(ruleId: string, reported: Fix[], onRuleError: LintOptions['onRuleError']): Fix[] {
  const fixes = reported.map(settleFix);
  if (!fixes.some((fix) => editsConflict(fix.edits))) return fixes;
  return fixes.filter((fix) => {
    if (!editsConflict(fix.edits)) return true;
    const error = new Error(`fix "${fix.title}" has overlapping edits`);
    if (!onRuleError) throw error;
    onRuleError(ruleId, error);
    return false;
  });
}

function addTime(timings: Map<string, number>, key: string, since: number): void {
  timings.set(key, (timings.get(key) ?? 0) + performance.now() - since);
}

function runRule(
  rule: Rule,
  file: ComposeFile | DockerfileFile,
  project: Project,
  today: Date,
  report: (found: Report) => void,
  defaults?: HardenDefaults,
  hadolint?: HadolintSettings,
): void {
  if (rule.kind === 'compose' && file.kind === 'compose') rule.check({ file, project, today, report, defaults });
  else if (rule.kind === 'dockerfile' && file.kind === 'dockerfile') rule.check({ file, project, today, report, defaults, hadolint });
}

/**
 * The severity `.hadolint.yaml` `override:` gives a problem of the rule: by the problem's own code when it has one,
 * else by the first of the rule's aliases listed. Undefined (the function) when it lists none of them.
 */
function codeSeverityOf(meta: RuleMeta, codeSeverities: Readonly<Record<string, Severity>>): ((code: string | undefined) => Severity | undefined) | undefined {
  const listed = (meta.aliases ?? []).filter((alias) => codeSeverities[alias.toLowerCase()] !== undefined);
  if (listed.length === 0) return undefined;
  return (code) => (code ? codeSeverities[code.toLowerCase()] : codeSeverities[listed[0].toLowerCase()]);
}

export function effectiveSeverity(meta: RuleMeta, options: Pick<LintOptions, 'rules' | 'profile'>): Severity | 'off' {
  const configured = options.rules?.[meta.id];
  if (configured) return configured;
  if (meta.strict) return options.profile === 'strict' ? 'warning' : 'off';
  return meta.severity;
}

/** The problem's message for a text over a size limit (the engine's, or a lower one an editor sets). */
export function tooLargeMessage(length: number, limit = MAX_LINT_BYTES): string {
  const mb = (value: number) => `${Number((value / 1024 / 1024).toFixed(1))} MB`;
  return `File too large to lint (${(length / 1024 / 1024).toFixed(1)} MB; the limit is ${mb(limit)}).`;
}

function unreadableReason(text: string): string | undefined {
  if (text.length > MAX_LINT_BYTES) return tooLargeMessage(text.length);
  const sample = text.length > 8192 ? text.slice(0, 8192) : text;
  if (sample.includes('\u0000')) return 'This is a binary file, not a text file: nothing to lint.';
  return undefined;
}

function instructionEndAt(file: DockerfileFile, line: number): number {
  for (const instruction of file.ast.getInstructions()) {
    const range = instruction.getRange();
    if (range.start.line === line) return file.lines.offsetAt(range.end);
  }
  return file.lines.lineEnd(line);
}

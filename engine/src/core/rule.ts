/** The rule API: a rule is its metadata and a check that reports problems (with optional fixes) at exact offsets. */
import type { ComposeFile } from '../compose/model';
import type { DockerfileFile } from '../dockerfile/model';
import type { Fix, HadolintSettings, HardenDefaults, RuleMeta, Severity } from './types';
import type { Project } from './project';

/**
 * Where a problem is: offsets into the linted text, or the node it is about (a YAML node, a Dockerfile instruction or
 * argument), whose range the linter reads.
 */
export type Report = ReportDetails & ({ start: number; end: number } | { node: ReportNode });

/** A YAML node (`range: [start, valueEnd, nodeEnd]`) or a `dockerfile-ast` node (`getRange()`). */
export type ReportNode =
  | { range?: readonly [number, number, number] | null }
  | { getRange(): { start: { line: number; character: number }; end: { line: number; character: number } } | null };

export interface ReportDetails {
  message: string;
  /** Overrides the rule's default severity for this problem (e.g. a literal secret is an error, an interpolated one a warning). */
  severity?: Severity;
  fixes?: Fix[];
  /**
   * For a rule carrying several hadolint/ShellCheck codes, the one this problem is (`DL3008` of the pinning rule):
   * `# hadolint ignore=`, `.hadolint.yaml` `ignored:` and SARIF then name this code, not all the rule's aliases.
   */
  code?: string;
}

export interface RuleContext<F> {
  file: F;
  /** Cross-file knowledge: linked Dockerfiles, .dockerignore files, compose files using a Dockerfile. */
  project: Project;
  /** Today's date (injectable in tests, for end-of-life checks). */
  today: Date;
  /** `.docker-harden.yaml` `defaults:` for the values fixes insert (resource limits, log rotation, restart). */
  defaults?: HardenDefaults;
  /** `.hadolint.yaml` settings (trusted registries, label schema) for the Dockerfile rules that read them. */
  hadolint?: HadolintSettings;
  report(report: Report): void;
}

export interface ComposeRule {
  kind: 'compose';
  meta: RuleMeta;
  check(context: RuleContext<ComposeFile>): void;
}

export interface DockerfileRule {
  kind: 'dockerfile';
  meta: RuleMeta;
  check(context: RuleContext<DockerfileFile>): void;
}

export type Rule = ComposeRule | DockerfileRule;

export function defineComposeRule(rule: Omit<ComposeRule, 'kind'>): ComposeRule {
  return { kind: 'compose', ...rule };
}

export function defineDockerfileRule(rule: Omit<DockerfileRule, 'kind'>): DockerfileRule {
  return { kind: 'dockerfile', ...rule };
}

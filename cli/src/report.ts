/** What the CLI reports: problems with 1-based lines and columns, files sorted by path, problems by position. */
import { chooseFix, LineIndex, SEVERITY_RANK, type Problem, type Severity } from '../../engine/src/index';
import { compareText } from './discover';

export interface ReportedProblem {
  ruleId: string;
  severity: Severity;
  message: string;
  /** 1-based, columns in UTF-16 code units (as editors count them). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The fix `docker-harden fix` would apply (safe) or `fix --unsafe` would (unsafe), if any. */
  fix: null | { safe: boolean; title: string };
  /** The hadolint or ShellCheck code the problem is, when its rule carries several (SARIF names it). */
  code?: string;
}

export interface FileReport {
  /** Relative to the working folder, with forward slashes. */
  path: string;
  problems: ReportedProblem[];
  /** This file's exit threshold when it differs from `--fail-on` (a Dockerfile's `.hadolint.yaml`). */
  failOn?: Severity | 'never';
}

/** Problems of any origin (rules or config) at offsets into `text`. */
export type OffsetProblem = Pick<Problem, 'ruleId' | 'severity' | 'message' | 'start' | 'end' | 'code'> & { fixes?: Problem['fixes'] };

export function toFileReport(displayPath: string, text: string, problems: readonly OffsetProblem[], failOn?: Severity | 'never'): FileReport {
  const lines = problems.length ? new LineIndex(text) : undefined;
  const reported = problems.map((problem): ReportedProblem => {
    const start = lines!.positionAt(problem.start);
    const end = lines!.positionAt(problem.end);
    const fix = problem.fixes?.length ? chooseFix(problem as Problem, false) ?? problem.fixes[0] : undefined;
    return {
      ruleId: problem.ruleId,
      severity: problem.severity,
      message: problem.message,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      fix: fix ? { safe: fix.safe, title: fix.title } : null,
      ...(problem.code ? { code: problem.code } : {}),
    };
  });
  reported.sort((a, b) => a.line - b.line || a.column - b.column || a.endLine - b.endLine || a.endColumn - b.endColumn || compareText(a.ruleId, b.ruleId));
  return { path: displayPath, problems: reported, ...(failOn ? { failOn } : {}) };
}

export function sortReports(reports: FileReport[]): FileReport[] {
  return reports.sort((a, b) => compareText(a.path, b.path));
}

/** Whether a problem is at or above the threshold: the file's own (`.hadolint.yaml`) when it has one, else `failOn`. */
export function hasProblemsAtOrAbove(reports: readonly FileReport[], failOn: Severity): boolean {
  return reports.some((file) => {
    const threshold = file.failOn ?? failOn;
    return threshold !== 'never' && file.problems.some((problem) => SEVERITY_RANK[problem.severity] >= SEVERITY_RANK[threshold]);
  });
}

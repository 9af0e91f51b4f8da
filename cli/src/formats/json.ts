/**
 * `--format json`: exactly one document, `{"version": 1, "files": [...]}`, the shape below (pinned by
 * test/cli/check.test.ts, "check --format json"); each `ruleId` is a rule of docs/rules/README.md, whose page is
 * docs/rules/<ruleId>.md.
 */
import type { ChangeDiff } from '../changes';
import type { FileReport } from '../report';

export function formatJson(reports: readonly FileReport[]): string {
  const files = reports.map((file) => ({
    path: file.path,
    problems: file.problems.map((p) => ({
      ruleId: p.ruleId,
      severity: p.severity,
      message: p.message,
      line: p.line,
      column: p.column,
      endLine: p.endLine,
      endColumn: p.endColumn,
      fix: p.fix ? { safe: p.fix.safe, title: p.fix.title } : null,
    })),
  }));
  return `${JSON.stringify({ version: 1, files })}\n`;
}

/**
 * `fix --dry-run --format json`: one document, `{"version": 1, "dryRun": true, "fixCount": n, "files": [...]}`, a
 * file per change with its masked unified diff; a secrets file with its mode and length, never its content.
 */
export function formatDryRunJson(changes: readonly ChangeDiff[], fixCount: number): string {
  return `${JSON.stringify({ version: 1, dryRun: true, fixCount, files: changes })}\n`;
}

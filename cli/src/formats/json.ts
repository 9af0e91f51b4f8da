/** `--format json`: exactly one document, `{"version": 1, "files": [...]}`, as RULES.md defines it. */
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

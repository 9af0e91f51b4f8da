/**
 * `--format github`: GitHub Actions workflow commands, one per problem, which GitHub shows as annotations on the
 * pull request: `::error file=...,line=...,col=...,endLine=...,endColumn=...,title=<ruleId>::message`.
 */
import type { Severity } from '../../../engine/src/index';
import type { FileReport } from '../report';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function formatGithub(reports: readonly FileReport[]): string {
  let out = '';
  for (const file of reports) {
    for (const p of file.problems) {
      const properties = [
        `file=${escapeProperty(file.path)}`,
        `line=${p.line}`,
        `col=${p.column}`,
        `endLine=${p.endLine}`,
        `endColumn=${p.endColumn}`,
        `title=${escapeProperty(p.ruleId)}`,
      ].join(',');
      out += `::${COMMAND[p.severity]} ${properties}::${escapeData(p.message)}\n`;
    }
  }
  return out;
}

/** The escaping of @actions/core's `issueCommand`. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

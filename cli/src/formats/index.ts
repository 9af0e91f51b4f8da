/** Picks the formatter; SARIF and GitHub are loaded only when asked for, to keep start-up cheap. */
import type { CliOptions } from '../args';
import type { FileReport } from '../report';
import { formatJson } from './json';
import { formatStylish } from './stylish';

export function formatReports(
  reports: readonly FileReport[],
  options: Pick<CliOptions, 'format' | 'profile'>,
  io: { color: boolean; cwd: string; version: string },
): string {
  switch (options.format) {
    case 'json':
      return formatJson(reports);
    case 'sarif': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { formatSarif } = require('./sarif') as typeof import('./sarif');
      return formatSarif(reports, { version: io.version, cwd: io.cwd, profile: options.profile });
    }
    case 'github': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { formatGithub } = require('./github') as typeof import('./github');
      return formatGithub(reports);
    }
    default:
      return formatStylish(reports, io.color);
  }
}

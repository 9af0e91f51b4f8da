/** `--format stylish` (the default): ESLint's readable report, coloured only on a terminal. */
import type { Severity } from '../../../engine/src/index';
import type { FileReport } from '../report';

const CODES = { reset: 0, bold: 1, dim: 2, underline: 4, red: 31, yellow: 33, blue: 34 } as const;

export function formatStylish(reports: readonly FileReport[], color: boolean): string {
  const paint = (text: string, ...styles: (keyof typeof CODES)[]) =>
    color && styles.length ? `\u001b[${styles.map((s) => CODES[s]).join(';')}m${text}\u001b[0m` : text;
  const severityStyle: Record<Severity, keyof typeof CODES> = { error: 'red', warning: 'yellow', info: 'blue' };
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let safeFixes = 0;
  let unsafeFixes = 0;
  let out = '';
  for (const file of reports) {
    if (file.problems.length === 0) continue;
    out += `\n${paint(file.path, 'underline')}\n`;
    const positions = file.problems.map((p) => `${p.line}:${p.column}`);
    const positionWidth = longest(positions);
    const severityWidth = longest(file.problems.map((p) => p.severity));
    const messages = file.problems.map((p) => p.message.replace(/\s*\r?\n\s*/g, ' '));
    const messageWidth = longest(messages);
    file.problems.forEach((p, i) => {
      counts[p.severity]++;
      if (p.fix?.safe) safeFixes++;
      else if (p.fix) unsafeFixes++;
      out +=
        `  ${paint(positions[i].padStart(positionWidth), 'dim')}  ` +
        `${paint(p.severity.padEnd(severityWidth), severityStyle[p.severity])}  ` +
        `${messages[i].padEnd(messageWidth)}  ${paint(p.ruleId, 'dim')}\n`;
    });
  }
  const total = counts.error + counts.warning + counts.info;
  if (total === 0) return '';
  const summary =
    `✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ` +
    `${plural(counts.info, 'info', 'infos')})`;
  out += `\n${paint(summary, 'bold', counts.error ? 'red' : counts.warning ? 'yellow' : 'blue')}\n`;
  if (safeFixes || unsafeFixes) {
    const safe = `${plural(safeFixes, 'problem')} fixable with \`docker-harden fix\``;
    const unsafe = '`docker-harden fix --unsafe`';
    const line = !unsafeFixes ? safe : safeFixes ? `${safe}, ${unsafeFixes} more with ${unsafe}` : `${plural(unsafeFixes, 'problem')} fixable with ${unsafe}`;
    out += `  ${line}\n`;
  }
  return out;
}

/** The length of the longest text (a loop: spreading 200,000 problems into Math.max overflows the stack). */
function longest(texts: readonly string[]): number {
  let width = 0;
  for (const text of texts) if (text.length > width) width = text.length;
  return width;
}

function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

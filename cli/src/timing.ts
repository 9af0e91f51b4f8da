/**
 * DOCKER_HARDEN_TIMING=1 (like ESLint's TIMING=1): after a run, the time each rule took over all files, slowest first,
 * written to stderr so a JSON or SARIF report on stdout stays as it is. `(parse)` is the parsing of the linted files;
 * a rule that is the first to read a linked file (a service's Dockerfile) pays for reading and parsing it. A number
 * (DOCKER_HARDEN_TIMING=20) shows that many rows, `all` every row; the default is 10.
 */
export function timingsWanted(env: NodeJS.ProcessEnv): boolean {
  const value = env.DOCKER_HARDEN_TIMING;
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

export function formatTimings(timings: ReadonlyMap<string, number>, setting: string | undefined): string {
  const rows = [...timings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  const count = setting === 'all' ? rows.length : Math.max(1, Number.parseInt(setting ?? '', 10) || 10);
  const shown = rows.slice(0, count).map(([id, ms]) => [id, ms.toFixed(1), total > 0 ? `${((100 * ms) / total).toFixed(1)}%` : '0.0%']);
  const header = ['Rule', 'Time (ms)', 'Relative'];
  const widths = header.map((title, column) => shown.reduce((width, row) => Math.max(width, row[column].length), title.length));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ');
  // Markdown alignment: each segment between pipes spans its cell and the spaces around it.
  const last = widths.length - 1;
  const rule = widths
    .map((width, column) => (column === 0 ? `:${'-'.repeat(width)}` : `${'-'.repeat(column === last ? width : width + 1)}:`))
    .join('|');
  const more = rows.length > shown.length ? `(${rows.length - shown.length} more; DOCKER_HARDEN_TIMING=all shows every rule)\n` : '';
  return `${line(header)}\n${rule}\n${shown.map(line).join('\n')}\n${more}Total ${total.toFixed(1)} ms\n`;
}

/**
 * A dedenting template tag for inline fixtures (as in eemeli/yaml's tests): the common indentation of the lines
 * is removed, a leading line break is dropped, and the result ends with exactly one line break.
 */
export function source(strings: TemplateStringsArray, ...values: unknown[]): string {
  let text = strings.raw.reduce((acc, part, index) => acc + part + (index < values.length ? String(values[index]) : ''), '');
  text = text.replace(/\\`/g, '`').replace(/\\\$/g, '$');
  const lines = text.replace(/^\n/, '').replace(/\n[ \t]*$/, '').split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join('\n') + '\n';
}

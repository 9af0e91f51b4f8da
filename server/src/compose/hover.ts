/**
 * Hover in compose files: what the compose-spec schema says of the key under the cursor (description, type, allowed
 * values, a link to the Compose reference), what the knowledge base knows of an `image:`, and, for a problem at the
 * cursor, its rule's rationale from the rule metadata bundled with the server (the text of the rule's docs page).
 */
import { docsUrl, type Severity } from '../../../engine/src/core/types';
import { Commands } from '../protocol';
import { hoverTarget } from './context';
import { imageSummary } from './images';
import { keyInfo, referenceUrl } from './schema';

export interface HoverProblem {
  ruleId: string;
  severity: Severity;
  message: string;
  rationale: string | undefined;
}

/**
 * Markdown for a hover at an offset of a compose file's text, and the offsets it is about; undefined when there is
 * nothing to say. Read from the lines (context.ts), not a parse.
 */
export function composeHover(text: string, offset: number, problems: HoverProblem[], today: string): { markdown: string; start: number; end: number } | undefined {
  const sections: string[] = [];
  for (const problem of problems) {
    const lines = [`**${problem.ruleId}** (${problem.severity}): ${problem.message}`];
    if (problem.rationale) lines.push('', problem.rationale);
    // The page shipped with the extension first (VS Code runs the command link), the online page second.
    const command = `command:${Commands.showDocumentation}?${encodeURIComponent(JSON.stringify([problem.ruleId]))}`;
    lines.push('', `[Show documentation](${command}) · [online](${docsUrl(problem.ruleId)})`);
    sections.push(lines.join('\n'));
  }
  const at = hoverTarget(text, offset);
  if (at) {
    if (at.path[0] === 'services' && at.path.length === 3 && at.path[2] === 'image' && at.on === 'value' && at.value) {
      const summary = imageSummary(at.value, today);
      if (summary) sections.push(summary);
    }
    if (at.on === 'key' || sections.length === 0) {
      const described = describeKey(at.path);
      if (described) sections.push(described);
    }
  }
  if (sections.length === 0) return undefined;
  return { markdown: sections.join('\n\n---\n\n'), start: at?.start ?? offset, end: at?.end ?? offset };
}

/** The schema's word on a key: description, type, values, reference link. */
export function describeKey(path: string[]): string | undefined {
  const info = keyInfo(path);
  if (!info) return undefined;
  const lines = [`**${info.key}**${info.types.length > 0 ? ` (${info.types.join(' | ')})` : ''}${info.deprecated ? ' (deprecated)' : ''}`];
  if (info.description) lines.push('', info.description);
  if (info.values.length > 0) lines.push('', `Values: ${info.values.map((value) => `\`${value}\``).join(', ')}`);
  const url = referenceUrl(path);
  if (url) lines.push('', `[Compose reference](${url})`);
  return lines.join('\n');
}

import { defineComposeRule } from '../../core/rule';
import { findPair, type ComposeFile } from '../../compose/model';
import { removePair } from '../../compose/edit';
import type { Edit } from '../../core/text';

export default defineComposeRule({
  meta: {
    id: 'compose/obsolete-version',
    severity: 'info',
    description: 'The top-level `version` key is obsolete.',
    rationale:
      'Compose v2 follows the Compose Specification and ignores `version`, printing a warning on every run. The key suggests a format choice that no longer exists; remove it.',
    examples: {
      incorrect: ["version: '3.8'\nservices:\n  web:\n    image: nginx:1.27\n"],
      correct: ['services:\n  web:\n    image: nginx:1.27\n'],
    },
    fixable: 'safe',
    tags: ['deprecated'],
  },
  check({ file, report }) {
    if (!file.root) return;
    const found = findPair(file.doc, file.root, 'version');
    if (!found || found.inherited) return;
    const key = found.pair.key as { range?: [number, number, number] };
    if (!key.range) return;
    const removal = removeWithBlankLine(file, found.pair);
    report({
      start: key.range[0],
      end: key.range[1],
      message: 'The top-level `version` key is obsolete: Compose ignores it and warns on every run.',
      fixes: removal ? [{ title: 'Remove the obsolete `version` key', safe: true, edits: [removal], preferred: true }] : [],
    });
  },
});

/** Removes the key and, when the next line is blank, that blank line too (so no gap is left at the top). */
function removeWithBlankLine(file: ComposeFile, pair: Parameters<typeof removePair>[1]): Edit | undefined {
  const edit = removePair(file, pair);
  if (!edit) return undefined;
  const nextLine = file.lines.positionAt(edit.end).line;
  if (edit.end < file.text.length && file.lines.lineText(nextLine).trim() === '' && nextLine + 1 < file.lines.lineCount) {
    return { ...edit, end: file.lines.lineStart(nextLine + 1) };
  }
  return edit;
}

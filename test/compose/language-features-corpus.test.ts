/**
 * The compose language features never throw on real files, and answer consistently: over every compose file of the
 * corpus, completion and hover at every line start, end and middle, the outline, names and their references, links
 * and inlay hints; every reference and definition range holds exactly its name, and renaming a name to itself
 * changes nothing.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { parseCompose } from '../../engine/src/compose/model';
import { composeCompletions } from '../../server/src/compose/completion';
import { cursorContext, hoverTarget, sectionNames } from '../../server/src/compose/context';
import { composeHover } from '../../server/src/compose/hover';
import { composeInlayHints } from '../../server/src/compose/inlayHints';
import { composeLinks } from '../../server/src/compose/links';
import { references, rename } from '../../server/src/compose/navigation';
import { nameOccurrences, SECTION_OF } from '../../server/src/compose/references';
import { composeSymbols } from '../../server/src/compose/symbols';
import { corpusRoot } from '../lib/corpus';

it('compose language features over the corpus: no exception, exact name ranges, identity renames', () => {
  const rows = fs.readFileSync(path.join(corpusRoot, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
  let files = 0;
  let completions = 0;
  let hovers = 0;
  let occurrences = 0;
  for (const [, relative, kind] of rows) {
    if (kind !== 'compose') continue;
    const filePath = path.join(corpusRoot, relative);
    const text = fs.readFileSync(filePath, 'utf8');
    files++;
    const file = parseCompose(filePath, text);
    const names = (nameKind: keyof typeof SECTION_OF) => sectionNames(text, SECTION_OF[nameKind]);
    let lineStart = 0;
    const lines = text.split('\n');
    // At most about 300 lines of a file: each request reads the lines above the cursor, so every line of a long file
    // would be quadratic in the test (once per keystroke in the editor).
    const every = Math.max(1, Math.ceil(lines.length / 300));
    for (const [index, line] of lines.entries()) {
      const offsets = index % every === 0 ? [lineStart, lineStart + Math.floor(line.length / 2), lineStart + line.length] : [];
      for (const offset of offsets) {
        const context = cursorContext(text, offset);
        if (context) {
          assert.ok(context.start <= offset && offset <= context.end, `${relative}@${offset}: the replaced range holds the cursor`);
          completions += composeCompletions(context, names, { snippets: true, indentUnit: 2, today: '2026-12-02' }).length;
        }
        if (composeHover(text, offset, [], '2026-12-02')) hovers++;
        const target = hoverTarget(text, offset);
        if (target) assert.ok(target.start <= offset && offset <= target.end, `${relative}@${offset}: the hover range holds the cursor`);
      }
      lineStart += line.length + 1;
    }
    composeSymbols(text);
    composeLinks(file, () => true);
    composeInlayHints(file, [file]);
    for (const occurrence of nameOccurrences(file)) {
      occurrences++;
      assert.equal(text.slice(occurrence.start, occurrence.end), occurrence.name, `${relative}: the range of ${occurrence.kind} ${occurrence.name}`);
      const same = rename([file], occurrence.start, occurrence.name);
      assert.ok(!('error' in same), `${relative}: ${occurrence.name} can be renamed to itself`);
      for (const edits of same.edits.values()) for (const edit of edits) assert.equal(text.slice(edit.start, edit.end), edit.newText);
    }
  }
  assert.ok(files > 300, `${files} corpus compose files`);
  assert.ok(completions > 10_000 && hovers > 5_000 && occurrences > 1_000, `${completions} completions, ${hovers} hovers, ${occurrences} names`);
});

it('finds the references written in x- blocks that services merge in (getsentry self-hosted)', () => {
  const filePath = path.join(corpusRoot, 'getsentry__self-hosted', 'docker-compose.yml');
  const text = fs.readFileSync(filePath, 'utf8');
  const file = parseCompose(filePath, text);
  const found = references([file], text.indexOf('\n  redis:\n') + 3, true).map((location) => `${text.slice(0, location.start).split('\n').length}:${text.slice(location.start, location.end)}`);
  // x-sentry-defaults and x-snuba-defaults depend on redis (lines 55 and 108); the definition (144); two services.
  assert.deepEqual(found, ['55:redis', '108:redis', '144:redis', '648:redis', '748:redis']);
});

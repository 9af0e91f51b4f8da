/**
 * The real-world corpus (../shared/corpus, 422 compose files and 67 Dockerfiles): every file lints without a rule
 * error, and fix-all (safe, then unsafe) keeps the round-trip properties: the output parses, compose files that
 * validated against the compose-spec schema still do, every comment survives, a second fix-all changes nothing,
 * and the original lines outside the fixes' edits are all still there, in order.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  applyEdits,
  applyFileChange,
  fixAll,
  lint,
  LineIndex,
  minimalEdits,
  selectFixes,
  type Edit,
  type FileKind,
  type Workspace,
} from '../../engine/src/index';
import { parseDockerfile } from '../../engine/src/dockerfile/model';
import {
  countComments,
  lostComments,
  missingUnchangedLines,
  overlayWorkspace,
  readManifest,
  schemaErrors,
  validatesAgainstSchema,
  yamlErrors,
  type CorpusEntry,
} from './lib';

const entries = readManifest();

interface Figures {
  files: number;
  compose: number;
  dockerfiles: number;
  problems: number;
  remaining: number;
  fixes: number;
  changedFiles: number;
  otherFiles: number;
  comments: number;
  schemaValid: number;
  linesChanged: number;
  ms: number;
}

const figures: Record<'safe' | 'unsafe', Figures> = {
  safe: blankFigures(),
  unsafe: blankFigures(),
};

function blankFigures(): Figures {
  return { files: 0, compose: 0, dockerfiles: 0, problems: 0, remaining: 0, fixes: 0, changedFiles: 0, otherFiles: 0, comments: 0, schemaValid: 0, linesChanged: 0, ms: 0 };
}

/**
 * Fix-all replayed pass by pass (lint, select non-overlapping fixes, apply), recording which lines of the original
 * text any fix edit touched. Its output must equal the engine's fixAll: so everything outside those lines is the
 * original text, byte for byte.
 */
function replayFixAll(filePath: string, text: string, workspace: Workspace, unsafe: boolean, onRuleError: (id: string, e: unknown) => void) {
  const overlay = new Map<string, { before: string | undefined; after: string; mode?: number }>();
  const layered: Workspace = {
    readFile: (p) => overlay.get(path.resolve(p))?.after ?? workspace.readFile(p),
    exists: (p) => overlay.has(path.resolve(p)) || workspace.exists(p),
    // As fixAll's own overlay: rules list folders (other compose files of the project, the app's source).
    listDirectory: workspace.listDirectory?.bind(workspace),
  };
  const original = new LineIndex(text);
  const touched = new Set<number>();
  // For every character of the current text, its offset in the original (-1 when a fix inserted it).
  let origin: Int32Array = Int32Array.from({ length: text.length }, (_, i) => i);
  let current = text;
  let firstProblems = 0;
  for (let pass = 0; pass < 10; pass++) {
    const linted = lint(filePath, current, { workspace: layered, onRuleError });
    if (pass === 0) firstProblems = linted.problems.length;
    if (pass === 0 && linted.kind === undefined) throw new Error(`${filePath}: not recognised as a compose file or Dockerfile`);
    const fixes = selectFixes(linted.problems, unsafe);
    if (fixes.length === 0) break;
    const edits = fixes.flatMap((fix) => fix.edits);
    for (const edit of edits) markTouched(edit, origin, current, original, touched);
    const next = applyEdits(current, edits);
    origin = remapOrigin(origin, edits, next.length);
    let otherChanged = false;
    for (const fix of fixes) for (const change of fix.otherFiles ?? []) otherChanged = applyFileChange(change, overlay, workspace) || otherChanged;
    const unchanged = next === current;
    current = next;
    if (unchanged && !otherChanged) break;
  }
  return { output: current, touched, firstProblems };
}

function markTouched(edit: Edit, origin: Int32Array, current: string, original: LineIndex, touched: Set<number>): void {
  const lineOfCurrent = (offset: number): number | undefined => {
    // The original line of the nearest original character at or before the offset.
    for (let i = Math.min(offset, origin.length - 1); i >= 0; i--) if (origin[i] >= 0) return original.positionAt(origin[i]).line;
    return 0;
  };
  if (edit.start === edit.end) {
    // An insertion between two lines leaves both intact.
    const atLineStart = edit.start === 0 || current[edit.start - 1] === '\n';
    if (atLineStart && edit.text.endsWith('\n')) return;
    const line = lineOfCurrent(edit.start);
    if (line !== undefined) touched.add(line);
    return;
  }
  for (let i = edit.start; i < edit.end; i++) if (origin[i] >= 0) touched.add(original.positionAt(origin[i]).line);
  const first = lineOfCurrent(edit.start);
  if (first !== undefined) touched.add(first);
}

function remapOrigin(origin: Int32Array, edits: readonly Edit[], length: number): Int32Array {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const next = new Int32Array(length);
  let cursor = 0;
  let out = 0;
  for (const edit of sorted) {
    for (let i = cursor; i < edit.start; i++) next[out++] = origin[i];
    for (let i = 0; i < edit.text.length; i++) next[out++] = -1;
    cursor = edit.end;
  }
  for (let i = cursor; i < origin.length; i++) next[out++] = origin[i];
  return next;
}

function assertParses(output: string, kind: FileKind, label: string): void {
  if (kind === 'compose') {
    assert.deepEqual(yamlErrors(output), [], `${label}: the fix output does not parse as YAML`);
  } else {
    // The Dockerfile parser never throws; an instruction-less result from a non-empty file would mean a broken output.
    const parsed = parseDockerfile('/x/Dockerfile', output);
    assert.ok(parsed.ast.getInstructions().length > 0 || output.trim() === '' || /^\s*(#.*)?$/m.test(output), `${label}: no instruction left`);
  }
}

function checkFile(entry: CorpusEntry, unsafe: boolean): void {
  const mode = unsafe ? 'unsafe' : 'safe';
  const label = `${entry.path} (${mode})`;
  const started = performance.now();
  const text = fs.readFileSync(entry.absolutePath, 'utf8');
  const workspace = overlayWorkspace(entry.root, []);
  const ruleErrors: string[] = [];
  const onRuleError = (ruleId: string, error: unknown) =>
    ruleErrors.push(`${ruleId}: ${error instanceof Error ? error.stack?.split('\n').slice(0, 4).join(' | ') : String(error)}`);

  const validBefore = entry.kind === 'compose' && validatesAgainstSchema(text);

  const result = fixAll(entry.absolutePath, text, { workspace, unsafe, onRuleError });
  assert.deepEqual(ruleErrors, [], `${label}: a rule threw`);
  const { output } = result;

  assertParses(output, entry.kind, label);
  // A comment may move with what it belongs to (a bind mount moved to the override file).
  assert.deepEqual(lostComments(text, [output, ...result.otherFiles.map((other) => other.after)].join('\n'), entry.kind), [], `${label}: comments lost`);
  if (validBefore) assert.ok(validatesAgainstSchema(output), `${label}: valid before the fixes, invalid after: ${schemaErrors(output)}`);

  // Outside the lines the fixes' edits touched, the original is still there, in order. The replay repeats
  // fix-all's passes, so it runs in the safe mode only (the unsafe fix-all goes through the same code).
  let problems = 0;
  if (!unsafe) {
    const replay = replayFixAll(entry.absolutePath, text, workspace, unsafe, onRuleError);
    problems = replay.firstProblems;
    assert.equal(replay.output, output, `${label}: fixAll's output differs from applying the selected fixes`);
    assert.deepEqual(missingUnchangedLines(text, output, replay.touched), [], `${label}: lines outside the fix edits changed`);
  }
  const edits = minimalEdits(text, output);
  assert.equal(applyEdits(text, edits), output, `${label}: minimalEdits does not reproduce the output`);

  // A second fix-all (seeing the files the first one created) changes nothing.
  const again = fixAll(entry.absolutePath, output, { workspace: overlayWorkspace(entry.root, result.otherFiles), unsafe, onRuleError });
  assert.equal(again.output, output, `${label}: a second fix-all changed the file`);
  assert.deepEqual(again.otherFiles.map((f) => f.path), [], `${label}: a second fix-all changed other files`);
  assert.deepEqual(ruleErrors, [], `${label}: a rule threw on the fixed output`);

  for (const other of result.otherFiles) {
    if (other.before !== undefined) {
      const otherKind: FileKind = /docker-?compose|compose\.|\.ya?ml$/i.test(path.basename(other.path)) ? 'compose' : 'dockerfile';
      if (/Dockerfile|\.ya?ml$/i.test(path.basename(other.path))) {
        assert.deepEqual(lostComments(other.before, other.after, otherKind), [], `${label}: comments lost in ${other.path}`);
      }
    }
  }

  const f = figures[mode];
  f.files++;
  if (entry.kind === 'compose') f.compose++;
  else f.dockerfiles++;
  f.problems += problems;
  f.remaining += result.remaining.length;
  f.fixes += result.fixCount;
  if (output !== text) f.changedFiles++;
  f.otherFiles += result.otherFiles.length;
  f.comments += countComments(text, entry.kind);
  if (validBefore) f.schemaValid++;
  for (const edit of edits) f.linesChanged += text.slice(edit.start, edit.end).split('\n').length;
  f.ms += performance.now() - started;
}

describe('corpus', () => {
  it('lists the files of MANIFEST.tsv', () => {
    assert.equal(entries.filter((e) => e.kind === 'compose').length, 422);
    assert.equal(entries.filter((e) => e.kind === 'dockerfile').length, 67);
  });

  for (const unsafe of [false, true]) {
    const mode = unsafe ? 'unsafe' : 'safe';
    describe(`${mode} fix-all`, () => {
      for (const source of [...new Set(entries.map((e) => e.source))]) {
        it(`${source}: lints, fixes and round-trips every file`, () => {
          for (const entry of entries.filter((e) => e.source === source)) checkFile(entry, unsafe);
        });
      }
    });
  }

  after(() => {
    const cpu = process.cpuUsage();
    console.log(`corpus: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU in this process (wall-clock times below depend on the machine's load)`);
    for (const mode of ['safe', 'unsafe'] as const) {
      const f = figures[mode];
      console.log(
        `corpus ${mode} fix-all: ${f.files} files (${f.compose} compose, ${f.dockerfiles} Dockerfiles), ${mode === 'safe' ? `${f.problems} problems found, ` : ''}${f.remaining} left after the fixes, ` +
          `${f.fixes} fixes applied in ${f.changedFiles} files (+${f.otherFiles} other files), ${f.comments} comments preserved, ` +
          `${f.schemaValid} schema-valid compose files still valid, ${f.linesChanged} original lines edited, ${(f.ms / 1000).toFixed(1)}s`,
      );
    }
  });
});

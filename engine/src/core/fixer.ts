/**
 * Applying fixes, as ESLint does: sort, skip overlapping fixes, apply, re-lint, repeat (bounded passes).
 * Changes to other files (a Dockerfile, a secrets file, `.gitignore`) are kept in an overlay, so later passes see
 * them and the caller writes them at the end (or turns them into one WorkspaceEdit).
 */
import path = require('node:path');
import { lint, type LintOptions } from './linter';
import { applyEdits, detectEol, editsOverlap, type Edit } from './text';
import type { FileChange, Fix, Problem } from './types';
import { diskWorkspace, type Workspace } from './workspace';

export interface FixOptions extends LintOptions {
  /** Apply unsafe fixes too (Harden service, `docker-harden fix --unsafe`). */
  unsafe?: boolean;
  /** Only fix problems this returns true for (a rule, a service's range). */
  filter?: (problem: Problem, text: string) => boolean;
  /** Only apply fixes this accepts (Harden service refuses a fix that would also edit another service). */
  acceptFix?: (fix: Fix, text: string) => boolean;
  maxPasses?: number;
}

export interface ChangedFile {
  path: string;
  /** The content before (undefined when the fix creates the file). */
  before: string | undefined;
  after: string;
  /** Mode for a created file (0o600 for secrets). */
  mode?: number;
}

export interface FixAllResult {
  output: string;
  /** Number of fixes applied over all passes. */
  fixCount: number;
  passes: number;
  /** Other files changed by cross-file fixes. */
  otherFiles: ChangedFile[];
  /** Problems left after the last pass. */
  remaining: Problem[];
}

/** The fix a problem would get in fix-all: its first fix of the allowed safety (and accepted, when asked). */
export function chooseFix(problem: Problem, unsafe: boolean, accept?: (fix: Fix) => boolean): Fix | undefined {
  return problem.fixes.find((fix) => (fix.safe || unsafe) && (!accept || accept(fix)));
}

/** Picks non-overlapping fixes in document order. */
export function selectFixes(
  problems: readonly Problem[],
  unsafe: boolean,
  filter?: (problem: Problem) => boolean,
  accept?: (fix: Fix) => boolean,
): Fix[] {
  const chosen: Fix[] = [];
  const used: Edit[] = [];
  for (const problem of problems) {
    if (filter && !filter(problem)) continue;
    const fix = chooseFix(problem, unsafe, accept);
    if (!fix || (fix.edits.length === 0 && !fix.otherFiles?.length)) continue;
    if (editsOverlap(fix.edits, used)) continue;
    chosen.push(fix);
    used.push(...fix.edits);
  }
  return chosen;
}

export function fixAll(filePath: string, text: string, options: FixOptions = {}): FixAllResult {
  const absolutePath = path.resolve(filePath);
  const base = options.workspace ?? diskWorkspace(path.dirname(absolutePath));
  const overlay = new Map<string, { before: string | undefined; after: string; mode?: number }>();
  const workspace: Workspace = {
    readFile: (p) => overlay.get(path.resolve(p))?.after ?? base.readFile(p),
    exists: (p) => overlay.has(path.resolve(p)) || base.exists(p),
    // Fixes create files (secrets, .dockerignore), not the source folders a listing is asked for.
    listDirectory: base.listDirectory?.bind(base),
  };
  const maxPasses = options.maxPasses ?? 10;
  let output = text;
  let fixCount = 0;
  let passes = 0;
  let remaining: Problem[] = [];
  for (; passes < maxPasses; passes++) {
    const result = lint(absolutePath, output, { ...options, workspace });
    remaining = result.problems;
    const current = output;
    const accept = options.acceptFix && ((fix: Fix) => options.acceptFix!(fix, current));
    const filter = options.filter && ((problem: Problem) => options.filter!(problem, current));
    const fixes = selectFixes(result.problems, options.unsafe ?? false, filter, accept);
    if (fixes.length === 0) break;
    const before = output;
    output = applyEdits(output, fixes.flatMap((fix) => fix.edits));
    let otherChanged = false;
    for (const fix of fixes) {
      for (const change of fix.otherFiles ?? []) otherChanged = applyFileChange(change, overlay, base) || otherChanged;
    }
    fixCount += fixes.length;
    if (output === before && !otherChanged) break;
  }
  if (passes === maxPasses) remaining = lint(absolutePath, output, { ...options, workspace }).problems;
  const otherFiles = [...overlay.entries()]
    .filter(([, change]) => change.after !== change.before)
    .map(([p, change]) => ({ path: p, before: change.before, after: change.after, mode: change.mode }));
  return { output, fixCount, passes, otherFiles, remaining };
}

/** Applies one file change to the overlay; returns whether anything changed. */
export function applyFileChange(
  change: FileChange,
  overlay: Map<string, { before: string | undefined; after: string; mode?: number }>,
  base: Workspace,
): boolean {
  const key = path.resolve(change.path);
  const current = overlay.get(key);
  const before = current ? current.before : base.readFile(key);
  const now = current ? current.after : before;
  let after: string;
  if (change.kind === 'create') {
    if (now !== undefined && !change.overwrite) return false;
    after = change.content;
  } else if (change.kind === 'edit') {
    if (now === undefined) return false;
    after = applyEdits(now, change.edits);
  } else {
    after = withLines(now ?? '', change.lines);
  }
  if (after === now) return false;
  overlay.set(key, { before, after, mode: change.kind === 'create' ? change.mode : current?.mode });
  return true;
}

/** Appends the lines a text lacks (compared trimmed), keeping its line breaks. */
export function withLines(text: string, lines: readonly string[]): string {
  const present = new Set(text.split(/\r?\n/).map((line) => line.trim()));
  const missing = lines.filter((line) => !present.has(line.trim()));
  if (missing.length === 0) return text;
  const eol = detectEol(text);
  const separator = text === '' || text.endsWith('\n') ? '' : eol;
  return text + separator + missing.join(eol) + eol;
}

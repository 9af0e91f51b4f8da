/**
 * Applying fixes, as ESLint does: sort, skip overlapping fixes, apply, re-lint, repeat (bounded passes).
 * Changes to other files (a Dockerfile, a secrets file, `.gitignore`) are kept in an overlay, so later passes see
 * them and the caller writes them at the end (or turns them into one WorkspaceEdit).
 */
import * as path from './paths';
import { lint, type LintOptions } from './linter';
import { unverified } from './evidence';
import { applyEdits, detectEol, editsOverlap, type Edit } from './text';
import type { FileChange, Fix, Problem, SecretSource, SecretSpan } from './types';
import { canCreateFile, NO_FILES, type Workspace } from './workspace';

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
  /** Mode for a created file (0o644 for a secrets file). */
  mode?: number;
  /** Mode for the folders a created file needs (0o700 for `secrets/`). */
  folderMode?: number;
  /** The content is a secret value: never printed (whatever its mode). */
  secret?: boolean;
  /** Secret values moved out of this file, for output to mask. */
  secretSources?: SecretSource[];
}

/** Other files as the fixes leave them, by absolute path. */
export type FileOverlay = Map<string, Omit<ChangedFile, 'path'>>;

/** The files an overlay changes. */
export function changedFilesOf(overlay: FileOverlay): ChangedFile[] {
  return [...overlay.entries()].filter(([, change]) => change.after !== change.before).map(([p, change]) => ({ path: p, ...change }));
}

/**
 * Whether a fix would create a file that is already there with other content (or a secrets file where none can be
 * created): such a fix is not applied, so nothing it moves (a secret's value) is dropped and nothing is reused silently.
 */
export function blockedFileChange(fix: Fix, overlay: FileOverlay, base: Workspace, claimed?: Map<string, string>): boolean {
  const blocked = (fix.otherFiles ?? []).some((change) => {
    if (change.kind !== 'create' || change.overwrite) return false;
    const key = path.resolve(change.path);
    const now = claimed?.get(key) ?? (overlay.has(key) ? overlay.get(key)!.after : base.readFile(key));
    if (now !== undefined) return now !== change.content;
    return change.secret === true && !canCreateFile(base, key);
  });
  // Files this pass's earlier fixes create count as there (two fixes never create one path with two contents).
  if (!blocked && claimed) for (const change of fix.otherFiles ?? []) if (change.kind === 'create') claimed.set(path.resolve(change.path), change.content);
  return blocked;
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
  /** The secret values the applied fixes moved out of the file, for output to mask. */
  secretSources: SecretSource[];
  /** Each fix applied, with the claims it rests on that have no evidence (what a reviewer must verify). */
  applied: AppliedFix[];
}

export interface AppliedFix {
  title: string;
  safe: boolean;
  unverified: string[];
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
  const used = new UsedEdits();
  for (const problem of problems) {
    if (filter && !filter(problem)) continue;
    const fix = chooseFix(problem, unsafe, accept);
    if (!fix || (fix.edits.length === 0 && !fix.otherFiles?.length)) continue;
    if (used.overlaps(fix.edits)) continue;
    chosen.push(fix);
    used.add(fix.edits);
  }
  return chosen;
}

/**
 * The edits of the fixes chosen so far, by the stretches of text they touch: a new fix is compared with the edits near
 * its own (editsOverlap on every chosen edit made fix-all quadratic: 13 s to choose among 116,000 fixes of a 1 MB file).
 * Two edits that overlap touch a common offset, and both are filed under that offset's stretch.
 */
class UsedEdits {
  private static readonly STRETCH = 4096;
  private readonly byStretch = new Map<number, Edit[]>();

  overlaps(edits: readonly Edit[]): boolean {
    for (const edit of edits) {
      for (let stretch = UsedEdits.first(edit); stretch <= UsedEdits.last(edit); stretch++) {
        const near = this.byStretch.get(stretch);
        if (near && editsOverlap([edit], near)) return true;
      }
    }
    return false;
  }

  add(edits: readonly Edit[]): void {
    for (const edit of edits) {
      for (let stretch = UsedEdits.first(edit); stretch <= UsedEdits.last(edit); stretch++) {
        const near = this.byStretch.get(stretch);
        if (near) near.push(edit);
        else this.byStretch.set(stretch, [edit]);
      }
    }
  }

  private static first(edit: Edit): number {
    return Math.floor(edit.start / UsedEdits.STRETCH);
  }

  private static last(edit: Edit): number {
    return Math.floor(Math.max(edit.start, edit.end) / UsedEdits.STRETCH);
  }
}

export function fixAll(filePath: string, text: string, options: FixOptions = {}): FixAllResult {
  const absolutePath = path.resolve(filePath);
  const base = options.workspace ?? NO_FILES;
  const overlay: FileOverlay = new Map();
  const workspace: Workspace = {
    readFile: (p) => overlay.get(path.resolve(p))?.after ?? base.readFile(p),
    exists: (p) => overlay.has(path.resolve(p)) || base.exists(p),
    // Fixes create files (secrets, .dockerignore), not the source folders a listing is asked for.
    listDirectory: base.listDirectory?.bind(base),
    canCreate: (p) => !overlay.has(path.resolve(p)) && canCreateFile(base, p),
  };
  const maxPasses = options.maxPasses ?? 10;
  let output = text;
  let fixCount = 0;
  let passes = 0;
  let remaining: Problem[] = [];
  const secretSources: SecretSource[] = [];
  const applied: AppliedFix[] = [];
  for (; passes < maxPasses; passes++) {
    const result = lint(absolutePath, output, { ...options, workspace });
    remaining = result.problems;
    const current = output;
    const accept = options.acceptFix && ((fix: Fix) => options.acceptFix!(fix, current));
    const filter = options.filter && ((problem: Problem) => options.filter!(problem, current));
    const claimed = new Map<string, string>();
    // (A fix whose own edits overlap never gets here: lint leaves it out and reports it.)
    const creatable = (fix: Fix) => !blockedFileChange(fix, overlay, base, claimed);
    const fixes = selectFixes(result.problems, options.unsafe ?? false, filter, accept ? (fix) => accept(fix) && creatable(fix) : creatable);
    if (fixes.length === 0) break;
    const before = output;
    for (const span of fixes.flatMap((fix) => fix.secrets ?? [])) secretSources.push(secretSource(before, span));
    output = applyEdits(output, fixes.flatMap((fix) => fix.edits));
    let otherChanged = false;
    for (const fix of fixes) {
      for (const change of fix.otherFiles ?? []) otherChanged = applyFileChange(change, overlay, base) || otherChanged;
    }
    fixCount += fixes.length;
    for (const fix of fixes) applied.push({ title: fix.title, safe: fix.safe, unverified: unverified(fix) });
    if (output === before && !otherChanged) break;
  }
  if (passes === maxPasses) remaining = lint(absolutePath, output, { ...options, workspace }).problems;
  const otherFiles = changedFilesOf(overlay);
  return { output, fixCount, passes, otherFiles, remaining, secretSources, applied };
}

/** The lines a secret's source text is on, and where on them. */
export function secretSource(text: string, span: SecretSpan): SecretSource {
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  let lineEnd = text.indexOf('\n', Math.max(span.start, span.end - 1));
  if (lineEnd < 0) lineEnd = text.length;
  const lines = text.slice(lineStart, lineEnd).split('\n').map((line) => line.replace(/\r$/, ''));
  // Offsets in the joined lines: a CRLF file's `\r`s are not in them.
  const offset = (at: number) => at - lineStart - (text.slice(lineStart, at).match(/\r\n/g)?.length ?? 0);
  return { lines, start: offset(span.start), end: offset(span.end), value: span.value };
}

/** Applies one file change to the overlay; returns whether anything changed. */
export function applyFileChange(change: FileChange, overlay: FileOverlay, base: Workspace): boolean {
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
  const entry: Omit<ChangedFile, 'path'> = { before, after };
  const mode = change.kind === 'create' ? change.mode : current?.mode;
  const folderMode = change.kind === 'create' ? change.folderMode : current?.folderMode;
  if (mode !== undefined) entry.mode = mode;
  if (folderMode !== undefined) entry.folderMode = folderMode;
  if ((change.kind === 'create' && change.secret) || current?.secret) entry.secret = true;
  overlay.set(key, entry);
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

/**
 * Rule tests as data (ESLint's RuleTester, hadolint's ruleCatches): `valid` texts raise nothing; `invalid` cases list
 * the exact problems and the exact text after the rule's fixes. The tester refuses an invalid case without `output`
 * when the rule fixed something, and duplicate cases. Every fix output must parse, keep every comment, and be
 * stable (fixing it again changes nothing).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { fixAll, lint, memoryWorkspace, type HadolintSettings, type HardenDefaults, type Problem, type Rule, type Severity, LineIndex } from '../../engine/src/index';

export interface ExpectedProblem {
  /** 1-based, as shown to users. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message?: string | RegExp;
  severity?: Severity;
  /** Titles of the fixes offered, in order. */
  fixes?: string[];
  /** The hadolint/ShellCheck code the problem names (rules carrying several codes). */
  code?: string;
}

export interface ValidCase {
  name?: string;
  code: string;
  filename?: string;
  /** Other files of the workspace, relative to the linted file's folder. */
  files?: Record<string, string>;
  today?: string;
  /** `.docker-harden.yaml` `defaults:` for this case. */
  defaults?: HardenDefaults;
  /** `.hadolint.yaml` settings for this case (trusted registries, label schema). */
  hadolint?: HadolintSettings;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedProblem[];
  /** The text after fix-all with this rule's safe fixes; null when the rule offers no safe fix here. */
  output?: string | null;
  /** The text after fix-all including unsafe fixes (only for rules with unsafe fixes). */
  unsafeOutput?: string | null;
  /** Other files after the unsafe fix-all, relative to the linted file's folder (cross-file fixes). */
  unsafeFiles?: Record<string, string>;
}

const ROOT = path.resolve('/workspace');

export interface RuleCases {
  valid: (string | ValidCase)[];
  invalid: InvalidCase[];
}

export function ruleTester(rule: Rule, cases: RuleCases): void {
  const seen = new Set<string>();
  const guardDuplicate = (c: ValidCase) => {
    const key = JSON.stringify([c.code, c.filename, c.files, c.hadolint]);
    if (seen.has(key)) throw new Error(`duplicate test case for ${rule.meta.id}:\n${c.code}`);
    seen.add(key);
  };
  describe(rule.meta.id, () => {
    for (const [index, raw] of cases.valid.entries()) {
      const c: ValidCase = typeof raw === 'string' ? { code: raw } : raw;
      guardDuplicate(c);
      it(`valid #${index + 1}${c.name ? `: ${c.name}` : ''}`, () => checkValid(rule, c));
    }
    for (const [index, c] of cases.invalid.entries()) {
      guardDuplicate(c);
      it(`invalid #${index + 1}${c.name ? `: ${c.name}` : ''}`, () => checkInvalid(rule, c));
    }
  });
}

function setup(rule: Rule, c: ValidCase) {
  const filePath = path.join(ROOT, c.filename ?? (rule.kind === 'compose' ? 'compose.yaml' : 'Dockerfile'));
  const files: Record<string, string> = { [filePath]: c.code };
  for (const [relative, text] of Object.entries(c.files ?? {})) files[path.resolve(path.dirname(filePath), relative)] = text;
  const options = {
    only: [rule.meta.id],
    ruleSet: [rule],
    // Strict rules are off by default: turn them on. Others keep their per-problem severities (not overridden).
    rules: rule.meta.strict ? { [rule.meta.id]: rule.meta.severity } : undefined,
    workspace: memoryWorkspace(files),
    today: c.today ? new Date(c.today) : new Date('2026-11-25T00:00:00Z'),
    defaults: c.defaults,
    hadolint: c.hadolint,
  };
  return { filePath, options };
}

/** Throws when a valid case raises a problem. */
export function checkValid(rule: Rule, c: ValidCase): void {
  const { filePath, options } = setup(rule, c);
  const result = lint(filePath, c.code, options);
  assert.deepEqual(result.problems.map((p) => describeProblem(c.code, p)), [], 'a valid case raised problems');
}

/** Throws when an invalid case's problems, positions, fixes or outputs differ from what it states. */
export function checkInvalid(rule: Rule, c: InvalidCase): void {
  assert.ok(c.errors.length > 0, 'an invalid case must list at least one expected problem');
  const { filePath, options } = setup(rule, c);
  const result = lint(filePath, c.code, options);
  const lines = new LineIndex(c.code);
  assert.equal(result.problems.length, c.errors.length, `expected ${c.errors.length} problems, got:\n${result.problems.map((p) => describeProblem(c.code, p)).join('\n')}`);
  c.errors.forEach((expected, i) => {
    const problem = result.problems[i];
    const start = lines.positionAt(problem.start);
    const end = lines.positionAt(problem.end);
    const got: Record<string, unknown> = { line: start.line + 1, column: start.character + 1 };
    const want: Record<string, unknown> = { line: expected.line, column: expected.column };
    if (expected.endLine !== undefined) { got.endLine = end.line + 1; want.endLine = expected.endLine; }
    if (expected.endColumn !== undefined) { got.endColumn = end.character + 1; want.endColumn = expected.endColumn; }
    if (expected.severity !== undefined) { got.severity = problem.severity; want.severity = expected.severity; }
    if (expected.fixes !== undefined) { got.fixes = problem.fixes.map((f) => f.title); want.fixes = expected.fixes; }
    if (expected.code !== undefined) { got.code = problem.code; want.code = expected.code; }
    assert.deepEqual(got, want, `problem #${i + 1}: ${problem.message}`);
    assert.equal(problem.ruleId, rule.meta.id);
    if (typeof expected.message === 'string') assert.equal(problem.message, expected.message);
    else if (expected.message) assert.match(problem.message, expected.message);
  });

  const safe = fixAll(filePath, c.code, options);
  if (c.output === undefined) {
    assert.equal(safe.output, c.code, `${rule.meta.id} fixed this case: give its \`output\`:\n${safe.output}`);
  } else {
    assert.equal(safe.output, c.output ?? c.code, 'output after safe fixes');
    if (c.output !== null) checkFixOutput(rule, c.code, safe.output, filePath, options, safe.otherFiles.map((f) => f.after));
    if (c.output !== null) recordFix(rule, c, filePath, safe, false);
  }
  if (c.unsafeOutput !== undefined) {
    const unsafe = fixAll(filePath, c.code, { ...options, unsafe: true });
    assert.equal(unsafe.output, c.unsafeOutput ?? c.code, 'output after unsafe fixes');
    if (c.unsafeOutput !== null) checkFixOutput(rule, c.code, unsafe.output, filePath, { ...options, unsafe: true }, unsafe.otherFiles.map((f) => f.after));
    if (c.unsafeOutput !== null) recordFix(rule, c, filePath, unsafe, true);
    if (c.unsafeFiles) {
      const changed = Object.fromEntries(unsafe.otherFiles.map((f) => [path.relative(path.dirname(filePath), f.path), f.after]));
      assert.deepEqual(changed, c.unsafeFiles, 'other files after unsafe fixes');
    }
  } else if (rule.meta.fixable === 'unsafe' && result.problems.some((p) => p.fixes.some((f) => !f.safe))) {
    assert.fail(`${rule.meta.id} offers an unsafe fix here: give \`unsafeOutput\``);
  }
}

/**
 * With DOCKER_HARDEN_RECORD_FIXES=<folder>, every checked fix output is appended to <folder>/<pid>.jsonl with the case's
 * files: test/docker/rule-outputs.test.ts passes the compose outputs to `docker compose config`.
 */
function recordFix(rule: Rule, c: InvalidCase, filePath: string, result: ReturnType<typeof fixAll>, unsafe: boolean): void {
  const dir = process.env.DOCKER_HARDEN_RECORD_FIXES;
  if (!dir) return;
  const rel = (p: string) => path.relative(path.dirname(filePath), p).split(path.sep).join('/');
  const otherFiles = Object.fromEntries(result.otherFiles.map((f) => [rel(f.path), f.after]));
  const record = { rule: rule.meta.id, kind: rule.kind, name: c.name, filename: path.relative(ROOT, filePath), files: c.files ?? {}, before: c.code, after: result.output, otherFiles, unsafe };
  fs.appendFileSync(path.join(dir, `${process.pid}.jsonl`), `${JSON.stringify(record)}\n`);
}

/**
 * Round-trip properties of a fix: the output parses, every comment survives (in the file, or moved with what it
 * belongs to into a file the fix wrote), and fixing again changes nothing.
 */
function checkFixOutput(rule: Rule, before: string, after: string, filePath: string, options: Parameters<typeof fixAll>[2], otherFiles: string[] = []): void {
  if (rule.kind === 'compose') {
    const doc = parseDocument(after, { merge: true });
    assert.deepEqual(doc.errors.map((e) => e.message), [], 'fix output must parse');
  }
  for (const comment of comments(before, rule.kind)) {
    assert.ok(after.includes(comment) || otherFiles.some((other) => other.includes(comment)), `fix lost the comment ${JSON.stringify(comment)}`);
  }
  const again = fixAll(filePath, after, options);
  assert.equal(again.output, after, 'fixing the output again must change nothing');
}

function comments(text: string, kind: 'compose' | 'dockerfile'): string[] {
  const found: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const hash = kind === 'dockerfile' ? (line.trimStart().startsWith('#') ? line.indexOf('#') : -1) : line.search(/(^|\s)#/);
    if (hash >= 0) found.push(line.slice(line.indexOf('#', hash)).trim());
  }
  return found;
}

export function describeProblem(text: string, problem: Problem): string {
  const lines = new LineIndex(text);
  const start = lines.positionAt(problem.start);
  return `${start.line + 1}:${start.character + 1} ${problem.ruleId} ${problem.message}`;
}

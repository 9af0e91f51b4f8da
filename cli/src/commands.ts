/** The three commands. Each returns its exit status; failures to run throw UsageError or InputError (exit 2). */
import fs = require('node:fs');
import os = require('node:os');
import {
  fixAll,
  harden,
  kindFromContent,
  kindFromName,
  lint,
  MAX_LINT_BYTES,
  SYNTAX_RULE,
  type AppliedFix,
  type FileKind,
  type Problem,
} from '../../engine/src/index';
import type { CliOptions } from './args';
import { discover, describeFsError, type Target } from './discover';
import { EXIT_FAILURE, EXIT_OK, EXIT_PROBLEMS, InputError } from './errors';
import { formatReports } from './formats';
import { toFileReport, hasProblemsAtOrAbove, sortReports, type FileReport } from './report';
import { resolveGiven, toEngine } from './native';
import { Session } from './session';
import { formatTimings } from './timing';
import { changeDiffs, PendingChanges, refusedChanges, writeChanges, formatDiff } from './changes';
import { formatDryRunJson } from './formats/json';

export interface Io {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** Colours for stylish output (a terminal, no NO_COLOR). */
  color: boolean;
  version: string;
}

export async function runCheck(options: CliOptions, io: Io): Promise<number> {
  const session = new Session(options, io.cwd);
  const targets = lintTargets(session, options, io);
  // Timing is measured in this thread only.
  const workers = session.timings ? 0 : workerCount(targets.length);
  if (workers === 0) return finish(session, lintTargetsInto(session, targets), options, io);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { lintInParallel } = require('./parallel') as typeof import('./parallel');
  const { reports, configReports, ruleErrors } = await lintInParallel(targets, workers, options, io.cwd, (batch) => lintTargetsInto(session, batch));
  for (const error of ruleErrors) session.ruleErrors.push(error);
  return finish(session, reports, options, io, configReports);
}

/** One lint per file. */
export function lintTargetsInto(session: Session, targets: readonly Target[]): FileReport[] {
  const reports: FileReport[] = [];
  for (const target of targets) {
    const text = session.readText(target.absolutePath);
    const display = session.display(target.absolutePath);
    if (text === undefined) {
      reports.push(toFileReport(display, '', [tooLarge(target.kind)]));
      continue;
    }
    const { root: _root, ...lintOptions } = session.lintOptions(target.absolutePath, target.kind);
    const result = lint(toEngine(target.absolutePath), text, lintOptions);
    reports.push(toFileReport(display, text, result.problems, session.failOnFor(target.absolutePath, target.kind)));
  }
  return reports;
}

/**
 * Worker threads besides the main one: only for very many files and more than one core. DOCKER_HARDEN_WORKERS=N
 * asks for N (0: none), whatever the number of files.
 */
function workerCount(files: number): number {
  const asked = process.env.DOCKER_HARDEN_WORKERS;
  if (asked !== undefined && asked !== '') return Math.max(0, Math.min(Math.floor(Number(asked)) || 0, files - 1, 16));
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(0, Math.min(cores - 1, 3, Math.floor(files / FILES_PER_WORKER)));
}

/**
 * Below this many files per thread, starting a worker (loading the engine again, without the code cache, and a JIT
 * that starts cold) costs more than it saves. Measured on a 2-core machine with the benchmark's 200 projects
 * (401 files): 1.24 s on one thread, 1.44 s with one worker.
 */
const FILES_PER_WORKER = 512;

export function runFix(options: CliOptions, io: Io): number {
  const pending = new PendingChanges();
  const session = new Session(options, io.cwd, (p) => pending.textOf(p));
  const targets = lintTargets(session, options, io);
  let fixCount = 0;
  const toVerify: string[] = [];
  const tooBig = new Set<string>();
  for (const target of targets) {
    const text = session.readText(target.absolutePath);
    if (text === undefined) {
      tooBig.add(target.absolutePath);
      continue;
    }
    const { root: _root, ...lintOptions } = session.lintOptions(target.absolutePath, target.kind);
    const result = fixAll(toEngine(target.absolutePath), text, { ...lintOptions, unsafe: options.unsafe });
    fixCount += result.fixCount;
    for (const line of verifyLines(session.display(target.absolutePath), result.applied)) toVerify.push(line);
    if (result.output !== text) pending.change(target.absolutePath, text, result.output, { secretSources: result.secretSources.length ? result.secretSources : undefined });
    for (const other of result.otherFiles) pending.changeOther(other);
  }
  const changes = pending.list();
  // What is left, linted once more against the fixed texts (a fix in one file can settle a problem in another).
  const reports: FileReport[] = [];
  for (const target of targets) {
    const display = session.display(target.absolutePath);
    if (tooBig.has(target.absolutePath)) {
      reports.push(toFileReport(display, '', [tooLarge(target.kind)]));
      continue;
    }
    const text = session.readText(target.absolutePath)!;
    const { root: _root, ...lintOptions } = session.lintOptions(target.absolutePath, target.kind);
    reports.push(toFileReport(display, text, lint(toEngine(target.absolutePath), text, lintOptions).problems, session.failOnFor(target.absolutePath, target.kind)));
  }
  const summary = fixSummary(fixCount, changes.length, options.dryRun);
  if (options.dryRun) {
    io.out(options.format === 'json' ? formatDryRunJson(changeDiffs(changes, session), fixCount) : formatDiff(changes, session));
    io.err(`${summary}\n${verifyNote(toVerify)}`);
    // What `fix` would refuse to write (a link out of the folder named): it would then write nothing.
    const refused = refusedChanges(changes, session);
    if (refused.length) io.err(`docker-harden: fix would write nothing: ${refused.join('; ')}\n`);
    const failed = session.ruleErrors.length > 0 || refused.length > 0;
    for (const note of session.ruleErrors) io.err(`docker-harden: ${note}\n`);
    if (session.timings) io.err(formatTimings(session.timings, process.env.DOCKER_HARDEN_TIMING));
    if (failed) return EXIT_FAILURE;
    return hasProblemsAtOrAbove([...reports, ...session.configReports()], options.failOn) ? EXIT_PROBLEMS : EXIT_OK;
  }
  const written = writeChanges(changes, session);
  const details = written.length ? `\n${written.map((line) => `  ${line}`).join('\n')}` : '';
  // The summary must not break a machine-readable report on stdout.
  (options.format === 'stylish' ? io.out : io.err)(`${summary}${details}\n`);
  return finish(session, reports, options, io);
}

export function runHarden(options: CliOptions, io: Io): number {
  const given = options.paths[0];
  const absolute = resolveGiven(io.cwd, given);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch (error) {
    throw new InputError(`${given}: ${describeFsError(error)}`);
  }
  if (!stat.isFile()) throw new InputError(`${given}: harden needs a compose file, not a folder`);
  if (stat.size > MAX_LINT_BYTES) throw new InputError(`${given}: too large to harden`);
  const session = new Session(options, io.cwd);
  const text = session.readText(absolute)!;
  if (text.includes('\u0000')) throw new InputError(`${given}: a binary file, not a compose file`);
  const kind = kindFromName(absolute) ?? kindFromContent(text);
  if (kind !== 'compose') throw new InputError(`${given}: not a compose file (harden works on compose files)`);
  // No `kind`: harden lints the services' Dockerfiles with the same options (and .hadolint.yaml's ignores).
  const { root: _root, kind: _kind, ...lintOptions } = session.lintOptions(absolute, 'harden');
  const result = harden(toEngine(absolute), text, { ...lintOptions, services: options.services });
  if (result.unknownServices.length) {
    const known = lint(toEngine(absolute), text, { ...lintOptions, only: [] }).file;
    const names = known && known.kind === 'compose' ? known.services.map((s) => s.name) : [];
    const list = result.unknownServices.map((name) => `"${name}"`).join(', ');
    throw new InputError(`unknown service ${list} in ${session.display(absolute)} (services: ${names.join(', ') || 'none'})`);
  }
  const pending = new PendingChanges();
  if (result.output !== text) pending.change(absolute, text, result.output, { secretSources: result.secretSources.length ? result.secretSources : undefined });
  for (const other of result.otherFiles) pending.changeOther(other);
  const changes = pending.list();
  const summary = `${fixSummary(result.fixCount, changes.length, options.dryRun)}`;
  for (const note of session.ruleErrors) io.err(`docker-harden: ${note}\n`);
  const toVerify = verifyLines(session.display(absolute), result.applied);
  if (options.dryRun) {
    io.out(formatDiff(changes, session));
    io.err(`${summary}\n${verifyNote(toVerify)}`);
  } else {
    const written = writeChanges(changes, session);
    io.out(`${summary}${written.length ? `\n${written.map((line) => `  ${line}`).join('\n')}` : ''}\n`);
  }
  return session.ruleErrors.length ? EXIT_FAILURE : EXIT_OK;
}

function lintTargets(session: Session, options: CliOptions, io: Io) {
  const targets = discover(options.paths, { kind: options.kind, cwd: io.cwd }).filter((target) => {
    if (!session.isIgnored(target.absolutePath)) return true;
    if (target.explicit) io.err(`docker-harden: ${session.display(target.absolutePath)} is ignored by the config's ignore patterns\n`);
    return false;
  });
  if (targets.length === 0) io.err(`docker-harden: no compose files or Dockerfiles found in ${options.paths.join(', ')}\n`);
  return targets;
}

function finish(session: Session, fileReports: FileReport[], options: CliOptions, io: Io, moreConfigReports: FileReport[] = []): number {
  const configReports = new Map([...session.configReports(), ...moreConfigReports].map((report) => [report.path, report]));
  const reports = sortReports([...fileReports, ...configReports.values()]);
  io.out(formatReports(reports, options, io));
  for (const note of session.ruleErrors) io.err(`docker-harden: ${note}\n`);
  if (session.timings) io.err(formatTimings(session.timings, process.env.DOCKER_HARDEN_TIMING));
  if (session.ruleErrors.length) return EXIT_FAILURE;
  return hasProblemsAtOrAbove(reports, options.failOn) ? EXIT_PROBLEMS : EXIT_OK;
}

function tooLarge(kind: FileKind): Problem {
  return {
    ruleId: SYNTAX_RULE[kind],
    severity: 'error',
    message: `File too large to lint (the limit is ${MAX_LINT_BYTES / 1024 / 1024} MB).`,
    start: 0,
    end: 0,
    fixes: [],
  };
}

/** One line per applied fix that rests on facts without evidence: what the user must check before keeping it. */
function verifyLines(display: string, applied: readonly AppliedFix[]): string[] {
  return applied.filter((fix) => fix.unverified.length).map((fix) => `  ${display}: ${fix.title.replace(/ \(verify: .*\)$/, '')}: verify ${fix.unverified.join('; ')}`);
}

function verifyNote(lines: readonly string[]): string {
  return lines.length ? `Unverified: these fixes rest on facts nothing in the project shows:\n${lines.join('\n')}\n` : '';
}

function fixSummary(fixCount: number, fileCount: number, dryRun: boolean): string {
  const fixes = `${fixCount} ${fixCount === 1 ? 'fix' : 'fixes'}`;
  const files = `${fileCount} ${fileCount === 1 ? 'file' : 'files'}`;
  if (fixCount === 0 && fileCount === 0) return dryRun ? 'Nothing to fix (dry run).' : 'Nothing to fix.';
  return dryRun ? `${fixes} would change ${files} (dry run: nothing written).` : `Applied ${fixes}, changed ${files}.`;
}

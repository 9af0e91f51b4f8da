#!/usr/bin/env node
// @ts-check
/**
 * The GitHub Action's entry script (action.yml). The runner starts it with its own Node and passes the inputs as
 * INPUT_<NAME> variables; it runs the bundled CLI (packages/cli/dist/docker-harden.js, the file the npm package
 * ships) twice: `--format json` for the step summary and the outputs, then `--format github` (annotations, echoed to
 * the log where the runner reads them) or `--format sarif` (written to `sarif-file` for upload-sarif). The exit
 * status is the CLI's: 0 clean, 1 problems at or above `fail-on`, 2 bad input. No dependency, no network.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const CLI = path.join(__dirname, '..', 'packages', 'cli', 'dist', 'docker-harden.js');
const FORMATS = ['github', 'sarif'];
const FAIL_ON = ['error', 'warning', 'info', 'none'];
const PROFILES = ['', 'recommended', 'strict'];

/** An input as the runner passes it (`fail-on` → INPUT_FAIL-ON), trimmed; `fallback` when empty. */
function input(name, fallback = '') {
  const value = (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
  return value === '' ? fallback : value;
}

/** The escaping of @actions/core for a workflow command's message. */
function escapeData(value) {
  return String(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function fail(message) {
  process.stdout.write(`::error title=docker-harden::${escapeData(message)}\n`);
  return 2;
}

/** Appends `name=value` lines to the file the runner reads outputs from (values here have no new line). */
function setOutputs(outputs) {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) return;
  fs.appendFileSync(file, Object.entries(outputs).map(([name, value]) => `${name}=${value}\n`).join(''));
}

function appendSummary(markdown) {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (file) fs.appendFileSync(file, markdown);
}

/** A table cell: pipes and new lines would break the row. */
function cell(text) {
  return String(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The step summary: totals, then one row per file, rule and severity with its count, sorted by file then rule.
 * @param {{ files: { path: string, problems: { ruleId: string, severity: string }[] }[] }} report
 */
function summary(report, counts) {
  let text = '## Docker Harden\n\n';
  if (counts.problems === 0) return `${text}No problems in ${plural(counts.files, 'file')}.\n\n`;
  const problemFiles = report.files.filter((file) => file.problems.length > 0).length;
  text += `${plural(counts.problems, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${plural(counts.infos, 'info')}) in ${problemFiles} of ${plural(counts.files, 'file')}.\n\n`;
  text += '| File | Rule | Severity | Problems |\n|---|---|---|---:|\n';
  for (const file of [...report.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const rows = new Map();
    for (const problem of file.problems) {
      const key = `${problem.ruleId}\u0000${problem.severity}`;
      rows.set(key, (rows.get(key) ?? 0) + 1);
    }
    for (const key of [...rows.keys()].sort()) {
      const [ruleId, severity] = key.split('\u0000');
      text += `| ${cell(file.path)} | ${cell(ruleId)} | ${severity} | ${rows.get(key)} |\n`;
    }
  }
  return `${text}\n`;
}

function main() {
  // One path per line when the input has several lines (names may then hold spaces), else separated by spaces.
  const pathInput = input('path', '.');
  const paths = (pathInput.includes('\n') ? pathInput.split(/\r?\n/) : pathInput.split(/\s+/)).map((p) => p.trim()).filter(Boolean);
  const format = input('format', 'github');
  const failOn = input('fail-on', 'error');
  const config = input('config');
  const profile = input('profile');
  const sarifFile = input('sarif-file', 'docker-harden.sarif');
  if (!FORMATS.includes(format)) return fail(`format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  if (!FAIL_ON.includes(failOn)) return fail(`fail-on must be one of ${FAIL_ON.join(', ')}, not "${failOn}"`);
  if (!PROFILES.includes(profile)) return fail(`profile must be recommended or strict, not "${profile}"`);
  if (!fs.existsSync(CLI)) return fail(`the bundled CLI ${path.relative(path.join(__dirname, '..'), CLI)} is missing: use a release tag of the action (uses: docker-harden/docker-harden@v0)`);

  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const common = ['check', ...paths, ...(config ? ['--config', config] : []), ...(profile ? ['--profile', profile] : [])];
  const failArgs = failOn === 'none' ? [] : ['--fail-on', failOn];
  const runCli = (args) =>
    spawnSync(process.execPath, [CLI, ...args], {
      cwd: workspace,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      // No colour codes in the log; the CLI's code cache where the runner keeps temporary files.
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', XDG_CACHE_HOME: process.env.RUNNER_TEMP || process.env.XDG_CACHE_HOME || '' },
    });

  const json = runCli([...common, '--format', 'json']);
  if (json.error || json.status === 2 || json.status === null) {
    process.stderr.write(json.stderr);
    return fail((json.stderr || String(json.error ?? `docker-harden ended by ${json.signal}`)).trim().split('\n')[0].replace(/^docker-harden: /, ''));
  }
  /** @type {{ files: { path: string, problems: { ruleId: string, severity: string }[] }[] }} */
  const report = JSON.parse(json.stdout);
  const all = report.files.flatMap((file) => file.problems);
  const counts = {
    problems: all.length,
    errors: all.filter((p) => p.severity === 'error').length,
    warnings: all.filter((p) => p.severity === 'warning').length,
    infos: all.filter((p) => p.severity === 'info').length,
    files: report.files.length,
  };

  const result = runCli([...common, '--format', format, ...failArgs]);
  if (result.error || result.status === 2 || result.status === null) {
    process.stderr.write(result.stderr);
    return fail((result.stderr || String(result.error ?? `docker-harden ended by ${result.signal}`)).trim().split('\n')[0].replace(/^docker-harden: /, ''));
  }
  const outputs = { ...counts };
  if (format === 'sarif') {
    const target = path.resolve(workspace, sarifFile);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, result.stdout);
    outputs['sarif-file'] = path.relative(workspace, target) || target;
    process.stdout.write(`docker-harden: ${plural(counts.problems, 'problem')} in ${plural(counts.files, 'file')}, SARIF written to ${outputs['sarif-file']}\n`);
  } else {
    // Workflow commands: the runner turns each line into an annotation.
    process.stdout.write(result.stdout);
    process.stdout.write(`docker-harden: ${plural(counts.problems, 'problem')} in ${plural(counts.files, 'file')}\n`);
  }
  setOutputs(outputs);
  appendSummary(summary(report, counts));
  return failOn === 'none' ? 0 : result.status;
}

process.exitCode = main();

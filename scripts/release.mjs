// Release step: `node scripts/release.mjs <version>` sets the one version of the extension (package.json,
// package-lock.json) and of the npm packages (packages/*/package.json), and renames CHANGELOG.md's "Unreleased"
// section to `<version> (<date>)` under a new empty "Unreleased". It edits only those lines, nothing else.
// `--root DIR` works on another checkout (the test runs it on a copy).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const rootFlag = args.indexOf('--root');
const root = rootFlag >= 0 ? path.resolve(args.splice(rootFlag, 2)[1]) : path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dateFlag = args.indexOf('--date');
const date = dateFlag >= 0 ? args.splice(dateFlag, 2)[1] : new Date().toISOString().slice(0, 10);
const version = args[0];

if (args.length !== 1 || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
  console.error('usage: node scripts/release.mjs <version> (semver, e.g. 0.2.0)');
  process.exit(2);
}

/** Replaces the first `"version": "..."` at the given indentation of a JSON file (its own, not a dependency's). */
function setJsonVersion(file, indent) {
  const full = path.join(root, file);
  const text = fs.readFileSync(full, 'utf8');
  const pattern = new RegExp(`^(${indent}"version": )"[^"]*"`, 'm');
  if (!pattern.test(text)) throw new Error(`${file}: no "version" field`);
  fs.writeFileSync(full, text.replace(pattern, `$1"${version}"`));
}

const packageDirs = fs.readdirSync(path.join(root, 'packages')).filter((name) => fs.existsSync(path.join(root, 'packages', name, 'package.json')));
setJsonVersion('package.json', '  ');
for (const name of packageDirs) setJsonVersion(path.join('packages', name, 'package.json'), '  ');
const lockFile = path.join(root, 'package-lock.json');
if (fs.existsSync(lockFile)) {
  // The lock file names the root package's version twice: at the top and in `packages[""]`.
  const lock = fs.readFileSync(lockFile, 'utf8');
  const updated = lock.replace(/^(  "version": )"[^"]*"/m, `$1"${version}"`).replace(/^(    "": \{\n(?:      .*\n)*?      "version": )"[^"]*"/m, `$1"${version}"`);
  fs.writeFileSync(lockFile, updated);
}

const changelogFile = path.join(root, 'CHANGELOG.md');
const changelog = fs.readFileSync(changelogFile, 'utf8');
if (!/^## Unreleased$/m.test(changelog)) throw new Error('CHANGELOG.md has no "## Unreleased" section');
if (new RegExp(`^## ${version.replace(/\./g, '\\.')}( |$)`, 'm').test(changelog)) throw new Error(`CHANGELOG.md already has a section for ${version}`);
fs.writeFileSync(changelogFile, changelog.replace(/^## Unreleased$/m, `## Unreleased\n\n## ${version} (${date})`));
console.log(`version ${version}: package.json, package-lock.json, ${packageDirs.map((name) => `packages/${name}/package.json`).join(', ')}, CHANGELOG.md`);

import { defineDockerfileRule } from '../../core/rule';
import { allRuns } from '../../dockerfile/commands';
import type { Instruction } from 'dockerfile-ast';
import { parentStage, type DockerfileFile, type Stage } from '../../dockerfile/model';
import { lockedVersion, type Ecosystem, type LockedVersion } from '../../dockerfile/lock-files';
import { pythonModuleArgs, subcommand, type ShellCommand, type ShellWord } from '../../dockerfile/shell';
import type { Project } from '../../core/project';
import type { Fix } from '../../core/types';
import * as path from '../../core/paths';

/** A package manager's install command: which words name packages, and when one is pinned (hadolint's reading). */
interface Manager {
  code: string;
  /** How the user pins: the message's example. */
  how: string;
  /** The install command's package arguments, or undefined when the command is not an install of this manager. */
  packages(command: ShellCommand): ShellWord[] | undefined;
  pinned(name: string): boolean;
  /** yum and dnf `name-version`, where a variable in the name counts as a version only when the Dockerfile sets it. */
  rpm?: boolean;
  /** Whose lock files can give the version, and how a version is written after the name. */
  lock?: { ecosystem: Ecosystem; separator: string };
}

/**
 * The fix that pins a package to the version the build context's own lock or requirements file gives it (the
 * Dockerfile's folder: the version the project is built and tested with). None without such a file, for a word
 * written with quotes or a variable, or for a package it does not list.
 */
function pinFromLockFile(project: Project, folder: string, manager: Manager, word: ShellWord, written: string): Fix | undefined {
  if (!manager.lock || written !== word.value || word.value.includes('$')) return undefined;
  const { ecosystem, separator } = manager.lock;
  let name = word.value.replace(/\[.*\]$/, '');
  let locked: LockedVersion | undefined;
  let start = word.end;
  if (ecosystem === 'go') {
    // `golang.org/x/tools/cmd/goimports@latest`: the module is the longest prefix go.mod requires.
    name = word.value.replace(/@[^@/]*$/, '');
    start = word.start + name.length;
    for (let module = name; module.includes('/') && !locked; module = module.slice(0, module.lastIndexOf('/'))) locked = lockedVersion(project, folder, ecosystem, module);
  } else {
    locked = lockedVersion(project, folder, ecosystem, name);
  }
  if (!locked) return undefined;
  return {
    title: `Pin to ${locked.version}, the version of ${locked.evidence.split(':')[0]}`,
    safe: true,
    assumptions: [{ claim: `${name} ${locked.version} is the version the project is built with`, evidence: locked.evidence }],
    edits: [{ start, end: word.end, text: `${separator}${locked.version}` }],
  };
}

/** Variables a RUN of the stage sees: ENV of the stage and the stages it builds on (before any FROM: those there), every ARG. */
function variablesSet(file: DockerfileFile, stage: Stage | undefined): string[] {
  const names: string[] = [];
  const property = /^\s*([A-Za-z_][A-Za-z0-9_]*)/;
  for (const instruction of [...file.preamble, ...file.stages.flatMap((each) => each.instructions)]) {
    if (instruction.getKeyword() === 'ARG') names.push(property.exec(instruction.getArgumentsContent() ?? '')?.[1] ?? '');
  }
  const scopes: Instruction[][] = stage ? [] : [file.preamble];
  for (let current = stage, guard = 0; current && guard < 64; current = parentStage(file, current), guard++) scopes.push(current.instructions);
  for (const instructions of scopes) {
    for (const instruction of instructions) {
      if (instruction.getKeyword() !== 'ENV') continue;
      for (const match of (instruction.getArgumentsContent() ?? '').matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)[=\s]/g)) names.push(match[1]);
    }
  }
  return names.filter(Boolean);
}

/** The words after the subcommand that are not options (nor an option's value), up to `--`. */
function operands(rest: readonly ShellWord[], valueOptions: readonly string[]): ShellWord[] {
  const found: ShellWord[] = [];
  for (let index = 0; index < rest.length; index++) {
    const value = rest[index].value;
    if (value === '--') continue;
    if (value.startsWith('-')) {
      if (valueOptions.includes(value)) index++;
      continue;
    }
    // Redirections (`>/dev/null`, `2>&1`) are not packages.
    if (/^[<>&\d]*[<>]/.test(value)) continue;
    found.push(rest[index]);
  }
  return found;
}

/** `<program> <verb> ...` with the given verbs: the operands after the verb. */
function install(programs: readonly string[], verbs: readonly string[], valueOptions: readonly string[] = []) {
  return (command: ShellCommand): ShellWord[] | undefined => {
    if (!command.name || !programs.includes(command.name)) return undefined;
    const sub = subcommand(command, valueOptions);
    if (!sub || !verbs.includes(sub.word.value)) return undefined;
    return operands(command.args.slice(sub.index + 1), valueOptions);
  };
}

const PIP_VALUE_OPTIONS = ['--abi', '-b', '--build', '-e', '--editable', '--extra-index-url', '-f', '--find-links', '-i', '--index-url', '--implementation', '--no-binary', '--only-binary', '--platform', '--prefix', '--progress-bar', '--proxy', '--python', '--python-version', '--root', '--root-user-action', '--src', '-t', '--target', '--trusted-host', '--upgrade-strategy'];
const VCS = /^(git|hg|svn|bzr)(\+[a-z-]+)?:/;

/** yum/dnf: `name-version[-release]`: every part after the name made of version characters, one starting with a digit. */
function rpmPinned(name: string): boolean {
  if (name.endsWith('.rpm')) return true;
  const parts = name.split('-').slice(1);
  return parts.length > 0 && parts.every((part) => /^[0-9A-Za-z.~^_:+]+$/.test(part)) && parts.some((part) => /^\d/.test(part));
}

/** `yum|dnf module install <module>:<stream>`: modules are pinned by their stream. */
function moduleInstall(programs: readonly string[]) {
  return (command: ShellCommand): ShellWord[] | undefined => {
    if (!command.name || !programs.includes(command.name)) return undefined;
    const sub = subcommand(command);
    if (sub?.word.value !== 'module') return undefined;
    const rest = command.args.slice(sub.index + 1);
    const verb = rest.findIndex((word) => !word.value.startsWith('-'));
    return verb >= 0 && rest[verb].value === 'install' ? operands(rest.slice(verb + 1), []) : undefined;
  };
}

const MANAGERS: Manager[] = [
  {
    code: 'DL3008',
    how: '`apt-get install <package>=<version>`',
    packages: install(['apt-get', 'apt'], ['install'], ['-o', '-c', '-t', '--option', '--config-file', '--target-release']),
    // `pkg/bookworm-backports` picks a release; a path or a .deb file is a file.
    pinned: (name) => name.includes('=') || name.includes('/') || name.endsWith('.deb'),
  },
  {
    code: 'DL3018',
    how: '`apk add <package>=<version>`',
    packages: install(['apk'], ['add'], ['-t', '--virtual', '--repository', '-X', '--root', '-p', '--arch', '--keys-dir', '--repositories-file', '--cache-dir']),
    pinned: (name) => /[=~<>]/.test(name) || name.endsWith('.apk'),
  },
  {
    code: 'DL3013',
    how: '`pip install <package>==<version>` or `pip install -r requirements.txt`',
    packages(command) {
      const args = command.name && /^pip[\d.]*$|^pipx$/.test(command.name) ? command.args : pythonModuleArgs(command, 'pip');
      if (!args) return undefined;
      const index = args.findIndex((word) => !word.value.startsWith('-'));
      if (index < 0 || args[index].value !== 'install') return undefined;
      // A requirements or constraints file, or the project itself, pins through its own file.
      if (args.some((word) => ['-r', '--requirement', '-c', '--constraint', '.'].includes(word.value) || /^--(requirement|constraint)=/.test(word.value))) return [];
      return operands(args.slice(index + 1), PIP_VALUE_OPTIONS);
    },
    pinned: (name) =>
      /==|>=|<=|>|<|!=|~=/.test(name) || (VCS.test(name) ? name.includes('@') : name.includes('/')) || name.endsWith('.whl') || name.endsWith('.tar.gz'),
    lock: { ecosystem: 'pip', separator: '==' },
  },
  {
    code: 'DL3016',
    how: '`npm install <package>@<version>` (or `npm ci` with a lock file)',
    // `npm install` with no package installs what package.json and the lock file say.
    packages: install(['npm'], ['install', 'i'], ['--loglevel', '--registry']),
    pinned(name) {
      if (/^git(\+(ssh|https?))?:\/\//.test(name)) return name.includes('#');
      if (/\.(tar|tar\.gz|tgz)$/.test(name) || /^(\/|\.\/|\.\.\/|~\/)/.test(name)) return true;
      return (name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name).includes('@');
    },
    lock: { ecosystem: 'npm', separator: '@' },
  },
  {
    code: 'DL3028',
    how: '`gem install <gem>:<version>` (or `-v <version>`)',
    packages(command) {
      if (command.name !== 'gem' || !['install', 'i'].includes(subcommand(command)?.word.value ?? '')) return undefined;
      if (command.args.some((word) => word.value === '-v' || word.value === '--version' || word.value.startsWith('--version='))) return [];
      // As hadolint: up to `--` (the gem's build options), an option takes the next word (`--use-system-libraries true`).
      const found: ShellWord[] = [];
      const rest = command.args.slice(command.args.indexOf(subcommand(command)!.word) + 1);
      for (let index = 0; index < rest.length && rest[index].value !== '--'; index++) {
        if (rest[index].value.startsWith('-')) index++;
        else found.push(rest[index]);
      }
      return found;
    },
    pinned: (name) => name.includes(':') || name.endsWith('.gem'),
    lock: { ecosystem: 'gem', separator: ':' },
  },
  {
    code: 'DL3062',
    how: '`go install <package>@<version>`',
    packages(command) {
      const found = install(['go'], ['install', 'get', 'run'], ['-C', '-o', '-p', '-tags', '-ldflags', '-gcflags', '-modfile', '-exec', '-pkgdir', '-toolexec'])(command);
      if (!found) return undefined;
      // `go run pkg args...`: what follows the package is the program's arguments.
      return subcommand(command)?.word.value === 'run' ? found.slice(0, 1) : found;
    },
    pinned: (name) => name === '.' || name.startsWith('.') || name.startsWith('/') || (name.includes('@') && !/@(latest|none|upgrade|patch)$/.test(name)),
    lock: { ecosystem: 'go', separator: '@' },
  },
  { code: 'DL3033', how: '`yum module install <module>:<stream>`', packages: moduleInstall(['yum']), pinned: (name) => name.includes(':') },
  { code: 'DL3041', how: '`dnf module install <module>:<stream>`', packages: moduleInstall(['dnf', 'microdnf']), pinned: (name) => name.includes(':') },
  {
    code: 'DL3033',
    how: '`yum install <package>-<version>`',
    packages: install(['yum'], ['install'], ['-c', '--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo', '-x', '--exclude']),
    pinned: rpmPinned,
    rpm: true,
  },
  {
    code: 'DL3041',
    how: '`dnf install <package>-<version>`',
    packages: install(['dnf', 'microdnf'], ['install'], ['-c', '--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo', '-x', '--exclude']),
    pinned: rpmPinned,
    rpm: true,
  },
  {
    code: 'DL3037',
    how: '`zypper install <package>=<version>`',
    packages: install(['zypper'], ['install', 'in'], ['-r', '--repo', '-t', '--type', '--from']),
    pinned: (name) => /[=<>]/.test(name) || name.endsWith('.rpm'),
  },
];

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/pin-package-versions',
    severity: 'info',
    strict: true,
    fixable: 'safe',
    description: 'A package installed without a version (`apt-get`, `apk`, `pip`, `npm`, `gem`, `go install`, `yum`, `dnf`, `zypper`).',
    rationale:
      'An unpinned package is whatever version the mirror has on the day of the build: two builds of the same commit can differ, a rebuild for a security patch can pull a new major version that breaks the app, and nobody can say which version ran in production last month. Pinning makes the image reproducible and its upgrades deliberate. It also means following upstream releases yourself (distribution packages drop old versions from their mirrors), which is why this rule is in the `strict` profile only. Pinned means hadolint\'s forms: `pkg=1.2` (apt, apk, zypper), `pkg==1.2` or a requirements/constraints file (pip), `pkg@1.2`, a git URL with `#ref`, a tarball or `npm install` of the project\'s own package.json (npm), `gem:1.2` or `-v` (gem), `pkg@v1.2` but not `@latest` (go), `pkg-1.2` (yum, dnf), and a package file (`.deb`, `.apk`, `.rpm`, `.whl`). A name built from a variable (`$PKG`) is not judged, except by yum and dnf, where `git-${VERSION}` is pinned when an `ENV` of the stage or an `ARG` sets `VERSION` (hadolint\'s reading). The fix pins a package only where the build context (the Dockerfile\'s folder) says which version the project uses: `requirements.txt`/`constraints.txt` (`==`), `poetry.lock`, `uv.lock`, `package-lock.json`, `Gemfile.lock`, `go.mod`; distribution packages get no fix, as their versions are not known offline.',
    examples: {
      incorrect: [
        { code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir gunicorn\n', files: { 'requirements.txt': 'flask==3.0.2\ngunicorn==22.0.0\n' } },
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      ],
      correct: ['FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n'],
    },
    aliases: [...new Set(MANAGERS.map((manager) => manager.code))].sort(),
  },
  check({ file, project, report }) {
    const folder = path.dirname(file.path);
    for (const { stage, script } of allRuns(file)) {
      for (const command of script.commands) {
        for (const manager of MANAGERS) {
          const packages = manager.packages(command);
          if (!packages) continue;
          for (const word of packages) {
            if (word.value === '' || manager.pinned(word.value)) continue;
            // `git-${VERSION}`: pinned when the Dockerfile sets the variable (hadolint's reading for yum and dnf);
            // elsewhere a name built from a variable is not judged.
            if (word.value.includes('$') && (!manager.rpm || variablesSet(file, stage).some((name) => word.value.includes(`$${name}`) || word.value.includes(`\${${name}`)))) continue;
            const fix = pinFromLockFile(project, folder, manager, word, file.text.slice(word.start, word.end));
            report({ start: word.start, end: word.end, code: manager.code, message: `\`${word.value}\` is installed without a version: pin it, e.g. ${manager.how}.`, fixes: fix ? [fix] : [] });
          }
          break;
        }
      }
    }
  },
});

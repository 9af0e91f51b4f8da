/** The command line: `docker-harden <check|fix|harden> [options] [paths...]`, parsed without a dependency. */
import type { FileKind, Profile, Severity, SeveritySetting } from '../../engine/src/index';
import { UsageError } from './errors';

export type Command = 'check' | 'fix' | 'harden';
export type Format = 'stylish' | 'json' | 'sarif' | 'github';

export interface CliOptions {
  command: Command;
  paths: string[];
  format: Format;
  config?: string;
  profile?: Profile;
  /** `--rule id=severity`, ids canonical (aliases resolved). */
  rules: Record<string, SeveritySetting>;
  failOn: Severity;
  /** Whether `--fail-on` was given (else a Dockerfile's `.hadolint.yaml` `failure-threshold`/`no-fail` applies). */
  failOnGiven?: boolean;
  kind?: FileKind;
  debug: boolean;
  unsafe: boolean;
  dryRun: boolean;
  services: string[];
  /** Undefined: colours when stdout is a terminal (and NO_COLOR is unset). */
  color?: boolean;
}

export type Parsed = { help: Command | 'main' } | { version: true } | { options: CliOptions };

const FORMATS: readonly Format[] = ['stylish', 'json', 'sarif', 'github'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const COMMANDS: readonly Command[] = ['check', 'fix', 'harden'];

/** Options taking a value, and the commands that accept each. */
const VALUE_OPTIONS: Record<string, readonly Command[]> = {
  '--format': ['check', 'fix'],
  '--config': COMMANDS,
  '--profile': COMMANDS,
  '--rule': COMMANDS,
  '--fail-on': ['check', 'fix'],
  '--kind': ['check', 'fix'],
  '--service': ['harden'],
};
const FLAGS: Record<string, readonly Command[]> = {
  '--debug': COMMANDS,
  '--unsafe': ['fix'],
  '--dry-run': ['fix', 'harden'],
  '--color': COMMANDS,
  '--no-color': COMMANDS,
};
const SHORT: Record<string, string> = { '-f': '--format', '-c': '--config', '-s': '--service', '-h': '--help', '-v': '--version' };

export function parseArgs(argv: readonly string[]): Parsed {
  const args = [...argv];
  let command: Command | undefined;
  const options: CliOptions = {
    command: 'check',
    paths: [],
    format: 'stylish',
    rules: {},
    failOn: 'error',
    debug: false,
    unsafe: false,
    dryRun: false,
    services: [],
  };
  let help = false;
  let onlyPaths = false;
  for (let i = 0; i < args.length; i++) {
    let arg = args[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      if (!command && !onlyPaths) {
        if (arg === 'help') {
          help = true;
          continue;
        }
        if (!(COMMANDS as readonly string[]).includes(arg)) throw new UsageError(`unknown command "${arg}" (expected check, fix or harden)`);
        command = arg as Command;
        continue;
      }
      options.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    let inlineValue: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inlineValue = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    arg = SHORT[arg] ?? arg;
    if (arg === '--help') {
      help = true;
      continue;
    }
    if (arg === '--version') {
      if (!command) return { version: true };
      throw new UsageError('--version takes no command');
    }
    if (arg in FLAGS) {
      if (inlineValue !== undefined) throw new UsageError(`${arg} takes no value`);
      if (command && !FLAGS[arg].includes(command)) throw new UsageError(`${arg} is not an option of "${command}"`);
      applyFlag(options, arg);
      continue;
    }
    if (arg in VALUE_OPTIONS) {
      if (command && !VALUE_OPTIONS[arg].includes(command)) throw new UsageError(`${arg} is not an option of "${command}"`);
      const value = inlineValue ?? args[++i];
      if (value === undefined || (inlineValue === undefined && value.startsWith('-') && value !== '-')) {
        throw new UsageError(`${arg} needs a value`);
      }
      applyValue(options, arg, value);
      continue;
    }
    throw new UsageError(`unknown option ${arg}`);
  }
  if (help) return { help: command ?? 'main' };
  if (!command) throw new UsageError('missing command: check, fix or harden (see docker-harden --help)');
  options.command = command;
  // Options given before the command are checked against it now.
  for (const [flag, commands] of Object.entries(FLAGS)) {
    if (flagSet(options, flag) && !commands.includes(command)) throw new UsageError(`${flag} is not an option of "${command}"`);
  }
  if (command === 'harden') {
    if (options.paths.length !== 1) throw new UsageError('harden needs exactly one compose file: docker-harden harden <compose-file> [--service NAME ...]');
    if (options.format !== 'stylish') throw new UsageError('--format is not an option of "harden"');
  } else if (options.services.length) {
    throw new UsageError(`--service is not an option of "${command}"`);
  }
  if (options.paths.length === 0) options.paths.push('.');
  return { options };
}

function flagSet(options: CliOptions, flag: string): boolean {
  switch (flag) {
    case '--unsafe':
      return options.unsafe;
    case '--dry-run':
      return options.dryRun;
    default:
      return false;
  }
}

function applyFlag(options: CliOptions, flag: string): void {
  switch (flag) {
    case '--debug':
      options.debug = true;
      break;
    case '--unsafe':
      options.unsafe = true;
      break;
    case '--dry-run':
      options.dryRun = true;
      break;
    case '--color':
      options.color = true;
      break;
    case '--no-color':
      options.color = false;
      break;
  }
}

function applyValue(options: CliOptions, option: string, value: string): void {
  switch (option) {
    case '--format':
      options.format = oneOf(option, value, FORMATS);
      break;
    case '--config':
      options.config = value;
      break;
    case '--profile':
      options.profile = oneOf(option, value, ['recommended', 'strict'] as const);
      break;
    case '--fail-on':
      options.failOn = oneOf(option, value, SEVERITIES);
      options.failOnGiven = true;
      break;
    case '--kind':
      options.kind = oneOf(option, value, ['compose', 'dockerfile'] as const);
      break;
    case '--service':
      options.services.push(value);
      break;
    case '--rule': {
      const eq = value.lastIndexOf('=');
      if (eq <= 0) throw new UsageError(`--rule needs <id>=<severity>, got "${value}"`);
      const id = value.slice(0, eq).trim();
      const severity = oneOf('--rule severity', value.slice(eq + 1).trim(), ['off', 'info', 'warning', 'error'] as const);
      // The engine loads only when a command needs it (`--help` and `--version` stay instant).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { findRule } = require('../../engine/src/index') as typeof import('../../engine/src/index');
      const rule = findRule(id);
      if (!rule) throw new UsageError(`--rule: unknown rule "${id}"`);
      options.rules[rule.meta.id] = severity;
      break;
    }
  }
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

export const MAIN_HELP = `Usage: docker-harden <command> [options] [paths...]

Finds and fixes production-hardening problems in docker-compose files and Dockerfiles.

Commands:
  check [paths...]                 Lint files or folders (default: .)
  fix [paths...]                   Apply safe fixes in place, then report what is left
  harden <compose-file>            Apply every fix (safe and unsafe) for services, across files

Options:
  -f, --format <stylish|json|sarif|github>  Output format (default: stylish)
  -c, --config <file>              Use this config file instead of .docker-harden.yaml
      --profile <recommended|strict>  Rule profile (overrides the config)
      --rule <id>=<off|info|warning|error>  Rule severity (repeatable; overrides the config)
      --fail-on <error|warning|info>  Exit 1 when a problem of this severity or above is left (default: error)
      --kind <compose|dockerfile>  Treat the named files as this kind (and only look for it in folders)
      --unsafe                     fix: apply unsafe fixes too
      --dry-run                    fix, harden: print a unified diff, write nothing
  -s, --service <name>             harden: the service to harden (repeatable; default: all)
      --color, --no-color          Force colours on or off (default: on for a terminal)
      --debug                      Show stack traces of internal errors
  -h, --help                       Show this help
  -v, --version                    Show the version, the number of rules and the image knowledge-base date

Folders are searched for compose files and Dockerfiles by name, skipping node_modules, .git and what .gitignore
ignores. Files named on the command line are recognised by name, else by content, else by --kind.

Exit status: 0 no problem at or above --fail-on; 1 such problems; 2 usage error, unreadable input or internal error.
`;

export function commandHelp(command: Command | 'main'): string {
  switch (command) {
    case 'check':
      return `Usage: docker-harden check [options] [paths...]

Lints compose files and Dockerfiles in the given files and folders (default: .).
Options: --format, --config, --profile, --rule, --fail-on, --kind, --color/--no-color, --debug (see docker-harden --help).
`;
    case 'fix':
      return `Usage: docker-harden fix [options] [paths...]

Applies safe fixes in place (with --unsafe, unsafe ones too), including changes to other files (a Dockerfile,
.dockerignore, secrets files), then reports the problems that are left. --dry-run prints a unified diff instead
and writes nothing. Options: --unsafe, --dry-run, --format, --config, --profile, --rule, --fail-on, --kind, --debug.
`;
    case 'harden':
      return `Usage: docker-harden harden <compose-file> [--service NAME ...] [--dry-run]

Applies every relevant fix, safe and unsafe, for the named services (all when none is named) across the compose
file, the services' Dockerfiles, .dockerignore and secrets files. --dry-run prints a unified diff and writes nothing.
Options: --service, --dry-run, --config, --profile, --rule, --debug.
`;
    default:
      return MAIN_HELP;
  }
}

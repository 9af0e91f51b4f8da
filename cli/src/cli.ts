/**
 * `docker-harden`: parses the command line, runs the command, maps failures to exit status 2 with a one-line
 * message (a stack trace only with --debug).
 */
import { commandHelp, parseArgs, type CliOptions } from './args';
import type { Io } from './commands';
import { EXIT_FAILURE, EXIT_OK, InputError, UsageError } from './errors';

export function cliVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../package.json') as { version: string }).version;
}

/**
 * `docker-harden --version`: the version (one for the CLI, the language server and the extension), how many rules it
 * has and the date of its image knowledge base, e.g. `docker-harden 0.1.0 (57 rules, image knowledge base 2026-12-02)`.
 */
export function versionLine(): string {
  // Loaded only here: the rules and the knowledge base are the engine's, which other quick answers (`--help`) skip.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { allRules } = require('../../engine/src/rules') as typeof import('../../engine/src/rules');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { IMAGE_KB_GENERATED } = require('../../engine/src/knowledge/kb') as typeof import('../../engine/src/knowledge/kb');
  return `docker-harden ${cliVersion()} (${allRules.length} rules, image knowledge base ${IMAGE_KB_GENERATED})\n`;
}

export async function runCli(
  argv: readonly string[],
  io: Omit<Io, 'version' | 'color'> & { isTTY: boolean; env: NodeJS.ProcessEnv },
): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const parsed = parseArgs(argv);
    if ('version' in parsed) {
      io.out(versionLine());
      return EXIT_OK;
    }
    if ('help' in parsed) {
      io.out(commandHelp(parsed.help));
      return EXIT_OK;
    }
    const options: CliOptions = parsed.options;
    const fullIo: Io = { ...io, version: cliVersion(), color: options.color ?? wantsColor(io.isTTY, io.env) };
    // Loaded here, not at start-up: `--help` and `--version` need no engine.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runCheck, runFix, runHarden } = require('./commands') as typeof import('./commands');
    switch (options.command) {
      case 'check':
        return await runCheck(options, fullIo);
      case 'fix':
        return runFix(options, fullIo);
      case 'harden':
        return runHarden(options, fullIo);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      io.err(`docker-harden: ${error.message}\n`);
      if (debug && error.stack) io.err(`${error.stack}\n`);
      return EXIT_FAILURE;
    }
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    io.err(`docker-harden: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
    return EXIT_FAILURE;
  }
}

function wantsColor(isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return isTTY && env.TERM !== 'dumb';
}

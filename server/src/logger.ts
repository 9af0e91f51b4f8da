/**
 * Logging through the connection, filtered by `dockerHarden.trace.server`: `off` logs errors and warnings,
 * `messages` adds what the server does, `verbose` adds timings and details. Callers log ids, paths, counts and
 * durations, never document text or setting values; errors are reduced to their type and stack frames.
 */
import type { RemoteConsole } from 'vscode-languageserver/node';
import type { TraceLevel } from './settings';

const RANK: Record<TraceLevel, number> = { off: 0, messages: 1, verbose: 2 };

export class Logger {
  level: TraceLevel = 'off';
  constructor(private readonly console: RemoteConsole) {}

  error(message: string, error?: unknown): void {
    this.console.error(error === undefined ? message : `${message}: ${describeError(error, this.level === 'verbose')}`);
  }

  warn(message: string): void {
    this.console.warn(message);
  }

  info(message: string): void {
    if (RANK[this.level] >= 1) this.console.info(message);
  }

  debug(message: string): void {
    if (RANK[this.level] >= 2) this.console.log(message);
  }
}

/**
 * An error as its class and where it was thrown. The message is left out: parser and rule errors can quote the
 * document (and so a secret) in their message.
 */
export function describeError(error: unknown, withStack: boolean): string {
  if (!(error instanceof Error)) return typeof error;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const shown = withStack ? frames.slice(0, 8) : frames.slice(0, 1);
  return [error.name, ...shown.map((line) => line.trim())].join(' ');
}

import * as vscode from 'vscode';

export type TraceSetting = 'off' | 'messages' | 'verbose';

export function traceSetting(): TraceSetting {
  const value = vscode.workspace.getConfiguration('dockerHarden').get<string>('trace.server', 'off');
  return value === 'messages' || value === 'verbose' ? value : 'off';
}

/**
 * The "Docker Harden" output channel. vscode-languageclient 11 writes protocol traces at `trace` level and only
 * traces when the channel's log level is Trace; this wrapper reports Trace and shows those lines while
 * `dockerHarden.trace.server` is `messages` or `verbose`, so that setting alone decides the detail. With the
 * setting `off` the channel behaves as a plain log channel (its own log level still applies).
 */
export class DockerHardenOutput implements vscode.LogOutputChannel {
  private readonly levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly onDidChangeLogLevel = this.levelChanged.event;

  constructor(private readonly channel: vscode.LogOutputChannel = vscode.window.createOutputChannel('Docker Harden', { log: true })) {
    this.disposables.push(
      this.levelChanged,
      channel,
      channel.onDidChangeLogLevel(() => this.levelChanged.fire(this.logLevel)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('dockerHarden.trace.server')) this.levelChanged.fire(this.logLevel);
      }),
    );
  }

  get name(): string {
    return this.channel.name;
  }

  get logLevel(): vscode.LogLevel {
    return traceSetting() === 'off' ? this.channel.logLevel : vscode.LogLevel.Trace;
  }

  trace(message: string, ...args: unknown[]): void {
    if (traceSetting() === 'off') this.channel.trace(message, ...args);
    else this.channel.info(message, ...args);
  }
  debug(message: string, ...args: unknown[]): void {
    if (traceSetting() === 'verbose') this.channel.info(message, ...args);
    else this.channel.debug(message, ...args);
  }
  info(message: string, ...args: unknown[]): void {
    this.channel.info(message, ...args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.channel.warn(message, ...args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.channel.error(error, ...args);
  }
  append(value: string): void {
    this.channel.append(value);
  }
  appendLine(value: string): void {
    this.channel.appendLine(value);
  }
  replace(value: string): void {
    this.channel.replace(value);
  }
  clear(): void {
    this.channel.clear();
  }
  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined) this.channel.show(columnOrPreserveFocus);
    else this.channel.show(columnOrPreserveFocus, preserveFocus);
  }
  hide(): void {
    this.channel.hide();
  }
  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

import * as vscode from 'vscode';
import { Commands, LintStatusNotification } from '../../server/src/protocol';

/**
 * The language status item of compose files and Dockerfiles: the lint state of the active document and the time
 * of its last lint, from the server's LintStatusNotification. Clicking it opens the output channel.
 */
export class LintStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly byUri = new Map<string, LintStatusNotification.Params & { at: Date }>();
  private readonly disposables: vscode.Disposable[] = [];
  private serverState: 'starting' | 'running' | 'stopped' = 'starting';

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('dockerHarden.status', selector);
    this.item.name = 'Docker Harden';
    this.item.command = { title: 'Show output', command: Commands.showOutput };
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((document) => this.byUri.delete(document.uri.toString())),
    );
    this.render();
  }

  update(params: LintStatusNotification.Params): void {
    this.byUri.set(params.uri, { ...params, at: new Date() });
    this.render();
  }

  setServerState(state: 'starting' | 'running' | 'stopped'): void {
    this.serverState = state;
    this.render();
  }

  /** The status of a document as shown, for tests and the output channel. */
  statusOf(uri: string): (LintStatusNotification.Params & { at: Date }) | undefined {
    return this.byUri.get(uri);
  }

  private render(): void {
    const item = this.item;
    item.busy = false;
    item.severity = vscode.LanguageStatusSeverity.Information;
    if (this.serverState !== 'running') {
      item.text = this.serverState === 'starting' ? 'Docker Harden: starting' : 'Docker Harden: stopped';
      item.detail = this.serverState === 'stopped' ? 'The server is not running; see the output' : undefined;
      item.busy = this.serverState === 'starting';
      item.severity = this.serverState === 'stopped' ? vscode.LanguageStatusSeverity.Error : item.severity;
      return;
    }
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const status = uri ? this.byUri.get(uri) : undefined;
    if (!status) {
      item.text = 'Docker Harden';
      item.detail = 'Not linted yet';
      return;
    }
    const time = status.at.toLocaleTimeString();
    if (status.state === 'linting') {
      item.text = 'Docker Harden: linting';
      item.detail = `Started at ${time}`;
      item.busy = true;
    } else if (status.state === 'error') {
      item.text = 'Docker Harden: lint failed';
      item.detail = `${status.message ?? 'see the output'} (${time})`;
      item.severity = vscode.LanguageStatusSeverity.Error;
    } else {
      const problems = status.problems ?? 0;
      item.text = `Docker Harden: ${problems === 0 ? 'no problems' : `${problems} problem${problems === 1 ? '' : 's'}`}`;
      item.detail = `Linted at ${time}${status.durationMs !== undefined ? ` in ${Math.round(status.durationMs)} ms` : ''}`;
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { isComposeFileName } from '../../engine/src/core/file-names';
import { DOCS_BASE_URL, docsUrl, SECRET_FILE_MODE, SECRET_FOLDER_MODE } from '../../engine/src/core/types';
import { Commands, FIX_ALL_KIND as FIX_ALL_KIND_VALUE, HardenServiceRequest, ListServicesRequest, ProductionOverrideRequest } from '../../server/src/protocol';
import type { LocalDisk } from './localDisk';
import type { DockerHardenOutput } from './output';
import { applyRuleFix, type RuleFixOutcome } from './ruleFix';
import { applyFileChanges } from './workspaceEdit';

/** The code action kind of "Fix all safe problems" (usable in `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = vscode.CodeActionKind.Empty.append(FIX_ALL_KIND_VALUE);
export const README_URL = 'https://github.com/docker-harden/docker-harden#readme';

export interface CommandOptions {
  /** Show VS Code's refactor preview before applying (default true). */
  preview?: boolean;
}

export interface HardenOutcome {
  applied: boolean;
  fixCount: number;
  /** URIs of the files changed or created. */
  files: string[];
  unknownServices: string[];
}

export interface FixAllOutcome {
  applied: boolean;
  /** Number of text edits in the fix-all action (0 when there was nothing to fix). */
  edits: number;
}

/** The action of the notification shown when the refactor preview applied nothing. */
export const REVIEW_AGAIN = 'Review again';

/** `1 file`, `3 files`. */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function isComposeDocument(document: vscode.TextDocument): boolean {
  if (document.languageId === 'dockercompose') return true;
  return document.languageId === 'yaml' && isComposeFileName(document.uri.path);
}

function isLintedDocument(document: vscode.TextDocument): boolean {
  return isComposeDocument(document) || document.languageId === 'dockerfile';
}

/** The document a command works on: its URI argument (string from a code lens, Uri from a menu), else the active editor's. */
async function targetDocument(arg: unknown, accept: (document: vscode.TextDocument) => boolean, what: string): Promise<vscode.TextDocument | undefined> {
  let document: vscode.TextDocument | undefined;
  if (typeof arg === 'string' || arg instanceof vscode.Uri) {
    document = await vscode.workspace.openTextDocument(typeof arg === 'string' ? vscode.Uri.parse(arg) : arg);
  } else {
    document = vscode.window.activeTextEditor?.document;
  }
  if (!document || !accept(document)) {
    void vscode.window.showErrorMessage(`Docker Harden: open ${what} first.`);
    return undefined;
  }
  return document;
}

/** What the commands need of the entry that registers them (extension.ts for Node, browser.ts for a web worker). */
export interface CommandHost {
  client: BaseLanguageClient;
  output: DockerHardenOutput;
  /** The extension's folder (`context.extensionUri`): the rule pages are in its docs/rules. */
  extensionUri: vscode.Uri;
  /** The local disk, for file modes (Node only; the browser has none). */
  disk: LocalDisk | undefined;
}

export function registerCommands({ client, output, extensionUri, disk }: CommandHost): vscode.Disposable[] {
  /** Modes the browser cannot set (workspace.fs has no chmod): said in the output rather than silently skipped. */
  function noteModesNotSet(files: readonly string[]): void {
    if (files.length === 0) return;
    const names = files.map((uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri))).join(', ');
    output.warn(`File modes not set on ${names}: the editor's file system has no chmod here (browser); restrict them on the machine that runs the containers.`);
  }

  async function harden(document: vscode.TextDocument, services: string[], options: CommandOptions): Promise<HardenOutcome> {
    const version = document.version;
    const result = await client.sendRequest<HardenServiceRequest.Result>(HardenServiceRequest.method, {
      uri: document.uri.toString(),
      services,
    } satisfies HardenServiceRequest.Params);
    const outcome: HardenOutcome = { applied: false, fixCount: result.fixCount, files: [], unknownServices: result.unknownServices };
    const what = services.length === 0 ? 'all services' : services.length === 1 ? `service "${services[0]}"` : `services ${services.join(', ')}`;
    if (result.refused) {
      void vscode.window.showWarningMessage(`Docker Harden: ${result.refused}`);
      return outcome;
    }
    if (result.unknownServices.length > 0) {
      void vscode.window.showErrorMessage(`Docker Harden: no service named ${result.unknownServices.join(', ')} in ${vscode.workspace.asRelativePath(document.uri)}.`);
      return outcome;
    }
    if (result.changes.length === 0 || result.fixCount === 0) {
      void vscode.window.showInformationMessage(`Docker Harden: nothing to harden in ${what}.`);
      return outcome;
    }
    if (document.version !== version) {
      void vscode.window.showWarningMessage('Docker Harden: the file changed while hardening was computed; run the command again.');
      return outcome;
    }
    const applied = await applyFileChanges(result.changes, { preview: options.preview, label: `Harden ${what}`, disk });
    noteModesNotSet(applied.modesNotSet);
    output.info(
      `Harden ${what} in ${vscode.workspace.asRelativePath(document.uri)}: ${count(result.fixCount, 'fix', 'fixes')} in ${count(applied.files.length, 'file')}, ${applied.applied ? 'applied' : 'not applied'}`,
    );
    if (!applied.applied && options.preview !== false) void offerReviewAgain(`Harden ${what}`, () => harden(document, services, options));
    return { ...outcome, applied: applied.applied, files: applied.applied ? applied.files : [] };
  }

  /**
   * The refactor preview closed without applying anything: its changes start unticked, and Apply with none ticked
   * (or Discard) applies nothing without a word. Say so, and offer to open the preview again.
   */
  async function offerReviewAgain(what: string, again: () => Promise<unknown>): Promise<void> {
    const choice = await vscode.window.showInformationMessage(
      `Docker Harden: ${what} applied nothing. Tick the changes to apply in the preview, then Apply.`,
      REVIEW_AGAIN,
    );
    if (choice === REVIEW_AGAIN) await again();
  }

  async function hardenService(uriArg?: unknown, serviceArg?: unknown, options: CommandOptions = {}): Promise<HardenOutcome | undefined> {
    const document = await targetDocument(uriArg, isComposeDocument, 'a compose file');
    if (!document) return undefined;
    let services: string[];
    if (typeof serviceArg === 'string') services = [serviceArg];
    else if (Array.isArray(serviceArg) && serviceArg.every((s) => typeof s === 'string')) services = serviceArg;
    else {
      const listed = await client.sendRequest<ListServicesRequest.Result>(ListServicesRequest.method, {
        uri: document.uri.toString(),
      } satisfies ListServicesRequest.Params);
      if (listed.length === 0) {
        void vscode.window.showInformationMessage('Docker Harden: this compose file has no services.');
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        listed.map((service) => ({
          label: service.name,
          description: service.problems === 0 ? 'no problems' : `${service.problems} problem${service.problems === 1 ? '' : 's'}`,
          detail: `line ${service.line + 1}`,
        })),
        { title: 'Docker Harden: Harden service', placeHolder: 'Service to harden', canPickMany: false },
      );
      if (!picked) return undefined;
      services = [picked.label];
    }
    return harden(document, services, options);
  }

  async function hardenAllServices(uriArg?: unknown, options: CommandOptions = {}): Promise<HardenOutcome | undefined> {
    const document = await targetDocument(uriArg, isComposeDocument, 'a compose file');
    if (!document) return undefined;
    return harden(document, [], options);
  }

  async function fixAll(uriArg?: unknown): Promise<FixAllOutcome | undefined> {
    const document = await targetDocument(uriArg, isLintedDocument, 'a compose file or Dockerfile');
    if (!document) return undefined;
    const version = document.version;
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    const actions =
      (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        whole,
        FIX_ALL_KIND.value,
        10,
      )) ?? [];
    const action = actions.find((a): a is vscode.CodeAction => 'kind' in a && a.kind !== undefined && FIX_ALL_KIND.contains(a.kind));
    const edits = action?.edit?.entries().reduce((count, [, textEdits]) => count + textEdits.length, 0) ?? 0;
    if (!action || edits === 0) {
      void vscode.window.showInformationMessage('Docker Harden: no safe fixes for this file.');
      return { applied: false, edits: 0 };
    }
    if (document.version !== version) return { applied: false, edits };
    const applied = action.edit ? await vscode.workspace.applyEdit(action.edit) : false;
    if (applied && action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    output.info(`Fix all in ${vscode.workspace.asRelativePath(document.uri)}: ${edits} edits ${applied ? 'applied' : 'not applied'}`);
    return { applied, edits };
  }

  async function createDockerignore(uriArg?: unknown): Promise<RuleFixOutcome | undefined> {
    const document = await targetDocument(uriArg, (d) => d.languageId === 'dockerfile', 'a Dockerfile');
    if (!document) return undefined;
    const outcome = await applyRuleFix(document, 'dockerfile/dockerignore', disk);
    if (!outcome.title) {
      void vscode.window.showInformationMessage(
        'Docker Harden: nothing to add. This Dockerfile does not copy the whole build context, its .dockerignore already excludes .git and .env, or its build context is remote or missing (see the problem).',
      );
    }
    output.info(`Create .dockerignore for ${vscode.workspace.asRelativePath(document.uri)}: ${outcome.applied ? `applied "${outcome.title}"` : 'not applied'}`);
    return outcome;
  }

  async function convertSecrets(uriArg?: unknown): Promise<RuleFixOutcome | undefined> {
    const document = await targetDocument(uriArg, isComposeDocument, 'a compose file');
    if (!document) return undefined;
    // Secrets files hold the literal values: in a folder only its owner can enter (0700), the files 0644 because
    // Compose bind-mounts a file secret with the host file's mode, and a non-root container user must read it.
    const outcome = await applyRuleFix(document, 'compose/secret-in-environment', disk, SECRET_FILE_MODE, SECRET_FOLDER_MODE);
    noteModesNotSet(outcome.modesNotSet);
    if (!outcome.title) void vscode.window.showInformationMessage('Docker Harden: no secret-looking environment entries to convert in this file.');
    // Only names and counts are logged, never a value.
    output.info(
      `Convert environment secrets in ${vscode.workspace.asRelativePath(document.uri)}: ${outcome.applied ? `applied, ${outcome.created.length} files created` : 'not applied'}`,
    );
    return outcome;
  }

  async function generateProductionOverride(uriArg?: unknown, options: CommandOptions = {}): Promise<HardenOutcome | undefined> {
    const document = await targetDocument(uriArg, isComposeDocument, 'a compose file');
    if (!document) return undefined;
    const version = document.version;
    const result = await client.sendRequest<ProductionOverrideRequest.Result>(ProductionOverrideRequest.method, {
      uri: document.uri.toString(),
    } satisfies ProductionOverrideRequest.Params);
    const outcome: HardenOutcome = { applied: false, fixCount: result.services.length, files: [], unknownServices: [] };
    if (result.refused || result.changes.length === 0) {
      void vscode.window.showInformationMessage(`Docker Harden: ${result.refused ?? 'nothing to generate.'}`);
      return outcome;
    }
    if (document.version !== version) {
      void vscode.window.showWarningMessage('Docker Harden: the file changed while the override was computed; run the command again.');
      return outcome;
    }
    const applied = await applyFileChanges(result.changes, { preview: options.preview, label: 'Generate production override', disk });
    noteModesNotSet(applied.modesNotSet);
    output.info(`Production override for ${vscode.workspace.asRelativePath(document.uri)}: ${count(result.services.length, 'service')}, ${applied.applied ? 'applied' : 'not applied'}`);
    if (!applied.applied && options.preview !== false) void offerReviewAgain('Generate production override', () => generateProductionOverride(document.uri, options));
    return { ...outcome, applied: applied.applied, files: applied.applied ? applied.files : [] };
  }

  async function showDocumentation(arg?: unknown): Promise<string> {
    // A rule id (from a diagnostic's code) or one of our own https links; anything else opens the README.
    const ruleId = ruleIdOf(arg);
    if (ruleId) {
      // The page shipped in the extension, in the Markdown preview: offline (in the browser too, read through the
      // editor's file system from the extension's folder).
      const bundled = vscode.Uri.joinPath(extensionUri, 'docs', 'rules', ...`${ruleId}.md`.split('/'));
      if (await vscode.workspace.fs.stat(bundled).then(
        () => true,
        () => false,
      )) {
        await vscode.commands.executeCommand('markdown.showPreview', bundled);
        return bundled.toString();
      }
    }
    let url = README_URL;
    if (ruleId) url = docsUrl(ruleId);
    else if (typeof arg === 'string' && arg.startsWith('https://github.com/docker-harden/')) url = arg;
    await vscode.env.openExternal(vscode.Uri.parse(url));
    return url;
  }

  return [
    vscode.commands.registerCommand(Commands.hardenService, hardenService),
    vscode.commands.registerCommand(Commands.hardenAllServices, hardenAllServices),
    vscode.commands.registerCommand(Commands.fixAll, fixAll),
    vscode.commands.registerCommand(Commands.createDockerignore, createDockerignore),
    vscode.commands.registerCommand(Commands.convertSecrets, convertSecrets),
    vscode.commands.registerCommand(Commands.generateProductionOverride, generateProductionOverride),
    vscode.commands.registerCommand(Commands.showOutput, () => {
      output.show(true);
      return true;
    }),
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      output.info('Restarting the server');
      // The Node client's restart waits for its debug port; the browser client has none: stop, then start.
      const restartable = client as BaseLanguageClient & { restart?: () => Promise<void> };
      if (restartable.restart) await restartable.restart();
      else {
        await client.stop();
        await client.start();
      }
      return true;
    }),
    vscode.commands.registerCommand(Commands.showDocumentation, showDocumentation),
  ];
}

/** The rule id of a "Show documentation" argument: the id itself, or the URL of its page (`docsUrl`). */
export function ruleIdOf(arg: unknown): string | undefined {
  if (typeof arg !== 'string') return undefined;
  const id = arg.startsWith(DOCS_BASE_URL) ? arg.slice(DOCS_BASE_URL.length).replace(/\.md$/, '') : arg;
  return /^(compose|dockerfile)\/[a-z0-9-]+$/.test(id) ? id : undefined;
}

import * as vscode from 'vscode';
import type { LocalDisk } from './localDisk';

export interface RuleFixOutcome {
  applied: boolean;
  /** Title of the code action that was applied. */
  title?: string;
  /** Files the action created (URIs as strings). */
  created: string[];
  /** Created files that wanted a mode the client could not set (no local disk: the browser). */
  modesNotSet: string[];
}

/** The rule id of one of our diagnostics (the server sets `code` to `{ value: ruleId, target: docs }`). */
export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}

/**
 * Applies the server's quick fix for `ruleId` in a document, as if the user picked it from the light bulb: the
 * "Fix all <rule> problems" action when the document has several fixable problems of the rule, else the fix of
 * a problem of the rule that no other rule's problem overlaps (never an "Ignore ..." action). The edit is the
 * server's own; unsafe fixes carry a change annotation that makes VS Code show its preview first.
 * `createdFileMode` is given to the files the fix creates other than ignore files (a secrets file gets 0644), and
 * `createdFolderMode` to the folders the fix creates for them (`secrets/` gets 0700), on the local disk only
 * (`disk`: none in the browser).
 */
export async function applyRuleFix(
  document: vscode.TextDocument,
  ruleId: string,
  disk: LocalDisk | undefined,
  createdFileMode?: number,
  createdFolderMode?: number,
): Promise<RuleFixOutcome> {
  const all = vscode.languages.getDiagnostics(document.uri);
  const candidates = all.filter((diagnostic) => ruleIdOf(diagnostic) === ruleId);
  let action: vscode.CodeAction | undefined;
  for (const diagnostic of candidates) {
    const codeActions = (
      (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
        50,
      )) ?? []
    ).filter((candidate): candidate is vscode.CodeAction => 'edit' in candidate && candidate.edit !== undefined);
    action = codeActions.find((candidate) => candidate.title === `Fix all ${ruleId} problems`);
    if (action) break;
    // The API drops the actions' diagnostics, so a fix is attributed to the rule only when no other rule's problem
    // overlaps this range; the server lists fixes before its "Ignore <id> ..." actions.
    const overlapping = all.filter((other) => other.range.intersection(diagnostic.range) !== undefined);
    if (overlapping.some((other) => ruleIdOf(other) !== ruleId)) continue;
    action = codeActions.find((candidate) => !candidate.title.startsWith('Ignore '));
    if (action) break;
  }
  if (!action?.edit) return { applied: false, created: [], modesNotSet: [] };
  const touched = action.edit.entries().map(([uri]) => uri);
  const missingBefore: vscode.Uri[] = [];
  for (const uri of touched) if (!(await exists(uri))) missingBefore.push(uri);
  const local = (uri: vscode.Uri) => disk !== undefined && uri.scheme === 'file';
  const foldersMissingBefore = new Map<string, vscode.Uri>();
  for (const uri of missingBefore.filter(local)) {
    const folder = disk!.parent(uri);
    if (!disk!.folderExists(folder)) foldersMissingBefore.set(folder.toString(), folder);
  }
  const applied = await vscode.workspace.applyEdit(action.edit);
  const created: vscode.Uri[] = [];
  if (applied) for (const uri of missingBefore) if (await exists(uri)) created.push(uri);
  // An undo deletes the created files: the folders made for them go too.
  for (const folder of foldersMissingBefore.values()) if (applied && disk!.folderExists(folder)) disk!.removeWhenEmptied(folder, createdFolderMode);
  const modesNotSet: string[] = [];
  for (const uri of created) {
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    if (name === '.gitignore' || name === '.dockerignore') continue;
    if (!local(uri)) {
      if (createdFileMode !== undefined || createdFolderMode !== undefined) modesNotSet.push(uri.toString());
      continue;
    }
    const folder = disk!.parent(uri);
    if (createdFolderMode !== undefined && foldersMissingBefore.has(folder.toString())) await disk!.chmod(folder, createdFolderMode);
    if (createdFileMode !== undefined) await disk!.chmod(uri, createdFileMode);
  }
  return { applied, title: action.title, created: created.map((uri) => uri.toString()), modesNotSet };
}

/** Whether a file is there, on any file system the editor knows (the local disk, `vscode-remote:`, `vscode-vfs:`). */
async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { removeWhenEmptied } from './workspaceEdit';

export interface RuleFixOutcome {
  applied: boolean;
  /** Title of the code action that was applied. */
  title?: string;
  /** Files the action created (URIs as strings). */
  created: string[];
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
 * `createdFolderMode` to the folders the fix creates for them (`secrets/` gets 0700), on the local disk only.
 */
export async function applyRuleFix(document: vscode.TextDocument, ruleId: string, createdFileMode?: number, createdFolderMode?: number): Promise<RuleFixOutcome> {
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
  if (!action?.edit) return { applied: false, created: [] };
  const touched = action.edit.entries().map(([uri]) => uri);
  const missingBefore = touched.filter((uri) => uri.scheme === 'file' && !fs.existsSync(uri.fsPath));
  const foldersMissingBefore = new Set(missingBefore.map((uri) => path.dirname(uri.fsPath)).filter((folder) => !fs.existsSync(folder)));
  const applied = await vscode.workspace.applyEdit(action.edit);
  const created = applied ? missingBefore.filter((uri) => fs.existsSync(uri.fsPath)) : [];
  // An undo deletes the created files: the folders made for them go too.
  for (const folder of foldersMissingBefore) if (applied && fs.existsSync(folder)) removeWhenEmptied(folder, createdFolderMode);
  for (const uri of created) {
    const name = path.basename(uri.fsPath);
    if (name === '.gitignore' || name === '.dockerignore') continue;
    if (createdFolderMode !== undefined && foldersMissingBefore.has(path.dirname(uri.fsPath))) await fs.promises.chmod(path.dirname(uri.fsPath), createdFolderMode);
    if (createdFileMode !== undefined) await fs.promises.chmod(uri.fsPath, createdFileMode);
  }
  return { applied, title: action.title, created: created.map((uri) => uri.toString()) };
}

//! The extension's commands, and the client side of the server's `chant-lsp.showReferences` lens
//! command.

import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';

import type { Session } from './extension.mts';
import { parseShowReferences, prMarkdown } from './protocolValues.mts';

/** The server's name for the PR description command (see the server's execute_command). */
const SERVER_PR_DESCRIPTION = 'chant-lsp.prDescription';
/** The action title the server gives the "write the PR description into the spec" action. */
const FILL_ACTION_TITLE = 'Fill PR description';
/** How many of the returned actions VS Code resolves: the spec's refactors are few. */
const RESOLVE_ACTIONS = 10;

export function registerCommands(session: Session): void {
  const register = (id: string, run: (...args: unknown[]) => unknown) =>
    session.subscribe(vscode.commands.registerCommand(id, run));
  register('chantLsp.restartServer', () => session.restart());
  register('chantLsp.showOutput', () => session.output.show());
  register('chantLsp.fillPrDescription', () => fillPrDescription(session));
  register('chantLsp.copyPrDescription', () => copyPrDescription(session));
  register('chant-lsp.showReferences', (...args) => showReferences(session, args));
}

/** Applies the server's "Fill PR description" action to the spec in the active editor. */
async function fillPrDescription(session: Session): Promise<boolean> {
  const editor = activeSpecEditor();
  if (editor === undefined || session.client === undefined) {
    void vscode.window.showWarningMessage('Open a chant spec (.chant/specs/*.md) to fill its PR description.');
    return false;
  }
  const start = new vscode.Range(0, 0, 0, 0);
  // The server offers this action without its edit and fills it on resolve; the last argument
  // asks VS Code to resolve the actions it returns.
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    editor.document.uri,
    start,
    vscode.CodeActionKind.RefactorRewrite.value,
    RESOLVE_ACTIONS,
  );
  const fill = (actions ?? []).find((a) => a.title === FILL_ACTION_TITLE && a.edit !== undefined);
  if (fill?.edit === undefined) {
    void vscode.window.showWarningMessage('chant-lsp offered no PR description for this file.');
    return false;
  }
  return vscode.workspace.applyEdit(fill.edit);
}

/** Puts the spec's PR description on the clipboard; answers the text (for tests) or undefined. */
async function copyPrDescription(session: Session): Promise<string | undefined> {
  const editor = activeSpecEditor();
  const client = session.client;
  if (editor === undefined || client === undefined) {
    void vscode.window.showWarningMessage('Open a chant spec (.chant/specs/*.md) to copy its PR description.');
    return undefined;
  }
  const uri = client.code2ProtocolConverter.asUri(editor.document.uri);
  const answer = await client.sendRequest(ExecuteCommandRequest.type, {
    command: SERVER_PR_DESCRIPTION,
    arguments: [{ uri }],
  });
  const markdown = prMarkdown(answer);
  if (markdown === undefined) {
    void vscode.window.showWarningMessage('chant-lsp has no PR description for this file.');
    return undefined;
  }
  try {
    await vscode.env.clipboard.writeText(markdown);
  } catch (err) {
    // A browser-hosted editor may refuse the clipboard (no focus or permission).
    session.output.error(`copying the PR description: ${String(err)}`);
    void vscode.window.showErrorMessage(`Could not copy the PR description: ${String(err)}`);
    return undefined;
  }
  void vscode.window.showInformationMessage('PR description copied to the clipboard.');
  return markdown;
}

/** The lens arguments are LSP JSON; VS Code's peek view wants its own Uri/Position/Location. */
async function showReferences(session: Session, args: unknown[]): Promise<void> {
  const client = session.client;
  const parsed = parseShowReferences(args);
  if (client === undefined || parsed === undefined) {
    session.output.warn(`chant-lsp.showReferences: unexpected arguments ${JSON.stringify(args)}`);
    return;
  }
  const p2c = client.protocol2CodeConverter;
  await vscode.commands.executeCommand(
    'editor.action.showReferences',
    p2c.asUri(parsed.uri),
    p2c.asPosition(parsed.position),
    parsed.locations.map((l) => p2c.asLocation(l)),
  );
}

function activeSpecEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === 'markdown' ? editor : undefined;
}

//! Acting on a spec with chant's own CLI: `chant work|approve|finalize|cancel|show ID` in a
//! terminal named after the spec (from the specs tree's context menu, the title-line code lenses
//! and the command palette), and `chant: New Spec`. The client runs chant; the server runs
//! nothing. Without chant the actions are hidden and the specs tree says how to install it.

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

import {
  ACTIONS,
  actionArgs,
  type ChantAction,
  type ChantLookup,
  CHANT_INSTALL_HINT,
  commandLine,
  resolveChantPath,
  terminalName,
} from './chantCli.mts';
import { createdId, localDate, nextSpecId, specSkeleton } from './newSpec.mts';
import { lensActions, titleLine } from './specActionModel.mts';
import type { GraphNode, SpecGraph } from './specGraph.mts';
import type { SpecsItem } from './specsView.mts';
import { isExecutable } from './files.mts';

/** Set while chant is found: shows the actions in menus and the palette. */
const CONTEXT_CHANT = 'chantLsp.chantFound';
const SETTING = 'chant.path';

/** What the tree and the graphs know, and the roots; given by the graph features. */
export interface SpecData {
  graphs(): readonly SpecGraph[];
  roots(): string[];
  onDidChange: vscode.Event<void>;
  /** Shows `message` on the specs tree (undefined clears it). */
  setTreeMessage(message: string | undefined): void;
}

/** A spec an action runs on: its id and the chant root whose CLI runs it. */
interface Target {
  id: string;
  root: string;
}

export class SpecActions implements vscode.Disposable, vscode.CodeLensProvider {
  private chant: ChantLookup = { ok: false, message: CHANT_INSTALL_HINT };
  private readonly disposables: vscode.Disposable[] = [];
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  /** Command lines sent to terminals, in order (the end-to-end test reads them). */
  readonly ran: string[] = [];
  private readonly data: SpecData;
  private readonly output: vscode.LogOutputChannel;

  constructor(data: SpecData, output: vscode.LogOutputChannel) {
    this.data = data;
    this.output = output;
    const register = (id: string, run: (...args: unknown[]) => unknown) =>
      this.disposables.push(vscode.commands.registerCommand(id, run));
    for (const action of ACTIONS) {
      register(`chantLsp.${action}`, (arg, options) => this.run(action, arg, options));
    }
    register('chantLsp.newSpec', (title) => this.newSpec(title));
    this.disposables.push(
      this.lensesChanged,
      data.onDidChange(() => this.lensesChanged.fire()),
      vscode.languages.registerCodeLensProvider({ language: 'markdown', scheme: 'file' }, this),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`chantLsp.${SETTING}`)) {
          this.lookUp();
        }
      }),
    );
    this.lookUp();
  }

  /** Looks for chant again (at start and when the setting changes). */
  lookUp(): void {
    const config = vscode.workspace.getConfiguration('chantLsp');
    this.chant = resolveChantPath(config.get<string>(SETTING), {
      pathVariable: process.env.PATH,
      home: os.homedir() || undefined,
      cargoHome: undefined,
      extensionDir: '',
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      platform: process.platform,
      isExecutable,
    });
    void vscode.commands.executeCommand('setContext', CONTEXT_CHANT, this.chant.ok);
    if (this.chant.ok) {
      this.output.info(`chant: ${this.chant.path} (${this.chant.source === 'PATH' ? 'on PATH' : 'chantLsp.chant.path'})`);
      this.data.setTreeMessage(undefined);
    } else {
      this.output.info(this.chant.message);
      this.data.setTreeMessage(this.chant.message);
    }
    this.lensesChanged.fire();
  }

  /** Where chant is, or undefined (the end-to-end test reads it). */
  get chantPath(): string | undefined {
    return this.chant.ok ? this.chant.path : undefined;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.chant.ok) {
      return [];
    }
    const target = this.targetOf(document.uri);
    const node = target && this.nodeOf(target);
    const line = titleLine(document.getText());
    if (target === undefined || node === undefined || line === undefined) {
      return [];
    }
    const range = new vscode.Range(line, 0, line, 0);
    return lensActions(node).map(
      ({ action, title }) =>
        new vscode.CodeLens(range, {
          title,
          command: `chantLsp.${action}`,
          arguments: [document.uri],
          tooltip: `Runs in a terminal: ${this.preview(action, target.id)}`,
        }),
    );
  }

  /** Runs `chant ACTION ID` in the spec's terminal; answers the command line, or undefined. */
  private async run(action: ChantAction, arg: unknown, options: unknown): Promise<string | undefined> {
    const chant = this.chant;
    if (!chant.ok) {
      void this.warnMissing();
      return undefined;
    }
    const target = this.targetFromArgument(arg);
    if (target === undefined) {
      void vscode.window.showWarningMessage(`chant ${action}: select a spec in the Chant Specs tree or open one.`);
      return undefined;
    }
    let by: string | undefined;
    if (action === 'approve') {
      by = (options as { by?: unknown } | undefined)?.by as string | undefined;
      by ??= await vscode.window.showInputBox({
        title: `chant approve ${target.id} --by NAME`,
        prompt: 'Approver (chant checks the name against the git committers)',
        value: await gitUserName(target.root),
        ignoreFocusOut: true,
      });
      if (by === undefined || by.trim() === '') {
        return undefined;
      }
    }
    const line = commandLine(chant, actionArgs(action, target.id, by?.trim()), process.platform);
    this.inTerminal(target, line);
    return line;
  }

  private preview(action: ChantAction, id: string): string {
    return this.chant.ok ? commandLine(this.chant, actionArgs(action, id, 'NAME'), process.platform) : '';
  }

  /** The command is typed at the spec's terminal prompt, where it stays visible, then run. */
  private inTerminal(target: Target, line: string): void {
    const name = terminalName(target.id);
    const terminal =
      vscode.window.terminals.find((t) => t.name === name && t.exitStatus === undefined) ??
      vscode.window.createTerminal({ name, cwd: target.root, iconPath: new vscode.ThemeIcon('checklist') });
    terminal.show();
    terminal.sendText(line);
    this.ran.push(line);
    this.output.info(`ran in terminal "${name}": ${line}`);
  }

  /** `chant: New Spec`: `chant add "TITLE"`, or chant's skeleton written here; opens the spec. */
  private async newSpec(titleArg: unknown): Promise<vscode.Uri | undefined> {
    const root = await this.pickRoot();
    if (root === undefined) {
      void vscode.window.showWarningMessage('Open a folder with a .chant/ directory to add a spec.');
      return undefined;
    }
    const title =
      typeof titleArg === 'string'
        ? titleArg
        : await vscode.window.showInputBox({ title: 'chant: New Spec', prompt: 'Title of the new spec' });
    if (title === undefined || title.trim() === '') {
      return undefined;
    }
    const file = this.chant.ok ? await this.chantAdd(this.chant, root, title.trim()) : await writeSkeleton(root, title.trim());
    if (file === undefined) {
      return undefined;
    }
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(uri, { preview: false });
    return uri;
  }

  private async chantAdd(chant: ChantLookup & { ok: true }, root: string, title: string): Promise<string | undefined> {
    const line = commandLine(chant, ['add', title], process.platform);
    this.output.info(`running in ${root}: ${line}`);
    const result = await new Promise<{ err: Error | null; stdout: string; stderr: string }>((resolve) =>
      execFile(chant.path, ['add', title], { cwd: root, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) =>
        resolve({ err, stdout, stderr }),
      ),
    );
    this.ran.push(line);
    const id = createdId(result.stdout);
    if (result.err !== null || id === undefined) {
      const why = (result.stderr || result.stdout || String(result.err)).trim();
      this.output.error(`${line}: ${why}`);
      void vscode.window.showErrorMessage(`${line} failed: ${why}`);
      return undefined;
    }
    return path.join(root, '.chant', 'specs', `${id}.md`);
  }

  private async pickRoot(): Promise<string | undefined> {
    const roots = this.data.roots();
    const active = vscode.window.activeTextEditor?.document.uri.fsPath;
    const holding = active && roots.find((r) => active.startsWith(r + path.sep));
    if (holding || roots.length <= 1) {
      return holding || roots[0];
    }
    return vscode.window.showQuickPick(roots, { title: 'chant: New Spec — in which workspace?' });
  }

  private async warnMissing(): Promise<void> {
    const message = this.chant.ok ? '' : this.chant.message;
    if ((await vscode.window.showWarningMessage(message, 'Open Settings')) !== undefined) {
      await vscode.commands.executeCommand('workbench.action.openSettings', `chantLsp.${SETTING}`);
    }
  }

  /** The spec of a tree item, a file URI, or else the active editor. */
  private targetFromArgument(arg: unknown): Target | undefined {
    const item = arg as SpecsItem | undefined;
    if (item !== undefined && typeof item === 'object' && 'kind' in item && item.kind === 'spec') {
      return { id: item.node.id, root: vscode.Uri.parse(item.graph.root).fsPath };
    }
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    return uri && this.targetOf(uri);
  }

  /** A spec file under a chant root: its id is its file name. */
  private targetOf(uri: vscode.Uri): Target | undefined {
    if (uri.scheme !== 'file' || !uri.fsPath.endsWith('.md')) {
      return undefined;
    }
    const file = uri.fsPath;
    const root = [...this.data.roots()]
      .sort((a, b) => b.length - a.length)
      .find((r) => file.startsWith(path.join(r, '.chant') + path.sep));
    if (root === undefined || !/[\\/]\.chant[\\/](specs|archive)[\\/]/.test(file.slice(root.length))) {
      return undefined;
    }
    return { id: path.basename(file, '.md'), root };
  }

  private nodeOf(target: Target): GraphNode | undefined {
    const graph = this.data.graphs().find((g) => vscode.Uri.parse(g.root).fsPath === target.root);
    return graph?.nodes.find((n) => n.id === target.id);
  }

  dispose(): void {
    this.disposables.splice(0).forEach((d) => d.dispose());
  }
}

/** `git config user.name` in the root, the default approver; empty when git has none. */
function gitUserName(root: string): Promise<string> {
  return new Promise((resolve) =>
    execFile('git', ['config', 'user.name'], { cwd: root }, (err, stdout) => resolve(err ? '' : stdout.trim())),
  );
}

/** Writes chant's skeleton for `title` under a fresh id of chant's scheme; answers the file. */
async function writeSkeleton(root: string, title: string): Promise<string> {
  const specs = path.join(root, '.chant', 'specs');
  const names = await fs.promises.readdir(specs).catch(() => [] as string[]);
  const id = nextSpecId(names, localDate(new Date()), Math.random);
  const file = path.join(specs, `${id}.md`);
  await vscode.workspace.fs.writeFile(vscode.Uri.file(file), Buffer.from(specSkeleton(title), 'utf8'));
  return file;
}

//! Wires the spec-graph views (the specs tree, the status bar, the graph webviews) to the running
//! client: their data source, their commands, and the server's `chant-lsp/indexChanged`
//! notification that refreshes them.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient, type StaticFeature } from 'vscode-languageclient/node';

import { GraphPanel, type GraphRender } from './graphView.mts';
import type { GraphQuery } from './specGraph.mts';
import { SpecActions } from './specActions.mts';
import { SpecsTree, VIEW_ID } from './specsView.mts';

/** The server's graph command (see the server's execute_command). */
const SERVER_GRAPH = 'chant-lsp.graph';
const INDEX_CHANGED = 'chant-lsp/indexChanged';
/** Set while a chant workspace is open; shows the tree. */
const CONTEXT_ACTIVE = 'chantLsp.active';
const REFRESH_DEBOUNCE_MS = 200;

/**
 * Tells the server that this client handles `chant-lsp/indexChanged` (the server sends it only to
 * clients that say so in `experimental.chantIndexChanged`). Registered before the client starts.
 */
export const indexChangedCapability: StaticFeature = {
  fillClientCapabilities(capabilities) {
    capabilities.experimental = { ...(capabilities.experimental as object | undefined), chantIndexChanged: true };
  },
  initialize() {},
  getState: () => ({ kind: 'static' }),
  clear() {},
};

export class GraphFeatures implements vscode.Disposable {
  readonly tree: SpecsTree;
  /** chant's CLI on a spec: tree menu, lenses, palette (the end-to-end test reads it). */
  readonly actions: SpecActions;
  private readonly treeView: vscode.TreeView<unknown>;
  /** What the specs tree says above its items (the end-to-end test reads it). */
  treeMessage: string | undefined;
  private client: LanguageClient | undefined;
  private roots: string[] = [];
  /** The whole-workspace panel, and one panel per focused spec, by key. */
  private readonly panels = new Map<string, GraphPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastPanel: GraphPanel | undefined;
  private readonly extensionUri: vscode.Uri;
  private readonly output: vscode.LogOutputChannel;

  constructor(extensionUri: vscode.Uri, output: vscode.LogOutputChannel) {
    this.extensionUri = extensionUri;
    this.output = output;
    this.tree = new SpecsTree(
      (query) => this.request(query),
      () => this.roots,
    );
    const register = (id: string, run: (...args: unknown[]) => unknown) =>
      this.disposables.push(vscode.commands.registerCommand(id, run));
    this.treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.tree });
    this.disposables.push(this.tree, this.treeView);
    this.actions = new SpecActions(
      {
        graphs: () => this.tree.current,
        roots: () => this.roots,
        onDidChange: this.tree.onDidRefresh,
        setTreeMessage: (message) => {
          this.treeView.message = message;
          this.treeMessage = message;
        },
      },
      output,
    );
    this.disposables.push(this.actions);
    register('chantLsp.refreshSpecs', () => this.tree.refresh());
    register('chantLsp.showDependencyGraph', () => this.showWorkspaceGraph());
    register('chantLsp.showSpecGraph', (uri) => this.showSpecGraph(uri));
  }

  /** A client has started for these chant roots: fetch, and listen for index changes. */
  attach(client: LanguageClient, roots: string[]): void {
    this.client = client;
    this.roots = roots;
    void vscode.commands.executeCommand('setContext', CONTEXT_ACTIVE, true);
    client.onNotification(INDEX_CHANGED, () => this.scheduleRefresh());
    void this.refreshAll();
  }

  detach(): void {
    this.client = undefined;
  }

  /** What the most recently updated graph panel drew (the end-to-end test reads it). */
  get lastRender(): GraphRender | undefined {
    return this.lastPanel?.lastRender;
  }

  /** The most recently updated graph panel (the end-to-end test drives its view). */
  get lastGraphPanel(): GraphPanel | undefined {
    return this.lastPanel;
  }

  /** Does what a click on a node of the most recent graph does (the end-to-end test calls it). */
  openNode(id: string): Promise<boolean> {
    return this.lastPanel?.open(id) ?? Promise.resolve(false);
  }

  private scheduleRefresh(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refreshAll();
    }, REFRESH_DEBOUNCE_MS);
  }

  private async refreshAll(): Promise<void> {
    await Promise.all([this.tree.refresh(), ...[...this.panels.values()].map((p) => p.refresh())]);
  }

  private async request(query: GraphQuery): Promise<unknown> {
    const client = this.client;
    if (client === undefined) {
      return undefined;
    }
    try {
      return await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_GRAPH, arguments: [query] });
    } catch (err) {
      this.output.warn(`${SERVER_GRAPH}: ${String(err)}`);
      return undefined;
    }
  }

  private showWorkspaceGraph(): void {
    const root = this.rootOf(vscode.window.activeTextEditor?.document.uri) ?? this.roots[0];
    if (root === undefined) {
      void vscode.window.showWarningMessage('Open a folder with a .chant/ directory to see its spec graph.');
      return;
    }
    const uri = vscode.Uri.file(path.join(root, '.chant', 'config.md')).toString();
    const title = this.roots.length > 1 ? `Spec Graph: ${path.basename(root)}` : 'Spec Graph';
    this.show(`root:${root}`, { uri }, title, undefined);
  }

  private showSpecGraph(arg: unknown): void {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (uri === undefined || this.rootOf(uri) === undefined) {
      void vscode.window.showWarningMessage('Open a chant spec (.chant/specs/*.md) to see its graph.');
      return;
    }
    const id = path.basename(uri.fsPath, '.md');
    this.show(`spec:${uri.toString()}`, { uri: uri.toString(), focus: true, depth: 1 }, `Graph: ${id}`, id);
  }

  private show(key: string, query: GraphQuery, title: string, spec: string | undefined): void {
    const open = this.panels.get(key);
    if (open !== undefined) {
      this.lastPanel = open;
      open.reveal();
      void open.refresh();
      return;
    }
    const panel = GraphPanel.open(
      this.extensionUri,
      (q) => this.request(q),
      query,
      title,
      spec,
      () => {
        this.panels.delete(key);
        if (this.lastPanel === panel) {
          this.lastPanel = undefined;
        }
      },
    );
    this.panels.set(key, panel);
    this.lastPanel = panel;
  }

  /** The chant root holding this file (the innermost when roots nest). */
  private rootOf(uri: vscode.Uri | undefined): string | undefined {
    if (uri === undefined || uri.scheme !== 'file') {
      return undefined;
    }
    const file = uri.fsPath;
    return [...this.roots]
      .sort((a, b) => b.length - a.length)
      .find((root) => file.startsWith(path.join(root, '.chant') + path.sep));
  }

  dispose(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    [...this.panels.values()].forEach((p) => p.dispose());
    this.disposables.splice(0).forEach((d) => d.dispose());
  }
}

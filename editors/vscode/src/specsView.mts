//! The "Chant Specs" tree (specs grouped by status, blockers under blocked specs) and the
//! status-bar counts, both fed by the server's `chant-lsp.graph` command and refreshed when the
//! server says an index changed.

import * as path from 'node:path';
import * as vscode from 'vscode';

import {
  blockersOf,
  countSpecs,
  groupSpecs,
  parseGraph,
  type GraphNode,
  type GraphQuery,
  type SpecGraph,
  type SpecGroup,
  specLabel,
  statusBarText,
} from './specGraph.mts';

export const VIEW_ID = 'chantLsp.specs';

/** Asks the server for one workspace's graph; undefined when there is no server or no answer. */
export type GraphSource = (query: GraphQuery) => Promise<unknown>;

export type SpecsItem =
  | { kind: 'root'; graph: SpecGraph }
  | { kind: 'group'; graph: SpecGraph; group: SpecGroup }
  | { kind: 'spec'; graph: SpecGraph; node: GraphNode }
  | { kind: 'blocker'; graph: SpecGraph; label: string; node: GraphNode | undefined };

export class SpecsTree implements vscode.TreeDataProvider<SpecsItem>, vscode.Disposable {
  private graphs: SpecGraph[] = [];
  private readonly changed = new vscode.EventEmitter<SpecsItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly refreshed = new vscode.EventEmitter<void>();
  /** Fires after each fetch of the graphs. */
  readonly onDidRefresh = this.refreshed.event;
  private readonly statusBar: vscode.StatusBarItem;
  private refreshing: Promise<void> = Promise.resolve();
  /** How many refreshes have completed (the end-to-end test waits on it). */
  generation = 0;
  private readonly source: GraphSource;
  private readonly roots: () => string[];

  constructor(source: GraphSource, roots: () => string[]) {
    this.source = source;
    this.roots = roots;
    this.statusBar = vscode.window.createStatusBarItem('chantLsp.counts', vscode.StatusBarAlignment.Left, 10);
    this.statusBar.name = 'chant specs';
    this.statusBar.command = { title: 'Show chant specs', command: `${VIEW_ID}.focus` };
    this.statusBar.tooltip = 'chant specs: ready, blocked, in progress. Click to show the Chant Specs tree.';
  }

  /** The status bar's text, empty while it is hidden (the end-to-end test reads it). */
  get statusText(): string {
    return this.graphs.length === 0 ? '' : this.statusBar.text;
  }

  /** The graphs last fetched, one per workspace root. */
  get current(): readonly SpecGraph[] {
    return this.graphs;
  }

  /** Fetches every root's graph again; refreshes run one after another. */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.then(() => this.fetch()).catch(() => undefined);
    return this.refreshing;
  }

  private async fetch(): Promise<void> {
    const graphs: SpecGraph[] = [];
    for (const root of this.roots()) {
      // The server finds a workspace by a path inside its `.chant/` folder.
      const uri = vscode.Uri.file(path.join(root, '.chant', 'config.md')).toString();
      const graph = parseGraph(await this.source({ uri, format: 'json' }));
      if (graph !== undefined) {
        graphs.push(graph);
      }
    }
    this.graphs = graphs;
    this.updateStatusBar();
    this.generation++;
    this.changed.fire(undefined);
    this.refreshed.fire();
  }

  private updateStatusBar(): void {
    if (this.graphs.length === 0) {
      this.statusBar.hide();
      return;
    }
    this.statusBar.text = statusBarText(countSpecs(this.graphs));
    this.statusBar.show();
  }

  getChildren(item?: SpecsItem): SpecsItem[] {
    if (item === undefined) {
      if (this.graphs.length === 1) {
        return groupsOf(this.graphs[0]);
      }
      return this.graphs.map((graph) => ({ kind: 'root', graph }));
    }
    switch (item.kind) {
      case 'root':
        return groupsOf(item.graph);
      case 'group':
        return item.group.specs.map((node) => ({ kind: 'spec', graph: item.graph, node }));
      case 'spec':
        return blockersOf(item.graph, item.node).map((b) => ({
          kind: 'blocker',
          graph: item.graph,
          label: b.label,
          node: b.node,
        }));
      case 'blocker':
        return [];
    }
  }

  getTreeItem(item: SpecsItem): vscode.TreeItem {
    const None = vscode.TreeItemCollapsibleState.None;
    switch (item.kind) {
      case 'root': {
        const tree = new vscode.TreeItem(vscode.Uri.parse(item.graph.root), vscode.TreeItemCollapsibleState.Expanded);
        tree.iconPath = vscode.ThemeIcon.Folder;
        return tree;
      }
      case 'group': {
        const tree = new vscode.TreeItem(item.group.label, vscode.TreeItemCollapsibleState.Expanded);
        tree.contextValue = `group.${item.group.key}`;
        return tree;
      }
      case 'spec': {
        const hasBlockers = item.node.blockedBy.length > 0;
        const tree = new vscode.TreeItem(
          specLabel(item.node),
          hasBlockers ? vscode.TreeItemCollapsibleState.Collapsed : None,
        );
        tree.id = `${item.graph.root}#${item.node.id}`;
        tree.description = item.node.id;
        tree.tooltip = `${item.node.id} — ${item.node.status}${item.node.type ? `, ${item.node.type}` : ''}`;
        tree.contextValue = 'spec';
        tree.iconPath = new vscode.ThemeIcon(STATUS_ICONS[item.node.status] ?? 'circle-outline');
        attachOpen(tree, item.graph, item.node);
        return tree;
      }
      case 'blocker': {
        const tree = new vscode.TreeItem(item.label, None);
        tree.iconPath = new vscode.ThemeIcon(item.node === undefined ? 'lock' : 'circle-slash');
        if (item.node !== undefined) {
          attachOpen(tree, item.graph, item.node);
        }
        return tree;
      }
    }
  }

  dispose(): void {
    this.statusBar.dispose();
    this.changed.dispose();
    this.refreshed.dispose();
  }
}

const STATUS_ICONS: Record<string, string> = {
  completed: 'pass',
  in_progress: 'sync',
  cancelled: 'circle-slash',
  failed: 'error',
  needs_attention: 'warning',
  paused: 'debug-pause',
};

function groupsOf(graph: SpecGraph): SpecsItem[] {
  return groupSpecs(graph).map((group) => ({ kind: 'group', graph, group }));
}

/** The spec's file, when the graph knows it. */
export function specUri(graph: SpecGraph, node: GraphNode): vscode.Uri | undefined {
  if (node.path === null) {
    return undefined;
  }
  return vscode.Uri.joinPath(vscode.Uri.parse(graph.root), ...node.path.split('/'));
}

function attachOpen(tree: vscode.TreeItem, graph: SpecGraph, node: GraphNode): void {
  const uri = specUri(graph, node);
  if (uri !== undefined) {
    tree.resourceUri = uri;
    tree.command = { title: 'Open spec', command: 'vscode.open', arguments: [uri] };
  }
}

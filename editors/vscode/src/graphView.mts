//! The dependency-graph webview: asks the server for the graph as DOT, hands it to the bundled
//! renderer in the webview (out/graphView.js), opens the spec of a clicked node, and redraws
//! when the server's index changes.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

import { graphPage } from './graphPage.mts';
import { type GraphQuery, parseGraph, type SpecGraph, type WebviewGraph, webviewGraph } from './specGraph.mts';
import { type GraphSource, specUri } from './specsView.mts';

/** What the webview last drew (the end-to-end test reads it through the extension's API). */
export interface GraphRender {
  /** Nodes in the server's answer. */
  graphNodes: number;
  /** `<g class="node">` elements in the rendered SVG. */
  svgNodes: number;
  /** Nodes that open a file on a click, in the SVG, and nodes with a path in the answer. */
  svgOpenable: number;
  graphOpenable: number;
  /** The focused spec, for a spec's neighbourhood. */
  spec: string | undefined;
  /** How long Graphviz took to lay the graph out, in the webview. */
  layoutMs: number;
}

/** Where the webview's view stands (sent after each change; the end-to-end test reads it). */
export interface GraphViewState {
  reason: string;
  /** Percent; 100 is Graphviz's own size. */
  zoom: number;
  x: number;
  y: number;
  /** A node label's font size on screen, in CSS pixels. */
  labelPx: number;
  matches: string[];
  focused: string | undefined;
  dimmed: number;
}

export class GraphPanel implements vscode.Disposable {
  private graph: SpecGraph | undefined;
  private webviewReady = false;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  lastRender: GraphRender | undefined;
  lastView: GraphViewState | undefined;
  private posted: WebviewGraph | undefined;
  private readonly viewWaiters = new Map<string, (state: GraphViewState) => void>();
  private commands = 0;
  private readonly panel: vscode.WebviewPanel;
  private readonly source: GraphSource;
  private query: GraphQuery;
  private readonly spec: string | undefined;
  private readonly onClose: () => void;

  private constructor(
    panel: vscode.WebviewPanel,
    source: GraphSource,
    query: GraphQuery,
    spec: string | undefined,
    onClose: () => void,
  ) {
    this.panel = panel;
    this.source = source;
    this.query = query;
    this.spec = spec;
    this.onClose = onClose;
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message) => this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
      vscode.window.onDidChangeActiveTextEditor(() => this.postCurrent()),
    );
  }

  static open(
    extensionUri: vscode.Uri,
    source: GraphSource,
    query: GraphQuery,
    title: string,
    spec: string | undefined,
    onClose: () => void,
  ): GraphPanel {
    const out = vscode.Uri.joinPath(extensionUri, 'out');
    const panel = vscode.window.createWebviewPanel('chantLsp.graph', title, vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [out],
      retainContextWhenHidden: false,
    });
    panel.webview.html = html(panel.webview, vscode.Uri.joinPath(out, 'graphView.js'));
    const view = new GraphPanel(panel, source, query, spec, onClose);
    void view.refresh();
    return view;
  }

  /** Asks the server again and redraws. */
  async refresh(): Promise<void> {
    const graph = parseGraph(await this.source({ ...this.query, format: 'dot' }));
    if (graph === undefined) {
      return;
    }
    this.graph = graph;
    this.post();
  }

  private post(): void {
    const graph = this.graph;
    const root = graph && vscode.Uri.parse(graph.root).fsPath;
    const data = graph && webviewGraph(graph, (rel) => fs.existsSync(path.join(root!, rel)));
    if (this.webviewReady && data !== undefined) {
      this.posted = data;
      void this.panel.webview.postMessage({ type: 'graph', graph: data, current: this.current() });
    }
  }

  /** The spec "focus current spec" centres: the active editor's spec, else this graph's own. */
  private current(): string | undefined {
    // With the graph focused there is no active editor; the spec beside it is still the current one.
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    const file = editor?.document.uri;
    const id = file && file.scheme === 'file' && file.fsPath.endsWith('.md') ? path.basename(file.fsPath, '.md') : undefined;
    return id !== undefined && this.graph?.nodes.some((n) => n.id === id) ? id : this.spec;
  }

  private postCurrent(): void {
    if (this.webviewReady) {
      void this.panel.webview.postMessage({ type: 'current', current: this.current() });
    }
  }

  /** Does what a toolbar control does (`zoomIn`, `actual`, `fit`, `focus`, `search`, `filter`);
   * answers the view after it (the end-to-end test drives the view with it). */
  command(op: string, arg = ''): Promise<GraphViewState> {
    const seq = ++this.commands;
    const next = new Promise<GraphViewState>((resolve) => this.viewWaiters.set(`command:${seq}`, resolve));
    void this.panel.webview.postMessage({ type: 'command', op, arg, seq });
    return next;
  }

  private receive(message: unknown): void {
    const m = (message ?? {}) as {
      type?: string;
      id?: unknown;
      nodes?: unknown;
      openable?: unknown;
      message?: unknown;
      layoutMs?: unknown;
      value?: unknown;
    };
    if (m.type === 'ready') {
      // A hidden webview is rebuilt when shown again, and asks again.
      this.webviewReady = true;
      this.post();
    } else if (m.type === 'includeArchive' && typeof m.value === 'boolean') {
      this.query = { ...this.query, includeArchive: m.value };
      void this.refresh();
    } else if (m.type === 'open' && typeof m.id === 'string') {
      void this.open(m.id);
    } else if (m.type === 'rendered' && typeof m.nodes === 'number' && typeof m.openable === 'number') {
      const nodes = this.graph?.nodes ?? [];
      this.lastRender = {
        graphNodes: nodes.length,
        svgNodes: m.nodes,
        // A linked file that does not exist opens nothing.
        graphOpenable: nodes.filter((n) => n.path !== null).length - (this.posted?.missingFiles.length ?? 0),
        svgOpenable: m.openable,
        spec: this.spec,
        layoutMs: typeof m.layoutMs === 'number' ? m.layoutMs : -1,
      };
    } else if (m.type === 'view') {
      const state = message as GraphViewState;
      this.lastView = state;
      this.viewWaiters.get(state.reason)?.(state);
      this.viewWaiters.delete(state.reason);
    } else if (m.type === 'error') {
      void vscode.window.showErrorMessage(`chant: the dependency graph could not be drawn: ${String(m.message)}`);
    }
  }

  /** Opens the file of a clicked node; false when the node has none. */
  async open(id: string): Promise<boolean> {
    const node = this.graph?.nodes.find((n) => n.id === id);
    const uri = node && this.graph && specUri(this.graph, node);
    if (uri === undefined) {
      return false;
    }
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    return true;
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.disposables.splice(0).forEach((d) => d.dispose());
    this.panel.dispose();
    this.onClose();
  }
}

/** A strict page: only our bundled script (by nonce) and WebAssembly compiled from it. */
function html(webview: vscode.Webview, script: vscode.Uri): string {
  const nonce = makeNonce();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    `style-src 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return graphPage(csp, nonce, webview.asWebviewUri(script).toString());
}

function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let nonce = '';
  for (let i = 0; i < 32; i++) {
    nonce += chars.charAt(Math.floor(Math.random() * chars.length));
  }
  return nonce;
}

//! The dependency-graph webview: asks the server for the graph as DOT, hands it to the bundled
//! renderer in the webview (out/graphView.js), opens the spec of a clicked node, and redraws
//! when the server's index changes.

import * as vscode from 'vscode';

import { type GraphQuery, parseGraph, type SpecGraph, webviewGraph } from './specGraph.mts';
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
}

export class GraphPanel implements vscode.Disposable {
  private graph: SpecGraph | undefined;
  private webviewReady = false;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  lastRender: GraphRender | undefined;
  private readonly panel: vscode.WebviewPanel;
  private readonly source: GraphSource;
  private readonly query: GraphQuery;
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
    const data = this.graph && webviewGraph(this.graph);
    if (this.webviewReady && data !== undefined) {
      void this.panel.webview.postMessage({ type: 'graph', graph: data });
    }
  }

  private receive(message: unknown): void {
    const m = (message ?? {}) as { type?: string; id?: unknown; nodes?: unknown; openable?: unknown; message?: unknown };
    if (m.type === 'ready') {
      // A hidden webview is rebuilt when shown again, and asks again.
      this.webviewReady = true;
      this.post();
    } else if (m.type === 'open' && typeof m.id === 'string') {
      void this.open(m.id);
    } else if (m.type === 'rendered' && typeof m.nodes === 'number' && typeof m.openable === 'number') {
      const nodes = this.graph?.nodes ?? [];
      this.lastRender = {
        graphNodes: nodes.length,
        svgNodes: m.nodes,
        graphOpenable: nodes.filter((n) => n.path !== null).length,
        svgOpenable: m.openable,
        spec: this.spec,
      };
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
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">
  body { padding: 8px; }
  #graph svg { max-width: 100%; height: auto; background: #fff; border-radius: 4px; }
  #graph g.node.openable { cursor: pointer; }
  #graph g.node.openable:hover polygon, #graph g.node.openable:hover path { stroke-width: 2.5; }
</style>
</head>
<body>
<div id="status">Drawing the graph…</div>
<div id="graph"></div>
<script nonce="${nonce}" src="${webview.asWebviewUri(script)}"></script>
</body>
</html>`;
}

function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let nonce = '';
  for (let i = 0; i < 32; i++) {
    nonce += chars.charAt(Math.floor(Math.random() * chars.length));
  }
  return nonce;
}

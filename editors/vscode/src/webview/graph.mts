//! The dependency-graph webview's script: renders the DOT text the extension posts with Graphviz
//! (compiled to WebAssembly and bundled, so nothing is fetched), makes each node open its spec,
//! and reports how many nodes it drew.
// Runs in the webview (a browser page), bundled on its own into out/graphView.js.

import { instance } from '@viz-js/viz';

import type { WebviewGraph } from '../specGraph.mts';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const vizReady = instance();
const view = document.getElementById('graph')!;
const status = document.getElementById('status')!;

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as { type?: string; graph?: WebviewGraph };
  if (message.type === 'graph' && message.graph !== undefined) {
    void render(message.graph);
  }
});
vscode.postMessage({ type: 'ready' });

async function render(graph: WebviewGraph): Promise<void> {
  try {
    const viz = await vizReady;
    const svg = viz.renderSVGElement(graph.dot);
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    const nodes = Array.from(svg.querySelectorAll('g.node'));
    for (const node of nodes) {
      // Graphviz writes the node's name (the spec id) as the group's <title>.
      const id = node.querySelector('title')?.textContent ?? '';
      if (graph.paths[id] !== undefined) {
        node.classList.add('openable');
        node.addEventListener('click', () => vscode.postMessage({ type: 'open', id }));
      }
    }
    view.replaceChildren(svg);
    status.textContent = '';
    vscode.postMessage({
      type: 'rendered',
      nodes: view.querySelectorAll('svg g.node').length,
      openable: view.querySelectorAll('svg g.node.openable').length,
    });
  } catch (err) {
    status.textContent = `Could not draw the graph: ${String(err)}`;
    vscode.postMessage({ type: 'error', message: String(err) });
  }
}

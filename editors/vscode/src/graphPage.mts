//! The graph webview's page: the toolbar (fit, 100 %, focus, search, status filter, archive),
//! the legend and the view the script draws into. Colours come from the editor's theme (VS Code's
//! CSS variables); node fills stay the graph's own.
// Pure (no `vscode` import): the browser test of the view loads the same page.

import { FILTER_LABELS } from './specGraph.mts';

/** The page, with its content security policy, the nonce its style and script carry, and the
 * script's address. */
export function graphPage(csp: string, nonce: string, script: string): string {
  const options = Object.entries(FILTER_LABELS)
    .map(([value, label]) => `<option value="${value}">${label}</option>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">
  html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; }
  body { display: flex; flex-direction: column; color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: 13px; }
  #toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
  #toolbar button { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: none; padding: 3px 8px; border-radius: 2px; cursor: pointer; font: inherit; }
  #toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground); }
  #toolbar input, #toolbar select { color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); padding: 2px 4px; font: inherit; }
  #toolbar input[type="search"] { width: 14em; }
  #zoom, #status { opacity: 0.8; }
  #legend { display: flex; flex-wrap: wrap; gap: 4px 12px; padding: 4px 8px; font-size: 12px; opacity: 0.9; }
  #legend .item { display: inline-flex; align-items: center; gap: 4px; }
  #legend .swatch { width: 14px; height: 10px; border: 1px solid #777; border-radius: 3px; }
  #legend .swatch.dashed { border-style: dashed; }
  #legend .edge { width: 22px; height: 0; border-top: 2px solid var(--vscode-foreground); }
  #legend .edge.blocks { border-top: 3px solid #c0392b; }
  #legend .edge.member { border-top-style: dashed; }
  #legend .edge.informed { border-top-style: dotted; }
  #viewport { position: relative; flex: 1; overflow: hidden; cursor: grab; touch-action: none; }
  #viewport.dragging { cursor: grabbing; }
  #graph svg { position: absolute; left: 0; top: 0; transform-origin: 0 0; overflow: visible; }
  #graph g.graph > polygon { fill: transparent; stroke: none; }
  #graph g.edge path[stroke="black"], #graph g.edge polygon[stroke="black"] { stroke: var(--vscode-editor-foreground); }
  #graph g.edge polygon[fill="black"] { fill: var(--vscode-editor-foreground); }
  #graph g.edge text { fill: var(--vscode-editor-foreground); }
  #graph g.node text { fill: #1e1e1e; }
  #graph g.node.openable { cursor: pointer; }
  #graph g.node.openable:hover path, #graph g.node.openable:hover polygon { stroke-width: 2.5; }
  #graph g.node.missing-file path, #graph g.node.missing-file polygon { stroke-dasharray: 4 3; fill: transparent; }
  #graph g.node.missing-file text { fill: var(--vscode-editor-foreground); }
  #graph .dim { opacity: 0.15; }
  #graph g.node.match path, #graph g.node.match polygon { stroke: var(--vscode-focusBorder, #007fd4); stroke-width: 3; }
  #graph g.node.focused path, #graph g.node.focused polygon { stroke: var(--vscode-focusBorder, #007fd4); stroke-width: 4; }
</style>
</head>
<body>
<div id="toolbar">
  <button id="fit" title="Show the whole graph">Fit</button>
  <button id="actual" title="Zoom to 100 %">100 %</button>
  <button id="focus" title="Centre the spec open in the editor">Focus current spec</button>
  <input id="search" type="search" placeholder="Search id or title" aria-label="Search id or title">
  <select id="filter" aria-label="Status"><option value="">All statuses</option>${options}</select>
  <label title="Also draw the archived specs"><input id="archive" type="checkbox"> Archive</label>
  <span id="zoom"></span>
  <span id="status">Drawing the graph…</span>
</div>
<div id="legend"></div>
<div id="viewport"><div id="graph"></div></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}


//! The dependency-graph webview's script: lays the DOT text out with Graphviz (compiled to
//! WebAssembly and bundled, so nothing is fetched), then makes it a view you can move around in:
//! wheel zoom, drag to pan, fit / 100 % / focus buttons, search by id or title, a status filter,
//! a legend, missing files drawn dashed, colours that follow the editor's theme. A click on a
//! node opens its spec. It reports what it drew and where the view stands (the tests read it).
// Runs in the webview (a browser page), bundled on its own into out/graphView.js.

import { instance } from '@viz-js/viz';

import type { WebviewGraph } from '../specGraph.mts';
import { clampZoom, fitView, PX_PER_PT, type View, zoomAt } from './viewMath.mts';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const vizReady = instance();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const viewport = $('viewport');
const holder = $('graph');
const status = $('status');
const search = $<HTMLInputElement>('search');
const filter = $<HTMLSelectElement>('filter');
const zoomLabel = $('zoom');
const legend = $('legend');

let svg: SVGSVGElement | undefined;
let graph: WebviewGraph | undefined;
let nodes = new Map<string, SVGGElement>();
let view: View = { scale: PX_PER_PT, x: 0, y: 0 };
let current: string | undefined;
let matches: string[] = [];
let matchIndex = 0;

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as {
    type?: string;
    graph?: WebviewGraph;
    current?: string;
    op?: string;
    arg?: string;
    seq?: number;
  };
  if (message.type === 'graph' && message.graph !== undefined) {
    current = message.current;
    void render(message.graph);
  } else if (message.type === 'current') {
    current = message.current;
  } else if (message.type === 'command' && message.op !== undefined) {
    // The end-to-end test drives the toolbar through the same functions the buttons call.
    command(message.op, message.arg ?? '');
    // Answered once the view has settled, tagged so that the caller gets this command's view.
    clearTimeout(reportTimer);
    setTimeout(() => report(`command:${message.seq}`), 80);
  }
});
vscode.postMessage({ type: 'ready' });

$('fit').addEventListener('click', () => fit());
$('actual').addEventListener('click', () => setScale(PX_PER_PT));
$('focus').addEventListener('click', () => focusCurrent());
search.addEventListener('input', () => runSearch(search.value));
search.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && matches.length > 0) {
    matchIndex = (matchIndex + 1) % matches.length;
    centerOn(matches[matchIndex]);
  }
});
filter.addEventListener('change', () => applyDimming());
$<HTMLInputElement>('archive').addEventListener('change', (e) => {
  status.textContent = 'Drawing the graph…';
  vscode.postMessage({ type: 'includeArchive', value: (e.target as HTMLInputElement).checked });
});

viewport.addEventListener(
  'wheel',
  (e) => {
    e.preventDefault();
    const rect = viewport.getBoundingClientRect();
    apply(zoomAt(view, Math.exp(-e.deltaY / 300), e.clientX - rect.left, e.clientY - rect.top));
  },
  { passive: false },
);
/** A press on the view: a drag pans; a press and release without moving clicks the node under it
 * (remembered at the press: with the pointer captured, the release's target is the view). */
let drag: { x: number; y: number; moved: boolean; node: Element | null } | undefined;
viewport.addEventListener('pointerdown', (e) => {
  drag = { x: e.clientX, y: e.clientY, moved: false, node: (e.target as Element).closest('g.node.openable') };
  viewport.setPointerCapture(e.pointerId);
});
viewport.addEventListener('pointermove', (e) => {
  if (drag === undefined) {
    return;
  }
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (drag.moved || Math.abs(dx) + Math.abs(dy) > 3) {
    drag = { ...drag, x: e.clientX, y: e.clientY, moved: true };
    viewport.classList.add('dragging');
    apply({ ...view, x: view.x + dx, y: view.y + dy });
  }
});
viewport.addEventListener('pointerup', (e) => {
  const pressed = drag;
  drag = undefined;
  viewport.classList.remove('dragging');
  viewport.releasePointerCapture(e.pointerId);
  if (pressed !== undefined && !pressed.moved && pressed.node !== null) {
    const id = idOf(pressed.node);
    if (id) {
      vscode.postMessage({ type: 'open', id });
    }
  }
});

async function render(data: WebviewGraph): Promise<void> {
  try {
    const started = performance.now();
    const viz = await vizReady;
    const drawn = viz.renderSVGElement(data.dot);
    const layoutMs = Math.round(performance.now() - started);
    const box = drawn.viewBox.baseVal;
    // One SVG unit (a Graphviz point) is one CSS pixel inside; the view's scale does the rest.
    drawn.setAttribute('width', String(box.width));
    drawn.setAttribute('height', String(box.height));
    graph = data;
    svg = drawn;
    nodes = new Map();
    for (const node of Array.from(drawn.querySelectorAll<SVGGElement>('g.node'))) {
      const id = idOf(node);
      nodes.set(id, node);
      if (data.paths[id] !== undefined && !data.missingFiles.includes(id)) {
        node.classList.add('openable');
      }
      if (data.missingFiles.includes(id)) {
        node.classList.add('missing-file');
        const label = node.querySelector('text:last-of-type');
        if (label !== null) {
          label.textContent = '(missing file)';
        }
      }
    }
    holder.replaceChildren(drawn);
    buildLegend(data);
    fillFilter(data);
    status.textContent = '';
    const first = view.x === 0 && view.y === 0;
    if (first) {
      startView();
    } else {
      apply(view);
    }
    applyDimming();
    vscode.postMessage({
      type: 'rendered',
      nodes: holder.querySelectorAll('svg g.node').length,
      openable: holder.querySelectorAll('svg g.node.openable').length,
      layoutMs,
    });
    report('rendered');
  } catch (err) {
    status.textContent = `Could not draw the graph: ${String(err)}`;
    vscode.postMessage({ type: 'error', message: String(err) });
  }
}

/** The first view: the whole graph when it is readable so, else 100 % on the current spec. */
function startView(): void {
  const fitted = fitted100();
  if (fitted.scale >= PX_PER_PT * 0.85) {
    apply(fitted);
  } else if (current !== undefined && nodes.has(current)) {
    focusCurrent();
  } else {
    apply({ scale: PX_PER_PT, x: 8, y: 8 });
  }
}

function fitted100(): View {
  const box = svg!.viewBox.baseVal;
  return fitView(box.width, box.height, viewport.clientWidth, viewport.clientHeight, PX_PER_PT);
}

function fit(): void {
  if (svg !== undefined) {
    const box = svg.viewBox.baseVal;
    // A small graph is not blown up past twice its size.
    apply(fitView(box.width, box.height, viewport.clientWidth, viewport.clientHeight, 2 * PX_PER_PT));
  }
}

function setScale(scale: number): void {
  apply(zoomAt(view, scale / view.scale, viewport.clientWidth / 2, viewport.clientHeight / 2));
}

function focusCurrent(): void {
  if (current === undefined || !nodes.has(current)) {
    status.textContent = 'The current spec is not in this graph.';
    return;
  }
  nodes.forEach((n) => n.classList.remove('focused'));
  nodes.get(current)!.classList.add('focused');
  view = { ...view, scale: Math.max(view.scale, PX_PER_PT) };
  apply(view);
  centerOn(current);
}

/** Pans so that the node is in the middle of the viewport. */
function centerOn(id: string): void {
  const node = nodes.get(id);
  if (node === undefined) {
    return;
  }
  const r = node.getBoundingClientRect();
  const v = viewport.getBoundingClientRect();
  apply({ ...view, x: view.x + (v.left + v.width / 2) - (r.left + r.width / 2), y: view.y + (v.top + v.height / 2) - (r.top + r.height / 2) });
}

function runSearch(text: string): void {
  const q = text.trim().toLowerCase();
  matches = [];
  matchIndex = 0;
  if (q !== '' && graph !== undefined) {
    for (const id of nodes.keys()) {
      if (id.toLowerCase().includes(q) || (graph.titles[id] ?? '').toLowerCase().includes(q)) {
        matches.push(id);
      }
    }
  }
  applyDimming();
  if (matches.length > 0) {
    if (view.scale < PX_PER_PT) {
      apply({ ...view, scale: PX_PER_PT });
    }
    centerOn(matches[0]);
  }
  status.textContent = q === '' ? '' : `${matches.length} match${matches.length === 1 ? '' : 'es'}${matches.length > 1 ? ' (Enter: next)' : ''}`;
}

/** Nodes outside the search or the status filter fade; edges fade with them. */
function applyDimming(): void {
  if (graph === undefined) {
    return;
  }
  const q = search.value.trim();
  const wanted = filter.value;
  const shown = new Set<string>();
  for (const [id, node] of nodes) {
    const keep = (q === '' || matches.includes(id)) && (wanted === '' || graph.groups[id] === wanted);
    node.classList.toggle('dim', !keep);
    node.classList.toggle('match', q !== '' && matches.includes(id));
    if (keep) {
      shown.add(id);
    }
  }
  for (const edge of Array.from(svg?.querySelectorAll<SVGGElement>('g.edge') ?? [])) {
    const [from, to] = (edge.querySelector('title')?.textContent ?? '').split('->');
    edge.classList.toggle('dim', !(shown.has(from) && shown.has(to)));
  }
  report('filtered');
}

function apply(next: View): void {
  view = { ...next, scale: clampZoom(next.scale) };
  if (svg !== undefined) {
    svg.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.scale})`;
  }
  zoomLabel.textContent = `${Math.round((view.scale / PX_PER_PT) * 100)} %`;
  scheduleReport();
}

let reportTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleReport(): void {
  clearTimeout(reportTimer);
  reportTimer = setTimeout(() => report('view'), 50);
}

/** Where the view stands: zoom, pan, what is highlighted, and the label size on screen. */
function report(reason: string): void {
  const label = svg?.querySelector('g.node text');
  const fontPx = label ? parseFloat(getComputedStyle(label).fontSize) * view.scale : 0;
  vscode.postMessage({
    type: 'view',
    reason,
    zoom: Math.round((view.scale / PX_PER_PT) * 100),
    x: Math.round(view.x),
    y: Math.round(view.y),
    labelPx: Math.round(fontPx * 10) / 10,
    matches: [...matches],
    focused: current !== undefined && nodes.get(current)?.classList.contains('focused') ? current : undefined,
    dimmed: Array.from(nodes.values()).filter((n) => n.classList.contains('dim')).length,
  });
}

function command(op: string, arg: string): void {
  if (op === 'zoomIn') {
    setScale(view.scale * 1.5);
  } else if (op === 'actual') {
    setScale(PX_PER_PT);
  } else if (op === 'fit') {
    fit();
  } else if (op === 'focus') {
    focusCurrent();
  } else if (op === 'search') {
    search.value = arg;
    runSearch(arg);
  } else if (op === 'filter') {
    filter.value = arg;
    applyDimming();
  }
}

function idOf(node: Element): string {
  // Graphviz writes the node's name (the spec id) as the group's <title>.
  return node.querySelector('title')?.textContent ?? '';
}

/** One swatch per status present, coloured as drawn; then the edge kinds. (Built with the DOM:
 * the page's content security policy refuses inline style attributes.) */
function buildLegend(data: WebviewGraph): void {
  const seen = new Map<string, string>();
  for (const [id, node] of nodes) {
    const key = data.missingFiles.includes(id) ? 'missing-file' : data.groups[id];
    const fill = node.querySelector('path, polygon')?.getAttribute('fill') ?? 'none';
    if (key !== undefined && !seen.has(key)) {
      seen.set(key, fill);
    }
  }
  const labels = filterLabels();
  const item = (swatchClass: string, text: string, fill?: string) => {
    const span = document.createElement('span');
    span.className = 'item';
    const swatch = document.createElement('span');
    swatch.className = swatchClass;
    if (fill !== undefined) {
      swatch.style.background = fill;
    }
    span.append(swatch, text);
    return span;
  };
  const items = [...seen].map(([key, fill]) => {
    const dashed = key === 'missing' || key === 'missing-file' ? ' dashed' : '';
    return item(`swatch${dashed}`, key === 'missing-file' ? 'Missing file' : (labels[key] ?? key), fill);
  });
  const edges = [
    ['depends on', ''],
    ['blocks (unmet dependency)', 'blocks'],
    ['member', 'member'],
    ['informed by', 'informed'],
  ].map(([text, cls]) => item(`edge ${cls}`, text));
  legend.replaceChildren(...items, ...edges);
}

function filterLabels(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const option of Array.from(filter.options)) {
    out[option.value] = option.textContent ?? option.value;
  }
  return out;
}

/** The filter lists the statuses present in this graph. */
function fillFilter(data: WebviewGraph): void {
  const present = new Set(Object.values(data.groups));
  for (const option of Array.from(filter.options)) {
    option.hidden = option.value !== '' && !present.has(option.value);
  }
}

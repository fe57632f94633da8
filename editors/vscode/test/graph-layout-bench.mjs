//! Times the graph webview's layout (the bundled Graphviz, @viz-js/viz) on a DOT file, as the
//! webview does it: `renderSVGElement` needs a DOM, so this times `renderString` to SVG, the same
//! layout and the same SVG text. Results go to docs/benchmarks.md.
//
//   chant-lsp graph ../shared/corpus --format dot > /tmp/corpus.dot
//   node test/graph-layout-bench.mjs /tmp/corpus.dot [RUNS]
import * as fs from 'node:fs';

import { instance } from '@viz-js/viz';

const [file, runs = '3'] = process.argv.slice(2);
const dot = fs.readFileSync(file, 'utf8');
const nodes = (dot.match(/^ {2}"[^"]*" \[label=/gm) ?? []).length;
const edges = (dot.match(/ -> /g) ?? []).length;
const viz = await instance();
const times = [];
for (let i = 0; i < Number(runs); i++) {
  const started = performance.now();
  viz.renderString(dot, { format: 'svg' });
  times.push(Math.round(performance.now() - started));
}
times.sort((a, b) => a - b);
console.log(`${nodes} nodes, ${edges} edges: layout ${times.join(', ')} ms (median ${times[Math.floor(times.length / 2)]} ms)`);

//! The graph view under real input, in headless Chromium: the webview's own page and bundled
//! script (out/graphView.js) with a stand-in for VS Code's webview API, driven over the DevTools
//! protocol with real mouse and keyboard events: the wheel zooms about the pointer, a drag pans,
//! a click on a node asks to open it, the toolbar's buttons and search box change the view.
// Prints one PASS/FAIL line per check; exits 1 when one fails.
//
//   node test/e2e/graph-input.mjs CHROMIUM_BINARY SCRATCH_DIR     (after `node esbuild.mjs`)
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { graphPage } from '../../src/graphPage.mts';
import { connect, until } from './cdp.mjs';

const [chromium, scratch] = process.argv.slice(2);
const ext = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
fs.rmSync(scratch, { recursive: true, force: true });
fs.mkdirSync(scratch, { recursive: true });
fs.copyFileSync(path.join(ext, 'out', 'graphView.js'), path.join(scratch, 'graphView.js'));
// VS Code gives the page `acquireVsCodeApi`; here it records what the script posts.
const stub = '<script>window.posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m) });</script>';
const page = graphPage("default-src 'none'; script-src 'unsafe-inline' file: 'wasm-unsafe-eval'; style-src 'unsafe-inline'", 'n', 'graphView.js')
  .replace('<head>', `<head>${stub}`)
  .replace('<script nonce="n"', '<script');
fs.writeFileSync(path.join(scratch, 'index.html'), page);
const url = `file://${path.join(scratch, 'index.html')}`;

const browser = spawn(chromium, [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', `--user-data-dir=${path.join(scratch, 'profile')}`,
  '--remote-debugging-port=0', '--window-size=1000,700', url,
], { stdio: 'ignore' });
let failed = 0;
const check = (name, ok, detail) => {
  console.log(`${ok ? 'PASS' : 'FAIL'} graph input: ${name}: ${detail}`);
  if (!ok) failed++;
};
try {
  const { send, close } = await connect(path.join(scratch, 'profile'), 'file://');
  const evaluate = async (expression) =>
    (await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })).result.value;
  const posted = () => evaluate('window.posted');
  const lastView = async () => (await posted()).filter((m) => m.type === 'view').at(-1);
  /** The view once it has settled after an input (the script reports 50 ms after a change). */
  const settled = async (before) =>
    until(async () => {
      const v = await lastView();
      return v && JSON.stringify(v) !== JSON.stringify(before) ? v : undefined;
    }, 'a new view', 5000).catch(() => before);
  const mouse = (type, x, y, extra = {}) =>
    send('Input.dispatchMouseEvent', { type, x, y, button: 'left', buttons: type === 'mouseReleased' ? 0 : 1, clickCount: 1, ...extra });

  await until(async () => (await posted()).some((m) => m.type === 'ready'), 'the script to start');
  const dot = 'digraph chant { rankdir=LR; node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];\n' +
    '"a" [label="a\\nFirst", fillcolor="#fff1a6"]; "b" [label="b\\nSecond", fillcolor="#f2aaaa"]; "b" -> "a"; }';
  const graph = { dot, paths: { a: 'a.md', b: 'b.md' }, titles: { a: 'First', b: 'Second' }, groups: { a: 'ready', b: 'blocked' }, missingFiles: [] };
  await evaluate(`window.postMessage(${JSON.stringify({ type: 'graph', graph, current: 'a' })}, '*')`);
  await until(async () => (await posted()).some((m) => m.type === 'rendered'), 'the graph to be drawn');
  const box = await evaluate('JSON.stringify(document.getElementById("viewport").getBoundingClientRect())').then(JSON.parse);
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  let view = await settled(undefined);
  check('drawn at 100 %', view.zoom === 100 && view.labelPx >= 11, `zoom ${view.zoom} %, label ${view.labelPx} px`);

  await send('Input.dispatchMouseEvent', { type: 'mouseWheel', x: cx, y: cy, deltaX: 0, deltaY: -300 });
  let next = await settled(view);
  check('wheel zooms in', next.zoom > view.zoom, `zoom ${view.zoom} → ${next.zoom} %`);
  view = next;

  // A drag from an empty corner of the view pans by the distance moved.
  const [sx, sy] = [box.left + 10, box.bottom - 10];
  await mouse('mousePressed', sx, sy);
  await mouse('mouseMoved', sx + 20, sy - 10);
  await mouse('mouseMoved', sx + 60, sy - 40);
  await mouse('mouseReleased', sx + 60, sy - 40);
  next = await settled(view);
  check('drag pans', next.x - view.x === 60 && next.y - view.y === -40 && next.zoom === view.zoom,
    `moved by ${next.x - view.x},${next.y - view.y} at ${next.zoom} %`);
  view = next;

  const node = JSON.parse(await evaluate(`JSON.stringify([...document.querySelectorAll('g.node')]
    .find((n) => n.querySelector('title').textContent === 'a').getBoundingClientRect())`));
  await mouse('mousePressed', node.left + node.width / 2, node.top + node.height / 2);
  await mouse('mouseReleased', node.left + node.width / 2, node.top + node.height / 2);
  const opened = await until(async () => (await posted()).find((m) => m.type === 'open'), 'an open message', 3000).catch(() => undefined);
  check('click opens the node', opened && opened.id === 'a', JSON.stringify(opened));

  const click = async (id) => {
    const r = JSON.parse(await evaluate(`JSON.stringify(document.getElementById('${id}').getBoundingClientRect())`));
    await mouse('mousePressed', r.left + r.width / 2, r.top + r.height / 2);
    await mouse('mouseReleased', r.left + r.width / 2, r.top + r.height / 2);
  };
  await click('fit');
  next = await settled(view);
  check('Fit button', next.zoom !== view.zoom, `zoom ${view.zoom} → ${next.zoom} %`);
  view = next;
  await click('actual');
  next = await settled(view);
  check('100 % button', next.zoom === 100, `zoom ${next.zoom} %`);
  view = next;
  await click('focus');
  next = await settled(view);
  check('Focus current spec button', next.focused === 'a', `focused ${next.focused}`);
  view = next;

  await click('search');
  await send('Input.insertText', { text: 'Second' });
  next = await settled(view);
  check('search box', JSON.stringify(next.matches) === '["b"]' && next.dimmed === 1, `matches ${JSON.stringify(next.matches)}, dimmed ${next.dimmed}`);
  close();
} catch (err) {
  check('run', false, err.stack ?? String(err));
} finally {
  browser.kill();
}
console.log(`graph input: ${failed === 0 ? 'all passed' : `${failed} failed`}`);
process.exit(failed === 0 ? 0 : 1);

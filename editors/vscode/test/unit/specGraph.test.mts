//! Unit tests of the specs tree's grouping and the status bar's counts, on graph JSON as the
//! server answers `chant-lsp.graph`.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';

import {
  blockersOf,
  countSpecs,
  groupSpecs,
  parseGraph,
  type SpecGraph,
  statusBarText,
  webviewGraph,
} from '../../src/specGraph.mts';

/** `chant-lsp graph --format json` on a workspace with one spec in every state, plus `root`. */
function recorded(name: string): SpecGraph {
  const json = JSON.parse(fs.readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8'));
  const graph = parseGraph(json);
  assert.ok(graph, `${name} parses`);
  return graph;
}

/** Each group as `label: id id …`, the way the tree lists them. */
function outline(graph: SpecGraph): string[] {
  return groupSpecs(graph).map((g) => `${g.label}: ${g.specs.map((s) => s.id).join(' ')}`);
}

test('every state lands in its group, in the tree order, with counts', () => {
  assert.deepEqual(outline(recorded('states-graph.json')), [
    'Ready (2): r1 r2.1',
    'Blocked (4): b1 b2 r2.2 r2.10',
    'In progress (1): i1',
    'Pending (other) (1): p1',
    'Failed / Needs attention (2): f1 n1',
    'Completed (2): c1 r2',
    'Cancelled (1): x1',
  ]);
});

test('blocked specs list their blockers, with the blocking spec when there is one', () => {
  const graph = recorded('states-graph.json');
  const blocked = groupSpecs(graph).find((g) => g.key === 'blocked')!;
  const blockers = blocked.specs.map((s) => `${s.id} <- ${blockersOf(graph, s).map((b) => b.label).join(', ')}`);
  assert.deepEqual(blockers, [
    'b1 <- i1 (in_progress), gone (missing)',
    'b2 <- approval required',
    'r2.2 <- r2.1 (pending)',
    'r2.10 <- r2.1 (pending), r2.2 (pending)',
  ]);
  const first = blockersOf(graph, blocked.specs[0]);
  assert.equal(first[0].node?.path, '.chant/specs/i1.md');
  assert.equal(first[1].node?.status, 'missing');
  assert.equal(first[1].node?.path, null);
});

test('status bar counts', () => {
  const graph = recorded('states-graph.json');
  const counts = countSpecs([graph]);
  assert.deepEqual(counts, { ready: 2, blocked: 4, inProgress: 1 });
  assert.equal(statusBarText(counts), '$(check) 2 ready  $(circle-slash) 4 blocked  $(sync) 1 in progress');
  assert.deepEqual(countSpecs([graph, graph]), { ready: 4, blocked: 8, inProgress: 2 });
  assert.deepEqual(countSpecs([]), { ready: 0, blocked: 0, inProgress: 0 });
});

test('the shipped example: archived specs and linked files are not listed', () => {
  const graph = recorded('example-graph.json');
  assert.deepEqual(outline(graph), ['Completed (1): 006-upstream-pr']);
  assert.deepEqual(countSpecs([graph]), { ready: 0, blocked: 0, inProgress: 0 });
});

test('the webview gets the DOT text, the paths of the nodes it can open, titles, groups and missing files', () => {
  const graph = recorded('example-graph.json');
  const exists = (p: string) => p !== '.chant/research/issue-42-sprawl.md';
  assert.equal(webviewGraph(graph, exists), undefined);
  const withDot = webviewGraph({ ...graph, text: 'digraph chant {}\n' }, exists)!;
  assert.equal(withDot.dot, 'digraph chant {}\n');
  assert.deepEqual(Object.keys(withDot.paths).sort(), graph.nodes.filter((n) => n.path !== null).map((n) => n.id).sort());
  assert.equal(withDot.paths['006-upstream-pr'], '.chant/specs/006-upstream-pr.md');
  assert.equal(withDot.titles['006-upstream-pr'], 'Phase 6: Upstream PR - Human gate before opening real PR');
  assert.deepEqual(withDot.groups, {
    '.chant/research/issue-42-comprehension.md': 'file',
    '.chant/research/issue-42-root-cause.md': 'file',
    '.chant/research/issue-42-sprawl.md': 'file',
    '005-fork-fix': 'completed',
    '006-upstream-pr': 'completed',
  });
  assert.deepEqual(withDot.missingFiles, ['.chant/research/issue-42-sprawl.md']);
});

test('answers that are not a graph are refused', () => {
  assert.equal(parseGraph(null), undefined);
  assert.equal(parseGraph({ nodes: [], edges: [] }), undefined);
  assert.equal(parseGraph({ root: 'file:///w', nodes: [{ id: 'a' }], edges: [] }), undefined);
  assert.equal(parseGraph({ root: 'file:///w', nodes: [], edges: [{ from: 'a', to: 'b', kind: 'x' }] }), undefined);
  assert.equal(
    parseGraph({ root: 'file:///w', nodes: [{ id: 'a', status: 'pending', blocked_by: [1] }], edges: [] }),
    undefined,
  );
  assert.deepEqual(parseGraph({ root: 'file:///w', nodes: [], edges: [], text: 'digraph {}' }), {
    root: 'file:///w',
    nodes: [],
    edges: [],
    text: 'digraph {}',
  });
});

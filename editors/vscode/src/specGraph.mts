//! The server's spec graph (the answer of `chant-lsp.graph`, the same JSON as `chant-lsp graph
//! --format json`), checked, and grouped by status for the specs tree and the status bar.
// Pure (no `vscode` import) so it is unit-tested without an editor.

export interface GraphNode {
  id: string;
  title: string | null;
  /** chant's status name; `missing` / `file` for link targets that are not specs. */
  status: string;
  type: string | null;
  ready: boolean;
  /** Spec ids, or `approval`, holding the spec back. */
  blockedBy: string[];
  /** Relative to the workspace root; null for a missing id. */
  path: string | null;
  archived: boolean;
  /** The acceptance criteria chant counts; null when it counts none. */
  criteria: { checked: number; total: number } | null;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: 'depends_on' | 'member' | 'informed_by';
  blocking: boolean;
}

export interface SpecGraph {
  /** File URI of the workspace root. */
  root: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** DOT or Mermaid text, when it was asked for. */
  text?: string;
}

/** The argument of the server's `chant-lsp.graph` command. */
export interface GraphQuery {
  uri?: string;
  focus?: boolean;
  spec?: string;
  depth?: number;
  format?: 'json' | 'dot' | 'mermaid';
  includeArchive?: boolean;
}

const EDGE_KINDS = new Set(['depends_on', 'member', 'informed_by']);

/** The server's answer as a `SpecGraph`, or undefined when it is null or not that shape. */
export function parseGraph(answer: unknown): SpecGraph | undefined {
  if (!isObject(answer) || typeof answer.root !== 'string') {
    return undefined;
  }
  if (!Array.isArray(answer.nodes) || !Array.isArray(answer.edges)) {
    return undefined;
  }
  const nodes = answer.nodes.map(parseNode);
  const edges = answer.edges.map(parseEdge);
  if (nodes.some((n) => n === undefined) || edges.some((e) => e === undefined)) {
    return undefined;
  }
  const graph: SpecGraph = { root: answer.root, nodes: nodes as GraphNode[], edges: edges as GraphEdge[] };
  if (typeof answer.text === 'string') {
    graph.text = answer.text;
  }
  return graph;
}

function parseNode(value: unknown): GraphNode | undefined {
  if (!isObject(value) || typeof value.id !== 'string' || typeof value.status !== 'string') {
    return undefined;
  }
  const blockedBy = value.blocked_by ?? [];
  if (!Array.isArray(blockedBy) || !blockedBy.every((b) => typeof b === 'string')) {
    return undefined;
  }
  return {
    id: value.id,
    title: typeof value.title === 'string' ? value.title : null,
    status: value.status,
    type: typeof value.type === 'string' ? value.type : null,
    ready: value.ready === true,
    blockedBy,
    path: typeof value.path === 'string' ? value.path : null,
    archived: value.archived === true,
    criteria: parseCriteria(value.criteria),
  };
}

function parseCriteria(value: unknown): GraphNode['criteria'] {
  if (!isObject(value) || typeof value.checked !== 'number' || typeof value.total !== 'number') {
    return null;
  }
  return { checked: value.checked, total: value.total };
}

function parseEdge(value: unknown): GraphEdge | undefined {
  if (!isObject(value) || typeof value.from !== 'string' || typeof value.to !== 'string') {
    return undefined;
  }
  if (typeof value.kind !== 'string' || !EDGE_KINDS.has(value.kind)) {
    return undefined;
  }
  return { from: value.from, to: value.to, kind: value.kind as GraphEdge['kind'], blocking: value.blocking === true };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The tree's groups, in the order they are shown. */
export const GROUPS = [
  'ready',
  'blocked',
  'in_progress',
  'pending',
  'attention',
  'completed',
  'cancelled',
] as const;
export type GroupKey = (typeof GROUPS)[number];

export const GROUP_LABELS: Record<GroupKey, string> = {
  ready: 'Ready',
  blocked: 'Blocked',
  in_progress: 'In progress',
  pending: 'Pending (other)',
  attention: 'Failed / Needs attention',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/**
 * Where a spec goes. The spec's own status wins for the states a person set (done, running,
 * cancelled, failed); otherwise chant's readiness decides: ready to start, held back by
 * something, or neither (paused, or a `pending` spec chant would not pick for another reason).
 * A failed spec chant would retry is still shown as failed: it needs a look first.
 */
export function groupOf(node: GraphNode): GroupKey {
  switch (node.status) {
    case 'completed':
      return 'completed';
    case 'cancelled':
      return 'cancelled';
    case 'in_progress':
      return 'in_progress';
    case 'failed':
    case 'needs_attention':
      return 'attention';
  }
  if (node.ready) {
    return 'ready';
  }
  if (node.blockedBy.length > 0 || node.status === 'blocked') {
    return 'blocked';
  }
  return 'pending';
}

/** A spec node: not a missing id or a plain file that specs link to. */
export function isSpec(node: GraphNode): boolean {
  return node.status !== 'missing' && node.status !== 'file';
}

export interface SpecGroup {
  key: GroupKey;
  label: string;
  specs: GraphNode[];
}

/** The non-empty groups of the graph's specs (archived ones left out), each sorted by id. */
export function groupSpecs(graph: SpecGraph): SpecGroup[] {
  const byKey = new Map<GroupKey, GraphNode[]>();
  for (const node of graph.nodes) {
    if (!isSpec(node) || node.archived) {
      continue;
    }
    const key = groupOf(node);
    const list = byKey.get(key) ?? [];
    list.push(node);
    byKey.set(key, list);
  }
  return GROUPS.filter((key) => byKey.has(key)).map((key) => ({
    key,
    label: `${GROUP_LABELS[key]} (${byKey.get(key)!.length})`,
    specs: byKey.get(key)!.sort((a, b) => compareIds(a.id, b.id)),
  }));
}

export interface Counts {
  ready: number;
  blocked: number;
  inProgress: number;
}

/** The status bar's counts, summed over every workspace's graph. */
export function countSpecs(graphs: readonly SpecGraph[]): Counts {
  const counts: Counts = { ready: 0, blocked: 0, inProgress: 0 };
  for (const group of graphs.flatMap(groupSpecs)) {
    if (group.key === 'ready') {
      counts.ready += group.specs.length;
    } else if (group.key === 'blocked') {
      counts.blocked += group.specs.length;
    } else if (group.key === 'in_progress') {
      counts.inProgress += group.specs.length;
    }
  }
  return counts;
}

export function statusBarText(counts: Counts): string {
  return `$(check) ${counts.ready} ready  $(circle-slash) ${counts.blocked} blocked  $(sync) ${counts.inProgress} in progress`;
}

export interface Blocker {
  /** The spec id, or `approval`. */
  id: string;
  label: string;
  /** The blocking spec's node when the graph has it (it can be opened). */
  node: GraphNode | undefined;
}

/** What holds a blocked spec back, as the tree shows it under the spec. */
export function blockersOf(graph: SpecGraph, node: GraphNode): Blocker[] {
  return node.blockedBy.map((id) => {
    if (id === 'approval') {
      return { id, label: 'approval required', node: undefined };
    }
    const target = graph.nodes.find((n) => n.id === id);
    const status = target === undefined ? 'missing' : target.status;
    return { id, label: `${id} (${status})`, node: target };
  });
}

/** One line for a spec in the tree: its title, or its id when it has none. */
export function specLabel(node: GraphNode): string {
  return node.title ?? node.id;
}

/** Ids compare by their parts so that `x.2` sorts before `x.10`. */
export function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** What the graph webview's script needs from a graph: the DOT text and, per node, what the
 * toolbar searches and filters on. */
export interface WebviewGraph {
  dot: string;
  /** Node id → path relative to the root, for the nodes that can be opened. */
  paths: Record<string, string>;
  /** Node id → title, for the nodes that have one (search matches ids and titles). */
  titles: Record<string, string>;
  /** Node id → its filter key: a tree group (`ready`, `blocked`, …), or `missing` / `file`. */
  groups: Record<string, string>;
  /** Linked files that do not exist (drawn as missing). */
  missingFiles: string[];
}

/** The status filter's choices, in order, with their labels. */
export const FILTER_LABELS: Record<string, string> = {
  ...GROUP_LABELS,
  missing: 'Missing id',
  file: 'Linked file',
};

export function webviewGraph(graph: SpecGraph, fileExists: (path: string) => boolean): WebviewGraph | undefined {
  if (graph.text === undefined) {
    return undefined;
  }
  const out: WebviewGraph = { dot: graph.text, paths: {}, titles: {}, groups: {}, missingFiles: [] };
  for (const node of graph.nodes) {
    if (node.path !== null) {
      out.paths[node.id] = node.path;
    }
    if (node.title !== null) {
      out.titles[node.id] = node.title;
    }
    out.groups[node.id] = isSpec(node) ? groupOf(node) : node.status;
    if (node.status === 'file' && node.path !== null && !fileExists(node.path)) {
      out.missingFiles.push(node.id);
    }
  }
  return out;
}

//! Which chant actions a spec's title line offers, from the server's graph node (chant's own
//! readiness and criteria count): `▶ Work` on a ready spec, `Approve` while approval holds it
//! back, `Finalize` once every criterion chant counts is checked.
// Pure (no `vscode` import) so it is unit-tested without an editor.

import type { ChantAction } from './chantCli.mts';
import type { GraphNode } from './specGraph.mts';

export interface LensAction {
  action: ChantAction;
  title: string;
}

const DONE = new Set(['completed', 'cancelled']);

export function lensActions(node: GraphNode): LensAction[] {
  const out: LensAction[] = [];
  if (node.ready) {
    out.push({ action: 'work', title: '▶ Work' });
  }
  if (node.blockedBy.includes('approval')) {
    out.push({ action: 'approve', title: 'Approve' });
  }
  const criteria = node.criteria;
  if (criteria !== null && criteria.total > 0 && criteria.checked === criteria.total && !DONE.has(node.status)) {
    out.push({ action: 'finalize', title: 'Finalize' });
  }
  return out;
}

/**
 * The 0-based line of the spec's `# ` title: the first one after the frontmatter and outside
 * code fences; undefined when there is none. (Where the lens sits; chant's exact title rule,
 * which the server applies, only matters for what the title says.)
 */
export function titleLine(text: string): number | undefined {
  const lines = text.split(/\r?\n/);
  let i = 0;
  if (lines[0] === '---') {
    const close = lines.indexOf('---', 1);
    i = close < 0 ? 0 : close + 1;
  }
  let fenced = false;
  for (; i < lines.length; i++) {
    if (lines[i].trimStart().startsWith('```')) {
      fenced = !fenced;
    } else if (!fenced && lines[i].startsWith('# ')) {
      return i;
    }
  }
  return undefined;
}

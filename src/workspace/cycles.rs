//! Dependency cycles through `depends_on`, found with Tarjan's strongly connected components.
//!
//! Runs over the whole graph (ids, not files), which is linear and cheap enough to redo whenever
//! an edit changes some spec's links; it is skipped for edits that leave links alone.

use std::collections::HashMap;
use std::sync::Arc;

use super::Workspace;
use crate::spec::schema::DEPENDS_ON;

/// A cycle of at most this many specs is short: its diagnostics name every member and link to
/// each, so an edit to one member re-checks all of them. A longer cycle shows each member only its
/// neighbours and a few ids, which keeps both the messages and the re-checks bounded.
pub const SHORT: usize = 8;

/// Every dependency cycle (strongly connected component of two or more specs), members sorted.
pub(super) fn find(ws: &Workspace) -> Vec<Arc<Vec<String>>> {
    let mut ids: Vec<&str> = ws.ids().collect();
    ids.sort_unstable();
    let index_of: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let edges: Vec<Vec<usize>> = ids
        .iter()
        .map(|id| {
            let Some(spec) = ws.lookup(id) else { return Vec::new() };
            spec.string_items(DEPENDS_ON)
                .iter()
                .filter_map(|(dep, _)| index_of.get(dep).copied())
                .filter(|&j| ids[j] != *id)
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    for component in tarjan(&edges) {
        if component.len() < 2 {
            continue;
        }
        let mut members: Vec<String> = component.iter().map(|&i| ids[i].to_string()).collect();
        members.sort();
        out.push(Arc::new(members));
    }
    out
}

/// Replaces `old` (id → its cycle) with the cycles `new`; returns the ids whose cycle changed.
///
/// Compares once per cycle, not once per member: a 3,000-spec cycle that stayed the same costs
/// one comparison, and keeps its old `Arc` so the next comparison is a pointer check.
pub(super) fn replace(old: &mut HashMap<String, Arc<Vec<String>>>, new: Vec<Arc<Vec<String>>>) -> Vec<String> {
    let mut next: HashMap<String, Arc<Vec<String>>> = HashMap::with_capacity(old.len());
    let mut changed = Vec::new();
    for cycle in new {
        let same = old.get(&cycle[0]).filter(|o| Arc::ptr_eq(o, &cycle) || ***o == *cycle).cloned();
        let cycle = match same {
            Some(kept) => kept,
            None => {
                changed.extend(cycle.iter().cloned());
                cycle
            }
        };
        for id in cycle.iter() {
            next.insert(id.clone(), Arc::clone(&cycle));
        }
    }
    changed.extend(old.keys().filter(|id| !next.contains_key(*id)).cloned());
    *old = next;
    changed
}

/// Iterative Tarjan, so deep chains cannot overflow the stack.
fn tarjan(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut components = Vec::new();
    let mut counter = 0;
    for start in 0..n {
        if index[start] != UNVISITED {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&mut (v, ref mut next)) = work.last_mut() {
            if *next == 0 && index[v] == UNVISITED {
                index[v] = counter;
                low[v] = counter;
                counter += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*next) {
                *next += 1;
                if index[w] == UNVISITED {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                components.push(component);
            }
        }
    }
    components
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::tarjan;
    use crate::spec::{Spec, SpecLocation};
    use crate::workspace::Workspace;

    fn spec(i: usize, n: usize, title: &str) -> (PathBuf, Arc<Spec>) {
        let text = format!("---\ndepends_on: [s{:02}]\n---\n{title}\n", (i + 1) % n);
        (PathBuf::from(format!("/w/s{i:02}.md")), Arc::new(Spec::parse(format!("s{i:02}"), SpecLocation::Active, text)))
    }

    /// The specs re-checked after replacing spec `i` of a ring of `n` with one titled `title`.
    fn rechecked(n: usize, i: usize, title: &str) -> Vec<String> {
        let mut ws = Workspace::new(PathBuf::from("/w"));
        ws.insert_all((0..n).map(|j| spec(j, n, "# T")));
        let (path, new) = spec(i, n, title);
        let touched = ws.upsert(path, new);
        let mut out: Vec<String> = ws.dependents(&touched).iter().map(|p| p.display().to_string()).collect();
        out.sort();
        out
    }

    #[test]
    fn an_edit_in_a_long_cycle_rechecks_only_its_neighbours() {
        assert_eq!(rechecked(12, 5, "\n# Moved title"), ["/w/s04.md", "/w/s05.md", "/w/s06.md"]);
    }

    #[test]
    fn a_new_link_inside_a_long_cycle_rechecks_its_target() {
        let mut ws = Workspace::new(PathBuf::from("/w"));
        ws.insert_all((0..12).map(|j| spec(j, 12, "# T")));
        // s05 now also points at s09: the cycle keeps its members, but s09 gains a predecessor.
        let text = "---\ndepends_on: [s06, s09]\n---\n# T\n".to_string();
        let touched =
            ws.upsert(PathBuf::from("/w/s05.md"), Arc::new(Spec::parse("s05".into(), SpecLocation::Active, text)));
        let mut out: Vec<String> = ws.dependents(&touched).iter().map(|p| p.display().to_string()).collect();
        out.sort();
        assert_eq!(out, ["/w/s04.md", "/w/s05.md", "/w/s06.md", "/w/s08.md", "/w/s09.md", "/w/s10.md"]);
    }

    #[test]
    fn an_edit_in_a_short_cycle_rechecks_every_member() {
        assert_eq!(rechecked(3, 1, "\n# Moved title"), ["/w/s00.md", "/w/s01.md", "/w/s02.md"]);
    }

    #[test]
    fn finds_cycles_only() {
        let edges = vec![vec![1], vec![2], vec![0], vec![0]];
        let mut comps: Vec<Vec<usize>> = tarjan(&edges)
            .into_iter()
            .map(|mut c| {
                c.sort();
                c
            })
            .collect();
        comps.sort();
        assert_eq!(comps, vec![vec![0, 1, 2], vec![3]]);
    }
}

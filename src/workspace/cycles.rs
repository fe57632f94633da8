//! Dependency cycles through `depends_on`, found with Tarjan's strongly connected components.
//!
//! The initial index runs over the whole graph (ids, not files). An edit then recomputes only
//! the components it can touch: only the edited spec's own links changed, so a cycle that does
//! not run through it keeps its members, and the edited spec's new cycle is what it reaches that
//! also reaches it. A differential test holds the two ways equal.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
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

/// The ids `id` depends on that some spec has, itself left out: the graph's edges.
fn successors<'a>(ws: &'a Workspace, id: &str) -> Vec<&'a str> {
    let Some(spec) = ws.lookup(id) else { return Vec::new() };
    let deps = spec.string_items(DEPENDS_ON).into_iter().map(|(dep, _)| dep);
    deps.filter(|dep| *dep != id && ws.lookup(dep).is_some()).collect()
}

/// The ids whose graph spec (the one `lookup` picks) depends on `id`.
fn predecessors<'a>(ws: &'a Workspace, id: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    for path in ws.referrers(id) {
        let Some(spec) = ws.spec(path) else { continue };
        let is_node = ws.lookup(&spec.id).is_some_and(|s| Arc::ptr_eq(s, spec));
        if is_node && spec.id != id && spec.string_items(DEPENDS_ON).iter().any(|(dep, _)| *dep == id) {
            out.push(spec.id.as_str());
        }
    }
    out
}

/// The strongly connected component of `id`: what it reaches that also reaches it.
fn component_of<'a>(ws: &'a Workspace, id: &'a str) -> HashSet<&'a str> {
    let walk = |start: &'a str, next: &dyn Fn(&'a str) -> Vec<&'a str>, within: Option<&HashSet<&'a str>>| {
        let mut seen: HashSet<&'a str> = HashSet::from([start]);
        let mut queue = VecDeque::from([start]);
        while let Some(at) = queue.pop_front() {
            for n in next(at) {
                if within.is_none_or(|w| w.contains(n)) && seen.insert(n) {
                    queue.push_back(n);
                }
            }
        }
        seen
    };
    let reached = walk(id, &|at| successors(ws, at), None);
    walk(id, &|at| predecessors(ws, at), Some(&reached))
}

/// Updates `cycles` after the links of the specs with ids `changed` changed (or the ids
/// appeared or went); returns the ids whose cycle changed, as `replace` does.
///
/// Only the old cycles of the changed ids, their new components and the old cycles of those
/// members can differ, so Tarjan runs on that part of the graph alone.
pub(super) fn update(
    ws: &Workspace,
    cycles: &mut HashMap<String, Arc<Vec<String>>>,
    changed: &[String],
) -> Vec<String> {
    let mut affected: BTreeSet<String> = BTreeSet::new();
    for id in changed {
        affected.insert(id.clone());
        for member in component_of(ws, id) {
            affected.insert(member.to_string());
        }
    }
    let olds: Vec<Arc<Vec<String>>> = affected.iter().filter_map(|id| cycles.get(id).cloned()).collect();
    for old in olds {
        affected.extend(old.iter().cloned());
    }
    let ids: Vec<&str> = affected.iter().map(String::as_str).collect();
    let index_of: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let edges: Vec<Vec<usize>> =
        ids.iter().map(|id| successors(ws, id).iter().filter_map(|d| index_of.get(d).copied()).collect()).collect();
    let mut fresh: HashMap<String, Arc<Vec<String>>> = HashMap::new();
    for component in tarjan(&edges).into_iter().filter(|c| c.len() >= 2) {
        let mut members: Vec<String> = component.iter().map(|&i| ids[i].to_string()).collect();
        members.sort();
        // An unchanged cycle keeps its `Arc`, so later comparisons are pointer checks.
        let kept = cycles.get(&members[0]).filter(|o| ***o == members).cloned();
        let cycle = kept.unwrap_or_else(|| Arc::new(members));
        for id in cycle.iter() {
            fresh.insert(id.clone(), Arc::clone(&cycle));
        }
    }
    let mut moved = Vec::new();
    for id in &affected {
        let (before, after) = (cycles.get(id), fresh.get(id));
        if before.map(|c| &**c) != after.map(|c| &**c) {
            moved.push(id.clone());
        }
        match after {
            Some(cycle) => cycles.insert(id.clone(), Arc::clone(cycle)),
            None => cycles.remove(id),
        };
    }
    moved
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
    use crate::spec::info::SpecInfo;
    use crate::spec::SpecLocation;
    use crate::workspace::Workspace;

    fn spec(i: usize, n: usize, title: &str) -> (PathBuf, Arc<SpecInfo>) {
        let text = format!("---\ndepends_on: [s{:02}]\n---\n{title}\n", (i + 1) % n);
        (
            PathBuf::from(format!("/w/s{i:02}.md")),
            Arc::new(SpecInfo::from_text(format!("s{i:02}"), SpecLocation::Active, text)),
        )
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
        let touched = ws.upsert(
            PathBuf::from("/w/s05.md"),
            Arc::new(SpecInfo::from_text("s05".into(), SpecLocation::Active, text)),
        );
        let mut out: Vec<String> = ws.dependents(&touched).iter().map(|p| p.display().to_string()).collect();
        out.sort();
        assert_eq!(out, ["/w/s04.md", "/w/s05.md", "/w/s06.md", "/w/s08.md", "/w/s09.md", "/w/s10.md"]);
    }

    #[test]
    fn an_edit_in_a_short_cycle_rechecks_every_member() {
        assert_eq!(rechecked(3, 1, "\n# Moved title"), ["/w/s00.md", "/w/s01.md", "/w/s02.md"]);
    }

    /// Differential test: after every random edit (new links, new or removed specs, duplicates
    /// in the archive), the incrementally kept cycles equal a full recomputation.
    #[test]
    fn incremental_cycles_equal_a_full_recomputation() {
        let mut seed: u64 = 0x5eed;
        let mut next = move |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _round in 0..200 {
            let mut ws = Workspace::new(PathBuf::from("/w"));
            for _step in 0..25 {
                let i = next(7);
                let folder = if next(5) == 0 { "archive/" } else { "" };
                let path = PathBuf::from(format!("/w/{folder}s{i}.md"));
                if next(4) == 0 {
                    ws.remove(&path);
                } else {
                    let deps: Vec<String> = (0..next(4)).map(|_| format!("s{}", next(8))).collect();
                    let text = format!("---\ndepends_on: [{}]\n---\n# T\n", deps.join(", "));
                    let location = if folder.is_empty() { SpecLocation::Active } else { SpecLocation::Archived };
                    ws.upsert(path, Arc::new(SpecInfo::from_text(format!("s{i}"), location, text)));
                }
                let mut full: Vec<Vec<String>> = super::find(&ws).iter().map(|c| c.to_vec()).collect();
                full.sort();
                let mut kept: Vec<Vec<String>> = ws.cycles.values().map(|c| c.to_vec()).collect();
                kept.sort();
                kept.dedup();
                assert_eq!(kept, full);
            }
        }
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

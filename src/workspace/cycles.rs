//! Dependency cycles through `depends_on`, found with Tarjan's strongly connected components.
//!
//! Runs over the whole graph (ids, not files), which is linear and cheap enough to redo whenever
//! an edit changes some spec's links; it is skipped for edits that leave links alone.

use std::collections::HashMap;
use std::sync::Arc;

use super::Workspace;

pub(super) fn find(ws: &Workspace) -> HashMap<String, Arc<Vec<String>>> {
    let mut ids: Vec<&str> = ws.ids().collect();
    ids.sort_unstable();
    let index_of: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let edges: Vec<Vec<usize>> = ids
        .iter()
        .map(|id| {
            let Some(spec) = ws.lookup(id) else { return Vec::new() };
            spec.string_items("depends_on")
                .iter()
                .filter_map(|(dep, _)| index_of.get(dep).copied())
                .filter(|&j| ids[j] != *id)
                .collect()
        })
        .collect();
    let mut out = HashMap::new();
    for component in tarjan(&edges) {
        if component.len() < 2 {
            continue;
        }
        let mut members: Vec<String> = component.iter().map(|&i| ids[i].to_string()).collect();
        members.sort();
        let members = Arc::new(members);
        for id in members.iter() {
            out.insert(id.clone(), Arc::clone(&members));
        }
    }
    out
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
    use super::tarjan;

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

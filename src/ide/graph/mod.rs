//! The spec graph: specs as nodes (with status, type and chant's readiness), and the links
//! between them as edges (`depends_on`, `member`, `informed_by`). One model for `chant-lsp
//! graph`, the server's graph command and the editor views.

pub mod render;

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::Path;

use serde::Serialize;

use crate::ide::diagnostics::paths::{check_path, PathCheck};
use crate::ide::hover::{status_name, type_name};
use crate::spec::id::driver_of;
use crate::spec::info::SpecInfo;
use crate::spec::schema::{DEPENDS_ON, INFORMED_BY, MEMBERS};
use crate::spec::SpecLocation;
use crate::workspace::readiness::{readiness, Readiness};
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Node {
    pub id: String,
    pub title: Option<String>,
    /// chant's status name; `missing` for an id no spec has or a file that does not exist,
    /// `file` for a non-spec file that does.
    pub status: String,
    #[serde(rename = "type")]
    pub spec_type: Option<String>,
    /// chant would start it now (`Spec::is_ready`).
    pub ready: bool,
    /// The specs (or `approval`) holding a pending or failed spec back, in chant's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blocked_by: Vec<String>,
    /// Relative to the workspace root; `None` for a missing id.
    pub path: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
    /// The acceptance criteria chant counts, when it counts any (editors offer to finalize a
    /// spec whose boxes are all checked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criteria: Option<CriteriaProgress>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct CriteriaProgress {
    pub checked: u32,
    pub total: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    DependsOn,
    Member,
    InformedBy,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub kind: EdgeKind,
    /// A `depends_on` edge that keeps its waiting (pending or failed) spec from starting.
    pub blocking: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// What to draw: the whole workspace, or the neighbourhood of one spec.
#[derive(Clone, Debug, Default)]
pub struct GraphQuery {
    /// Only specs within `depth` links of this id (either direction).
    pub focus: Option<String>,
    pub depth: usize,
    pub include_archive: bool,
}

pub fn graph(ws: &Workspace, query: &GraphQuery) -> Graph {
    let mut specs: Vec<(&Path, &SpecInfo)> = ws
        .specs()
        .filter(|(_, s)| query.include_archive || s.location != SpecLocation::Archived)
        .map(|(p, s)| (&**p, &**s))
        .collect();
    specs.sort_by(|a, b| a.1.id.cmp(&b.1.id).then(a.0.cmp(b.0)));
    specs.dedup_by(|a, b| a.1.id == b.1.id);
    let mut edges = BTreeSet::new();
    let mut nodes = BTreeMap::new();
    for (path, spec) in &specs {
        let node = spec_node(ws, path, spec);
        spec_edges(ws, spec, &node.blocked_by, &mut edges);
        nodes.insert(spec.id.clone(), node);
    }
    for edge in &edges {
        if !nodes.contains_key(&edge.to) {
            nodes.insert(edge.to.clone(), target_node(ws, edge));
        }
    }
    let mut graph = Graph { nodes: nodes.into_values().collect(), edges: edges.into_iter().collect() };
    if let Some(focus) = &query.focus {
        graph = neighbourhood(graph, focus, query.depth);
    }
    graph
}

/// `blocked_by`: what holds the spec back now, so a `depends_on` edge is marked only while it
/// keeps a waiting spec from starting (not on a completed spec whose dependency is archived).
fn spec_edges(ws: &Workspace, spec: &SpecInfo, blocked_by: &[String], out: &mut BTreeSet<Edge>) {
    let edge = |to: &str, kind, blocking| Edge { from: spec.id.clone(), to: to.to_string(), kind, blocking };
    for (id, _) in spec.accepted_items(DEPENDS_ON) {
        out.insert(edge(id, EdgeKind::DependsOn, blocked_by.iter().any(|b| b == id)));
    }
    for (id, _) in spec.accepted_items(MEMBERS) {
        out.insert(edge(id, EdgeKind::Member, false));
    }
    // Members by name (`<driver>.N`) belong to their driver whether or not it lists them.
    if let Some(driver) = driver_of(&spec.id) {
        if ws.lookup(driver).is_some() {
            out.insert(Edge { from: driver.to_string(), to: spec.id.clone(), kind: EdgeKind::Member, blocking: false });
        }
    }
    for (path, _) in spec.accepted_items(INFORMED_BY) {
        let target = ws.spec(&ws.root.join(path)).map_or_else(|| path.to_string(), |s| s.id.clone());
        out.insert(edge(&target, EdgeKind::InformedBy, false));
    }
}

fn spec_node(ws: &Workspace, path: &Path, spec: &SpecInfo) -> Node {
    let verdict = readiness(ws, spec);
    let blocked_by = match &verdict {
        Readiness::Blocked(blockers) => blockers.iter().map(|b| b.id().unwrap_or("approval").to_string()).collect(),
        _ => Vec::new(),
    };
    Node {
        id: spec.id.clone(),
        title: spec.title.as_ref().map(|t| t.text.clone()),
        status: status_name(spec),
        spec_type: Some(type_name(spec)),
        ready: verdict == Readiness::Ready,
        blocked_by,
        path: Some(relative(ws, path)),
        archived: spec.location == SpecLocation::Archived,
        criteria: (spec.criteria.counted && spec.criteria.items > 0)
            .then_some(CriteriaProgress { checked: spec.criteria.checked, total: spec.criteria.items }),
    }
}

/// A node for an edge's target outside the drawn specs: an archived or missing spec, or a file.
fn target_node(ws: &Workspace, edge: &Edge) -> Node {
    if let Some(path) = ws.lookup_path(&edge.to) {
        if let Some(spec) = ws.spec(path) {
            return spec_node(ws, path, spec);
        }
    }
    let file = edge.kind == EdgeKind::InformedBy;
    // A named file that is not there is drawn as missing, as a missing spec is.
    let present = file && check_path(ws, &edge.to) != PathCheck::Missing;
    Node {
        id: edge.to.clone(),
        title: None,
        status: if present { "file" } else { "missing" }.to_string(),
        spec_type: None,
        ready: false,
        blocked_by: Vec::new(),
        path: file.then(|| edge.to.clone()),
        archived: false,
        criteria: None,
    }
}

fn relative(ws: &Workspace, path: &Path) -> String {
    path.strip_prefix(&ws.root).unwrap_or(path).to_string_lossy().into_owned()
}

/// The nodes within `depth` links of `focus`, following edges both ways, and the edges among
/// them. Breadth-first over an adjacency list: linear in the graph's size.
fn neighbourhood(graph: Graph, focus: &str, depth: usize) -> Graph {
    let mut adjacent: HashMap<&str, Vec<&str>> = HashMap::new();
    for e in &graph.edges {
        adjacent.entry(&e.from).or_default().push(&e.to);
        adjacent.entry(&e.to).or_default().push(&e.from);
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut queue = VecDeque::new();
    if graph.nodes.iter().any(|n| n.id == focus) {
        seen.insert(focus, 0);
        queue.push_back(focus);
    }
    while let Some(id) = queue.pop_front() {
        let d = seen[id];
        if d == depth {
            continue;
        }
        for next in adjacent.get(id).into_iter().flatten() {
            if !seen.contains_key(next) {
                seen.insert(next, d + 1);
                queue.push_back(next);
            }
        }
    }
    let keep: BTreeSet<String> = seen.keys().map(|s| s.to_string()).collect();
    Graph {
        nodes: graph.nodes.into_iter().filter(|n| keep.contains(&n.id)).collect(),
        edges: graph.edges.into_iter().filter(|e| keep.contains(&e.from) && keep.contains(&e.to)).collect(),
    }
}

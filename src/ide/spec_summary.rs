//! Feature: one spec at a glance, and the workspace's ready and blocked specs, as chant sees
//! them: for agents (the MCP `spec` and `ready` tools), which ask what a spec is and what to run
//! next without an editor's hover or graph view. Plain structs; paths relative to the root.

use std::path::Path;

use serde::Serialize;

use crate::ide::hover::{blocker_text, status_name, type_name};
use crate::spec::info::SpecInfo;
use crate::spec::schema::{self, DEPENDS_ON};
use crate::spec::SpecLocation;
use crate::workspace::readiness::{readiness, Blocker, Readiness};
use crate::workspace::Workspace;

/// What the `spec` tool tells about one spec.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SpecSummary {
    pub id: String,
    pub title: Option<String>,
    /// chant's status name (`pending`, `completed`…), or the value as written when chant rejects it.
    pub status: String,
    #[serde(rename = "type")]
    pub spec_type: String,
    /// Relative to the workspace root.
    pub path: String,
    pub archived: bool,
    pub readiness: ReadinessView,
    /// Its `depends_on` entries, in order, each with the status of the spec it names.
    pub dependencies: Vec<Linked>,
    /// The specs whose `depends_on` names it.
    pub dependents: Vec<Linked>,
    pub criteria: Criteria,
    /// The entries of its path fields (`target_files`, `context`, `informed_by`…).
    pub files: Vec<NamedFile>,
}

/// Whether chant would start the spec now, and why not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ReadinessView {
    /// `ready`, `blocked`, `not_waiting` (its status is not one chant starts from) or
    /// `not_loaded` (chant cannot load it).
    pub state: String,
    /// What holds a blocked spec back, in chant's order.
    pub reasons: Vec<Reason>,
}

/// One reason a spec waits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Reason {
    /// `dependency`, `driver_dependency`, `approval`, `prior_sibling` or `member`.
    pub kind: String,
    /// The spec that holds it back (none for `approval`).
    pub id: Option<String>,
    /// In words, as the hover says it.
    pub text: String,
}

/// A spec linked to this one, with its status: `missing` when no spec has the id; an archived
/// spec's status is followed by ` (archived)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Linked {
    pub id: String,
    pub status: String,
    pub path: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Criteria {
    /// Unticked boxes chant counts (under `## Acceptance Criteria`, outside code).
    pub open: u32,
    pub total: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct NamedFile {
    pub field: String,
    /// As written, relative to the workspace root.
    pub path: String,
    /// Whether it is a file on disk; `null` for a glob.
    pub exists: Option<bool>,
}

/// The ready specs and the blocked ones, active specs only (chant never starts archived ones).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ReadyList {
    pub ready: Vec<Listed>,
    pub blocked: Vec<Listed>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Listed {
    pub id: String,
    pub title: Option<String>,
    pub path: String,
    /// Empty for a ready spec.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(default)]
    pub blocked_by: Vec<Reason>,
}

/// The summary of the spec with this id (the active one when several have it).
pub fn spec_summary(ws: &Workspace, id: &str) -> Option<SpecSummary> {
    let path = ws.lookup_path(id)?;
    let spec = ws.spec(path)?;
    Some(SpecSummary {
        id: spec.id.clone(),
        title: spec.title.as_ref().map(|t| t.text.clone()),
        status: status_name(spec),
        spec_type: type_name(spec),
        path: relative(ws, path),
        archived: spec.location == SpecLocation::Archived,
        readiness: readiness_view(ws, spec),
        dependencies: spec.string_items(DEPENDS_ON).into_iter().map(|(dep, _)| linked(ws, dep)).collect(),
        dependents: dependents(ws, id),
        criteria: Criteria { open: spec.criteria.items - spec.criteria.checked, total: spec.criteria.items },
        files: named_files(ws, spec),
    })
}

/// Every active spec chant would start now, and every pending or failed one it holds back, by id.
pub fn ready_list(ws: &Workspace) -> ReadyList {
    let mut specs: Vec<(&Path, &SpecInfo)> =
        ws.specs().filter(|(_, s)| s.location == SpecLocation::Active).map(|(p, s)| (&**p, &**s)).collect();
    specs.sort_by(|a, b| a.1.id.cmp(&b.1.id).then(a.0.cmp(b.0)));
    let mut out = ReadyList::default();
    for (path, spec) in specs {
        let listed = |blocked_by| Listed {
            id: spec.id.clone(),
            title: spec.title.as_ref().map(|t| t.text.clone()),
            path: relative(ws, path),
            blocked_by,
        };
        match readiness(ws, spec) {
            Readiness::Ready => out.ready.push(listed(Vec::new())),
            Readiness::Blocked(blockers) => out.blocked.push(listed(blockers.iter().map(reason).collect())),
            Readiness::NotWaiting(_) | Readiness::NotLoaded => {}
        }
    }
    out
}

fn readiness_view(ws: &Workspace, spec: &SpecInfo) -> ReadinessView {
    let (state, reasons) = match readiness(ws, spec) {
        Readiness::Ready => ("ready", Vec::new()),
        Readiness::Blocked(blockers) => ("blocked", blockers.iter().map(reason).collect()),
        Readiness::NotWaiting(_) => ("not_waiting", Vec::new()),
        Readiness::NotLoaded => ("not_loaded", Vec::new()),
    };
    ReadinessView { state: state.to_string(), reasons }
}

fn reason(blocker: &Blocker) -> Reason {
    let kind = match blocker {
        Blocker::Dependency { .. } => "dependency",
        Blocker::DriverDependency { .. } => "driver_dependency",
        Blocker::Approval => "approval",
        Blocker::PriorSibling { .. } => "prior_sibling",
        Blocker::Member { .. } => "member",
    };
    Reason { kind: kind.to_string(), id: blocker.id().map(str::to_string), text: blocker_text(blocker) }
}

fn linked(ws: &Workspace, id: &str) -> Linked {
    match (ws.lookup(id), ws.lookup_path(id)) {
        (Some(spec), Some(path)) => {
            let status = if spec.location == SpecLocation::Archived {
                format!("{} (archived)", status_name(spec))
            } else {
                status_name(spec)
            };
            Linked { id: id.to_string(), status, path: Some(relative(ws, path)) }
        }
        _ => Linked { id: id.to_string(), status: "missing".to_string(), path: None },
    }
}

/// The specs whose `depends_on` names `id`, by id.
fn dependents(ws: &Workspace, id: &str) -> Vec<Linked> {
    let mut out: Vec<Linked> = ws
        .referrers(id)
        .filter_map(|path| ws.spec(path).map(|spec| (path, spec)))
        .filter(|(_, spec)| spec.string_items(DEPENDS_ON).iter().any(|(dep, _)| *dep == id))
        .map(|(path, spec)| Linked { id: spec.id.clone(), status: status_name(spec), path: Some(relative(ws, path)) })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id).then(a.path.cmp(&b.path)));
    out.dedup();
    out
}

fn named_files(ws: &Workspace, spec: &SpecInfo) -> Vec<NamedFile> {
    let mut out = Vec::new();
    for field in schema::path_fields() {
        for (value, _) in spec.string_items(field) {
            let exists = (!schema::is_glob(value)).then(|| ws.fs.is_file(&ws.root.join(value)));
            out.push(NamedFile { field: field.to_string(), path: value.to_string(), exists });
        }
    }
    out
}

fn relative(ws: &Workspace, path: &Path) -> String {
    path.strip_prefix(&ws.root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

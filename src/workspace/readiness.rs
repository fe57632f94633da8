//! Whether chant would start a spec now, and what holds it back: chant 0.23.2's `Spec::is_ready`,
//! `is_blocked` and `all_prior_siblings_completed`, over the index. One answer for hover, code
//! lens, the graph views and the call hierarchy.
//!
//! chant's rules, as its code has them (spec-format §3.3, §4.2):
//! - Only a spec whose status is `pending` or `failed` can be ready. On load chant turns `pending`
//!   into `blocked` when a dependency is unmet and `blocked` back into `pending` when none is, so
//!   a file saying `blocked` is judged as `pending`; `ready` in a file is not ready.
//! - Each `depends_on` entry must name a spec chant loads from `.chant/specs/` (sub-folders
//!   included, the archive not, unloadable files not) that is `completed` or `cancelled`.
//! - A member (`<driver>.N`) also waits for its driver's dependencies, except the driver's own
//!   members, and, unless it has `depends_on` of its own, for its prior siblings `.1 … .N-1`
//!   that exist (`completed` or `cancelled`).
//! - A `pending` spec whose approval is required and not given waits for it (a `failed` one
//!   does not: chant checks the approval for `pending` only).
//! - A spec with members (`<id>.…`) and a counted `## Acceptance Criteria` box waits until
//!   every member is `completed` (`cancelled` does not do).

use crate::spec::id::{driver_of, is_member_of, member_number};
use crate::spec::info::{Loaded, SpecInfo};
use crate::spec::SpecLocation;
use crate::syntax::typed::SpecStatus;
use crate::workspace::Workspace;

/// The verdict on one spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Readiness {
    /// chant would start it: `chant work` runs it and `chant list --ready` lists it.
    Ready,
    /// `pending` or `failed`, but held back; every reason is listed, in chant's order.
    Blocked(Vec<Blocker>),
    /// Its status is not one chant starts from (`in_progress`, `completed`, `ready`…).
    NotWaiting(SpecStatus),
    /// chant cannot load the spec, so it never runs it (or chant-lsp did not read it: too large,
    /// binary).
    NotLoaded,
}

/// One reason a spec is not ready.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Blocker {
    /// A `depends_on` entry of its own that is unmet.
    Dependency { id: String, state: DepState },
    /// An unmet dependency of its driver, which a member inherits.
    DriverDependency { driver: String, id: String, state: DepState },
    /// `approval.required` and not approved.
    Approval,
    /// A prior sibling (`<driver>.K`, K < N) not yet `completed` or `cancelled`.
    PriorSibling { id: String, status: SpecStatus },
    /// A member not yet `completed`, which a spec with acceptance criteria waits for.
    Member { id: String, status: SpecStatus },
}

impl Blocker {
    /// The spec this blocker names, if any (`Approval` names none).
    pub fn id(&self) -> Option<&str> {
        match self {
            Blocker::Dependency { id, .. }
            | Blocker::DriverDependency { id, .. }
            | Blocker::PriorSibling { id, .. }
            | Blocker::Member { id, .. } => Some(id),
            Blocker::Approval => None,
        }
    }
}

/// Why a dependency is unmet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DepState {
    /// chant loads it, with this status (neither `completed` nor `cancelled`).
    Status(SpecStatus),
    /// Only in the archive: chant's blocking logic does not look there, so it never clears.
    Archived,
    /// The file exists but chant cannot load it.
    Unloadable,
    /// chant loads it, but chant-lsp did not read it (too large, binary): its status is unknown.
    Unread,
    /// No spec has this id (`repo:id` entries included: chant never resolves them here).
    Missing,
}

/// Most blockers a verdict lists: a driver with 100,000 members must not build a list that long
/// for every hover. The count of members still open is what the user needs past this.
pub const MAX_BLOCKERS: usize = 64;

/// Most siblings one member's check reads. Every member of a group reads its siblings, so a
/// group of N members costs N × this at most rather than N²: chant's own `split` makes groups of
/// a handful, and past 1,000 members the earliest siblings in id order are the ones compared.
pub const MAX_SIBLING_SCAN: usize = 1_000;

pub fn readiness(ws: &Workspace, spec: &SpecInfo) -> Readiness {
    let Ok(fm) = &spec.verdict else { return Readiness::NotLoaded };
    if spec.unreadable.as_ref().is_some_and(|u| !u.chant_loads) {
        return Readiness::NotLoaded;
    }
    let pending = matches!(fm.status, SpecStatus::Pending | SpecStatus::Blocked);
    if !pending && fm.status != SpecStatus::Failed {
        return Readiness::NotWaiting(fm.status);
    }
    let mut blockers = Vec::new();
    dependency_blockers(ws, spec, fm, &mut blockers);
    if pending && approval_missing(fm) {
        blockers.push(Blocker::Approval);
    }
    if fm.depends_on.is_none() {
        prior_siblings(ws, &spec.id, &mut blockers);
    }
    if spec.criteria.counted {
        open_members(ws, &spec.id, &mut blockers);
    }
    blockers.truncate(MAX_BLOCKERS);
    if blockers.is_empty() {
        Readiness::Ready
    } else {
        Readiness::Blocked(blockers)
    }
}

/// What would hold the spec back whatever its status says: its own and its driver's unmet
/// dependencies, and (without `depends_on` of its own) open prior siblings. For a spec already
/// in progress or completed these mean the work ran out of chant's order.
pub fn order_blockers(ws: &Workspace, spec: &SpecInfo) -> Vec<Blocker> {
    let Ok(fm) = &spec.verdict else { return Vec::new() };
    let mut blockers = Vec::new();
    dependency_blockers(ws, spec, fm, &mut blockers);
    if fm.depends_on.is_none() {
        prior_siblings(ws, &spec.id, &mut blockers);
    }
    blockers.truncate(MAX_BLOCKERS);
    blockers
}

fn dependency_blockers(ws: &Workspace, spec: &SpecInfo, fm: &Loaded, out: &mut Vec<Blocker>) {
    own_dependencies(ws, fm, out);
    driver_dependencies(ws, &spec.id, out);
}

/// What chant's blocking logic makes of one `depends_on` entry: `None` when it is met.
pub fn dependency_state(ws: &Workspace, id: &str) -> Option<DepState> {
    if let Some(dep) = ws.loaded_spec(id) {
        let status = dep.verdict.as_ref().map_or(SpecStatus::Pending, |fm| fm.status);
        return (!matches!(status, SpecStatus::Completed | SpecStatus::Cancelled)).then_some(DepState::Status(status));
    }
    Some(match ws.lookup(id) {
        Some(found) if found.location == SpecLocation::Archived => DepState::Archived,
        Some(found) if found.unreadable.as_ref().is_some_and(|u| u.chant_loads) => DepState::Unread,
        Some(_) => DepState::Unloadable,
        None => DepState::Missing,
    })
}

fn own_dependencies(ws: &Workspace, fm: &Loaded, out: &mut Vec<Blocker>) {
    for id in fm.depends_on.iter().flat_map(|d| d.iter()) {
        if let Some(state) = dependency_state(ws, id) {
            out.push(Blocker::Dependency { id: id.clone(), state });
        }
    }
}

fn driver_dependencies(ws: &Workspace, id: &str, out: &mut Vec<Blocker>) {
    let Some(driver) = driver_of(id) else { return };
    let Some(Ok(driver_fm)) = ws.loaded_spec(driver).map(|d| &d.verdict) else { return };
    for dep in driver_fm.depends_on.iter().flat_map(|d| d.iter()) {
        if is_member_of(dep, driver) {
            continue;
        }
        if let Some(state) = dependency_state(ws, dep) {
            out.push(Blocker::DriverDependency { driver: driver.to_string(), id: dep.clone(), state });
        }
    }
}

fn approval_missing(fm: &Loaded) -> bool {
    fm.awaits_approval
}

/// Siblings `<driver>.K` for K < N that chant finds (`format!("{driver}.{K}")`, so no leading
/// zeros); found through the sorted ids, never by counting up to N, which may be 4 billion.
fn prior_siblings(ws: &Workspace, id: &str, out: &mut Vec<Blocker>) {
    let (Some(driver), Some(n)) = (driver_of(id), member_number(id)) else { return };
    let prefix = format!("{driver}.");
    let mut open: Vec<(u32, Blocker)> = Vec::new();
    for sibling in ws.ids_with_prefix(&prefix).iter().take(MAX_SIBLING_SCAN) {
        let Some(k) = exact_member_number(&sibling[prefix.len()..]) else { continue };
        if k == 0 || k >= n {
            continue;
        }
        let Some(found) = ws.loaded_spec(sibling) else { continue };
        let status = found.verdict.as_ref().map_or(SpecStatus::Pending, |fm| fm.status);
        if !matches!(status, SpecStatus::Completed | SpecStatus::Cancelled) {
            open.push((k, Blocker::PriorSibling { id: sibling.clone(), status }));
        }
    }
    // Sorted ids put `.10` before `.2`; chant counts up.
    open.sort_by_key(|(k, _)| *k);
    out.extend(open.into_iter().map(|(_, b)| b));
}

/// `K` when `suffix` is exactly the decimal `K` chant's `format!` writes.
fn exact_member_number(suffix: &str) -> Option<u32> {
    let canonical = !suffix.is_empty() && suffix.bytes().all(|b| b.is_ascii_digit()) && !suffix.starts_with('0');
    canonical.then(|| suffix.parse().ok()).flatten()
}

fn open_members(ws: &Workspace, id: &str, out: &mut Vec<Blocker>) {
    let prefix = format!("{id}.");
    for member in ws.ids_with_prefix(&prefix) {
        if out.len() >= MAX_BLOCKERS {
            break;
        }
        if !is_member_of(member, id) {
            continue;
        }
        let Some(found) = ws.loaded_spec(member) else { continue };
        let status = found.verdict.as_ref().map_or(SpecStatus::Pending, |fm| fm.status);
        if status != SpecStatus::Completed {
            out.push(Blocker::Member { id: member.clone(), status });
        }
    }
}

/// Each fixture below was also written to disk and given to chant 0.23.2 itself
/// (`chant export --ready --format json`, 2026-12-01): it listed exactly the specs marked
/// `Ready` here, in every fixture.
#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use expect_test::{expect, Expect};

    use super::{readiness, Readiness};
    use crate::workspace::fs::MemoryFs;
    use crate::workspace::load::load_workspace_in;

    /// Loads `files` (`path`, frontmatter lines, body) and prints every spec's verdict by id.
    fn check(files: &[(&str, &str, &str)], expect: Expect) {
        let fs = Arc::new(MemoryFs::new("/ws"));
        fs.mkdir(".chant/specs");
        for (path, frontmatter, body) in files {
            fs.write(path, &format!("---\n{frontmatter}---\n# Title\n{body}"));
        }
        let ws = load_workspace_in(fs).0;
        let mut lines: Vec<String> = ws
            .specs()
            .map(|(_, spec)| match readiness(&ws, spec) {
                Readiness::Blocked(blockers) => format!("{}: blocked by {blockers:?}", spec.id),
                other => format!("{}: {other:?}", spec.id),
            })
            .collect();
        lines.sort();
        expect.assert_eq(&lines.join("\n"));
    }

    #[test]
    fn own_dependencies_status_and_approval() {
        check(
            &[
                (".chant/specs/a.md", "status: pending\n", ""),
                (".chant/specs/b.md", "status: in_progress\ndepends_on: [a]\n", ""),
                (".chant/specs/c.md", "status: blocked\ndepends_on: [d, e]\n", ""),
                (".chant/specs/d.md", "status: completed\n", ""),
                (".chant/specs/e.md", "status: cancelled\n", ""),
                (".chant/specs/f.md", "status: pending\ndepends_on: [a, gone, old, broken, sub, x:y]\n", ""),
                (".chant/archive/2026-01-01/old.md", "status: completed\n", ""),
                (".chant/specs/broken.md", "status: done\n", ""),
                (".chant/specs/nested/sub.md", "status: completed\n", ""),
                (".chant/specs/g.md", "status: ready\n", ""),
                (".chant/specs/h.md", "approval:\n  required: true\n", ""),
                (".chant/specs/i.md", "status: failed\napproval:\n  required: true\n", ""),
                (".chant/specs/j.md", "approval:\n  required: true\n  status: approved\n", ""),
            ],
            expect![[r#"
                a: Ready
                b: NotWaiting(InProgress)
                broken: NotLoaded
                c: Ready
                d: NotWaiting(Completed)
                e: NotWaiting(Cancelled)
                f: blocked by [Dependency { id: "a", state: Status(Pending) }, Dependency { id: "gone", state: Missing }, Dependency { id: "old", state: Archived }, Dependency { id: "broken", state: Unloadable }, Dependency { id: "x:y", state: Missing }]
                g: NotWaiting(Ready)
                h: blocked by [Approval]
                i: Ready
                j: Ready
                old: NotWaiting(Completed)
                sub: NotWaiting(Completed)"#]],
        );
    }

    /// chant's own tests `test_is_blocked_circular_dependency_with_driver_members`,
    /// `test_is_blocked_external_driver_dependency` and `test_is_blocked_multiple_siblings`
    /// (src/spec/parse.rs): a member ignores its driver's dependencies on members, inherits the
    /// others, and then waits for its prior siblings (`is_ready`).
    #[test]
    fn members_inherit_driver_dependencies_but_not_member_ones() {
        check(
            &[
                (".chant/specs/x.md", "status: pending\n", ""),
                (".chant/specs/d.md", "type: group\ndepends_on: [x, d.1, d.2, d.3]\n", ""),
                (".chant/specs/d.1.md", "status: pending\n", ""),
                (".chant/specs/d.2.md", "status: pending\n", ""),
                (".chant/specs/d.3.md", "status: pending\ndepends_on: [d.1]\n", ""),
                (".chant/specs/e.md", "type: group\ndepends_on: [e.1]\n", ""),
                (".chant/specs/e.1.md", "status: pending\n", ""),
            ],
            expect![[r#"
                d.1: blocked by [DriverDependency { driver: "d", id: "x", state: Status(Pending) }]
                d.2: blocked by [DriverDependency { driver: "d", id: "x", state: Status(Pending) }, PriorSibling { id: "d.1", status: Pending }]
                d.3: blocked by [Dependency { id: "d.1", state: Status(Pending) }, DriverDependency { driver: "d", id: "x", state: Status(Pending) }]
                d: blocked by [Dependency { id: "x", state: Status(Pending) }, Dependency { id: "d.1", state: Status(Pending) }, Dependency { id: "d.2", state: Status(Pending) }, Dependency { id: "d.3", state: Status(Pending) }]
                e.1: Ready
                e: blocked by [Dependency { id: "e.1", state: Status(Pending) }]
                x: Ready"#]],
        );
    }

    /// chant's `test_all_prior_siblings_completed*` (src/spec_group.rs): completed and cancelled
    /// siblings let a member go, missing ones are skipped, an open one holds it; `.10` counts
    /// after `.2`, and `.02` is not sibling 2.
    #[test]
    fn prior_siblings() {
        check(
            &[
                (".chant/specs/m.md", "status: in_progress\n", ""),
                (".chant/specs/m.1.md", "status: completed\n", ""),
                (".chant/specs/m.2.md", "status: cancelled\n", ""),
                (".chant/specs/m.4.md", "status: pending\n", ""),
                (".chant/specs/m.02.md", "status: pending\n", ""),
                (".chant/specs/m.10.md", "status: pending\n", ""),
                (".chant/specs/m.11.md", "status: pending\n", ""),
            ],
            expect![[r#"
                m.02: Ready
                m.10: blocked by [PriorSibling { id: "m.4", status: Pending }]
                m.11: blocked by [PriorSibling { id: "m.4", status: Pending }, PriorSibling { id: "m.10", status: Pending }]
                m.1: NotWaiting(Completed)
                m.2: NotWaiting(Cancelled)
                m.4: Ready
                m: NotWaiting(InProgress)"#]],
        );
    }

    /// A spec with members waits for them only when it has a criteria box chant counts, and
    /// only `completed` clears a member (chant's `is_ready`).
    #[test]
    fn members_hold_a_spec_with_criteria() {
        let criteria = "## Acceptance Criteria\n\n- [ ] all members done\n";
        check(
            &[
                (".chant/specs/p.md", "status: pending\n", criteria),
                (".chant/specs/p.1.md", "status: completed\n", ""),
                (".chant/specs/p.2.md", "status: cancelled\n", ""),
                (".chant/specs/p.x.md", "status: in_progress\n", ""),
                (".chant/specs/q.md", "status: pending\n", "No criteria.\n"),
                (".chant/specs/q.1.md", "status: in_progress\n", ""),
                (".chant/specs/v1.x.2.md", "status: pending\n", ""),
            ],
            expect![[r#"
                p.1: NotWaiting(Completed)
                p.2: NotWaiting(Cancelled)
                p.x: NotWaiting(InProgress)
                p: blocked by [Member { id: "p.2", status: Cancelled }, Member { id: "p.x", status: InProgress }]
                q.1: NotWaiting(InProgress)
                q: Ready
                v1.x.2: Ready"#]],
        );
    }
}

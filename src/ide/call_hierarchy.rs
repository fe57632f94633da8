//! Call hierarchy over the spec graph: "outgoing calls" of a spec are what it needs (its
//! dependencies, and its members when it drives some), "incoming calls" are what needs it (the
//! specs that depend on it, and its driver). Editors then browse the graph with their own views.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::ide::cursor::{target_at, Target};
use crate::ide::hover::status_name;
use crate::ide::limits::more_not_shown;
use crate::ide::FilePosition;
use crate::spec::id::{driver_of, is_member_of};
use crate::spec::schema::{DEPENDS_ON, MEMBERS};
use crate::text::TextRange;
use crate::workspace::readiness::{readiness, Readiness};
use crate::workspace::Workspace;

/// Most calls one answer lists: a spec 10,000 others depend on must not produce an answer that
/// size. The list stays sorted by id, so what is cut is the tail.
pub const MAX_CALLS: usize = 500;

/// One spec as a hierarchy item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecItem {
    pub id: String,
    /// The title, or the id when the spec has none.
    pub name: String,
    /// The status, and for a spec chant could start `· ready` or `· blocked by N`
    /// (`pending · ready`, `failed · blocked by 2`, `completed`).
    pub detail: String,
    pub path: PathBuf,
    /// The whole file.
    pub range: TextRange,
    /// The title line, or the start of the file.
    pub selection: TextRange,
}

/// A linked spec and where the link is written in the spec the question is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub item: SpecItem,
    /// In the *caller*'s file: the ids written in `depends_on` / `members`, empty for a member
    /// known only by its `<driver>.N` name.
    pub from_ranges: Vec<TextRange>,
}

/// The item at the cursor: the spec an id there names, else the spec being edited.
pub fn prepare(ws: &Workspace, at: FilePosition) -> Option<SpecItem> {
    match target_at(ws, at.spec, at.offset) {
        Some(Target::SpecId { id, .. }) => item(ws, &id),
        _ => item(ws, &at.spec.id),
    }
}

pub fn item(ws: &Workspace, id: &str) -> Option<SpecItem> {
    let path = ws.lookup_path(id)?;
    let spec = ws.spec(path)?;
    let selection = spec.title.as_ref().map_or(TextRange::new(0, 0), |t| t.line);
    let status = status_name(spec);
    let detail = match readiness(ws, spec) {
        Readiness::Ready => format!("{status} · ready"),
        Readiness::Blocked(blockers) => format!("{status} · blocked by {}", blockers.len()),
        _ => status,
    };
    Some(SpecItem {
        id: id.to_string(),
        name: spec.title.as_ref().map_or_else(|| id.to_string(), |t| t.text.clone()),
        detail,
        path: path.to_path_buf(),
        range: TextRange::new(0, spec.line_index.len() as usize),
        selection,
    })
}

/// What `id` needs: its dependencies, then its members; ranges are in `id`'s own file.
pub fn outgoing(ws: &Workspace, id: &str) -> (Vec<Call>, Option<String>) {
    let Some(spec) = ws.lookup(id) else { return (Vec::new(), None) };
    let mut targets: BTreeMap<String, Vec<TextRange>> = BTreeMap::new();
    for field in [DEPENDS_ON, MEMBERS] {
        for (target, range) in spec.accepted_items(field) {
            targets.entry(target.to_string()).or_default().push(range);
        }
    }
    for member in ws.ids_with_prefix(&format!("{id}.")) {
        if is_member_of(member, id) && driver_of(member) == Some(id) {
            targets.entry(member.clone()).or_default();
        }
    }
    calls(ws, targets)
}

/// What needs `id`: the specs naming it in `depends_on` or `members`, and its driver; ranges
/// are in each caller's file.
pub fn incoming(ws: &Workspace, id: &str) -> (Vec<Call>, Option<String>) {
    let mut callers: BTreeMap<String, Vec<TextRange>> = BTreeMap::new();
    for path in ws.referrers(id) {
        let Some(caller) = ws.spec(path) else { continue };
        let ranges = callers.entry(caller.id.clone()).or_default();
        for field in [DEPENDS_ON, MEMBERS] {
            ranges.extend(caller.accepted_items(field).into_iter().filter(|(t, _)| *t == id).map(|(_, r)| r));
        }
    }
    if let Some(driver) = driver_of(id) {
        callers.entry(driver.to_string()).or_default();
    }
    calls(ws, callers)
}

fn calls(ws: &Workspace, linked: BTreeMap<String, Vec<TextRange>>) -> (Vec<Call>, Option<String>) {
    let total = linked.len();
    let out: Vec<Call> = linked
        .into_iter()
        .filter_map(|(id, from_ranges)| Some(Call { item: item(ws, &id)?, from_ranges }))
        .take(MAX_CALLS)
        .collect();
    let cut = (total > MAX_CALLS).then(|| more_not_shown(total - MAX_CALLS, "linked specs"));
    (out, cut)
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::{incoming, outgoing, prepare, Call, SpecItem};
    use crate::ide::test_fixture::{with_cursor, CursorFixture};

    const GRAPH: &str = r#"
        //- /.chant/specs/b.md
        ---
        depends_on: [a, c, gone]
        ---
        # Waits for a and c
        //- /.chant/specs/a.md
        ---
        status: completed
        ---
        # First
        //- /.chant/specs/c.md
        ---
        type: driver
        members: [c.1]
        ---
        # Driver
        //- /.chant/specs/c.1.md
        ---
        ---
        # One
        //- /.chant/specs/c.2.md
        ---
        ---
        # Two
        //- /.chant/specs/e.md
        ---
        depends_on:
          - c
        ---
        # Also needs c
    "#;

    fn show_item(fx: &CursorFixture, item: &SpecItem) -> String {
        format!("{} [{}] {} ({}) {}", item.id, item.name, item.detail, fx.rel(&item.path), item.selection.start)
    }

    fn show_calls(fx: &CursorFixture, calls: &[Call]) -> String {
        let spans = |c: &Call| c.from_ranges.iter().map(|r| format!("{}..{}", r.start, r.end)).collect::<Vec<_>>();
        calls.iter().map(|c| format!("{} at {:?}", show_item(fx, &c.item), spans(c))).collect::<Vec<_>>().join("\n")
    }

    fn check(fixture: &str, expect: Expect) {
        let fx = with_cursor(fixture);
        let item = prepare(&fx.ws, fx.position()).expect("an item");
        let (out, _) = outgoing(&fx.ws, &item.id);
        let (inc, _) = incoming(&fx.ws, &item.id);
        let text = format!(
            "item: {}\noutgoing:\n{}\nincoming:\n{}",
            show_item(&fx, &item),
            show_calls(&fx, &out),
            show_calls(&fx, &inc)
        );
        expect.assert_eq(&text);
    }

    #[test]
    fn on_an_id_the_item_is_the_spec_it_names() {
        check(
            &GRAPH.replacen("[a, c, gone]", "[a, c$0, gone]", 1),
            expect![[r#"
                item: c [Driver] pending · ready (.chant/specs/c.md) 36
                outgoing:
                c.1 [One] pending · ready (.chant/specs/c.1.md) 8 at ["27..30"]
                c.2 [Two] pending · blocked by 1 (.chant/specs/c.2.md) 8 at []
                incoming:
                b [Waits for a and c] pending · blocked by 2 (.chant/specs/b.md) 33 at ["20..21"]
                e [Also needs c] pending · blocked by 1 (.chant/specs/e.md) 26 at ["20..21"]"#]],
        );
    }

    #[test]
    fn elsewhere_the_item_is_the_spec_itself() {
        check(
            &GRAPH.replacen("# Waits", "# Wa$0its", 1),
            expect![[r#"
                item: b [Waits for a and c] pending · blocked by 2 (.chant/specs/b.md) 33
                outgoing:
                a [First] completed (.chant/specs/a.md) 26 at ["17..18"]
                c [Driver] pending · ready (.chant/specs/c.md) 36 at ["20..21"]
                incoming:
            "#]],
        );
    }

    #[test]
    fn a_member_is_called_by_its_driver() {
        check(
            &GRAPH.replacen("# Two", "# T$0wo", 1),
            expect![[r#"
                item: c.2 [Two] pending · blocked by 1 (.chant/specs/c.2.md) 8
                outgoing:

                incoming:
                c [Driver] pending · ready (.chant/specs/c.md) 36 at []"#]],
        );
    }
}

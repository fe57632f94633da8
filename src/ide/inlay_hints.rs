//! Inlay hints: the title and status of the spec behind each `depends_on` / `members` id, so a
//! list of bare ids reads as a list of tasks.

use super::hover::status_name;
use super::limits::{more_not_shown, INLAY_HINTS};
use super::FileRange;
use crate::spec::schema::{DEPENDS_ON, MEMBERS};
use crate::spec::SpecLocation;
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint sits: just after the id.
    pub offset: usize,
    pub label: String,
}

/// Hints for the ids whose text intersects the range.
pub fn inlay_hints(ws: &Workspace, within: FileRange) -> Vec<InlayHint> {
    let FileRange { spec, range, .. } = within;
    let mut hints: Vec<InlayHint> = [DEPENDS_ON, MEMBERS]
        .into_iter()
        .flat_map(|field| spec.string_items(field))
        .filter(|(_, at)| at.start <= range.end && range.start <= at.end)
        .filter_map(|(id, at)| Some(InlayHint { offset: at.end as usize, label: label(ws, id)? }))
        .collect();
    // Past the cap, one last hint after the last one shown says how many are left out.
    if hints.len() > INLAY_HINTS {
        let more = hints.len() - (INLAY_HINTS - 1);
        hints.truncate(INLAY_HINTS - 1);
        let offset = hints.last().map_or(0, |h| h.offset);
        hints.push(InlayHint { offset, label: more_not_shown(more, "hints") });
    }
    hints
}

/// `Title · status`, `· archived` when only the archive holds it; cross-repo ids get none.
fn label(ws: &Workspace, id: &str) -> Option<String> {
    if crate::spec::id::split_repo(id).is_some() && ws.lookup(id).is_none() {
        return None;
    }
    let Some(target) = ws.lookup(id) else { return Some("⚠ not found".to_string()) };
    let mut parts: Vec<String> = target.title.iter().map(|t| shorten(&t.text)).collect();
    parts.push(status_name(target));
    if target.location == SpecLocation::Archived {
        parts.push("archived".to_string());
    }
    Some(parts.join(" · "))
}

/// Hints sit inside the YAML; a long title would push everything after it off screen.
fn shorten(title: &str) -> String {
    const MAX_CHARS: usize = 60;
    match title.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", title[..cut].trim_end()),
        None => title.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;
    use crate::ide::test_fixture::{join_fixtures, with_cursor};
    use crate::ide::SpecFile;
    use crate::spec::Spec;
    use crate::text::TextRange;
    use std::path::Path;

    /// Renders each hint inline, in `⟨…⟩`, after its id.
    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let f = with_cursor(fixture);
        let spec = f.spec();
        let hints = inlay_hints(&f.ws, f.spec_file().range(TextRange::new(0, spec.text.len())));
        let mut text = spec.text.clone();
        for hint in hints.iter().rev() {
            text.insert_str(hint.offset, &format!("⟨{}⟩", hint.label));
        }
        expect.assert_eq(&text);
    }

    const TARGETS: &str = r#"
//- /.chant/specs/001-fix.md
---
status: completed
---
# Fix race condition
//- /.chant/specs/003-ünï.md
# Ünïcode 🚀
//- /.chant/archive/000-old/000-old.md
---
status: cancelled
---
# Old work
//- /.chant/specs/004-long.md
# A title that goes on and on and on, far longer than any hint should ever be
"#;

    #[test]
    fn block_flow_and_scalar_lists() {
        check(
            &join_fixtures(&[
                // The blank line at the end is the one `TARGETS` starts with.
                r#"
                    //- /.chant/specs/a.md
                    ---$0
                    depends_on:
                      - 001-fix
                      - gone
                    members: [000-old, 003-ünï, other:x, 004-long]
                    ---
                    # A

                "#,
                TARGETS,
            ]),
            expect![[r#"
                ---
                depends_on:
                  - 001-fix⟨Fix race condition · completed⟩
                  - gone⟨⚠ not found⟩
                members: [000-old⟨Old work · cancelled · archived⟩, 003-ünï⟨Ünïcode 🚀 · pending⟩, other:x, 004-long⟨A title that goes on and on and on, far longer than any hint… · pending⟩]
                ---
                # A

            "#]],
        );
        check(
            &join_fixtures(&[
                // The blank line at the end is the one `TARGETS` starts with.
                r#"
                    //- /.chant/specs/a.md
                    ---$0
                    depends_on: 001-fix
                    ---
                    # A

                "#,
                TARGETS,
            ]),
            expect![[r#"
                ---
                depends_on: 001-fix⟨Fix race condition · completed⟩
                ---
                # A

            "#]],
        );
    }

    #[test]
    fn only_within_the_range() {
        let f = with_cursor(&join_fixtures(&[
            // The blank line at the end is the one `TARGETS` starts with.
            r#"
                //- /.chant/specs/a.md
                ---$0
                depends_on: [001-fix, gone]
                ---
                # A

            "#,
            TARGETS,
        ]));
        let spec = f.spec();
        let second = spec.text.find("gone").expect("id");
        let hints = inlay_hints(&f.ws, f.spec_file().range(TextRange::new(second, second + 2)));
        assert_eq!(hints, vec![InlayHint { offset: second + 4, label: "⚠ not found".to_string() }]);
        assert_eq!(inlay_hints(&f.ws, f.spec_file().range(TextRange::new(900, 1000))), vec![]);
    }

    #[test]
    fn at_most_1000_hints() {
        let ids: String = (0..1_100).map(|i| format!("  - x{i}\n")).collect();
        let text = format!("---\ndepends_on:\n{ids}---\n# T\n");
        let spec = Spec::parse("t".into(), SpecLocation::Active, text.clone());
        let ws = Workspace::new(std::path::PathBuf::from("/w"));
        let hints = inlay_hints(
            &ws,
            SpecFile::new(Path::new("/w/.chant/specs/t.md"), &spec).range(TextRange::new(0, text.len())),
        );
        let last = hints.last().expect("hints");
        expect!["1000 hints, last: 101 more hints not shown after line 1001"].assert_eq(&format!(
            "{} hints, last: {} after line {}",
            hints.len(),
            last.label,
            text[..last.offset].lines().count()
        ));
    }
}

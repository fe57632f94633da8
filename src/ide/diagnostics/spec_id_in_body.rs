//! `spec-id-in-body`: chant lint `coupling`: a date-based spec id written in the body (outside
//! blocks fenced by lines starting with ```` ``` ````) instead of in `depends_on`. Drivers and groups are exempt; members are
//! only warned about their siblings.

use super::fix::{append_items, column, dash_prefix, eol, full_line, Edit, Fix};
use super::Diagnostic;
use super::{Acc, Code, Ctx, Hint};
use crate::spec::criteria::fence_line_starts;
use crate::spec::id::{driver_of, starts_id_tail, DATE_ID_IN_TEXT};
use crate::spec::schema::DEPENDS_ON;
use crate::spec::Spec;
use crate::syntax::typed::{SpecStatus, SpecType};
use crate::syntax::yaml::NodeKind;
use crate::text::TextRange;
use crate::workspace::{Resolution, Workspace};

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let spec = ctx.spec;
    if matches!(spec.spec_type(), Some(SpecType::Driver | SpecType::Group)) {
        return;
    }
    let own = spec.id.as_str();
    let own_driver = driver_of(own);
    let listed: Vec<&str> = spec.string_items(DEPENDS_ON).into_iter().map(|(id, _)| id).collect();
    // chant's coupling rule drops the lines that `body_lines` marks as fenced: every line that
    // starts with ``` flips a block, so inline backticks never hide anything.
    for (start, found) in unfenced_date_ids(spec) {
        if own.starts_with(found) || found.starts_with(own) {
            continue;
        }
        let (message, hint) = match own_driver {
                Some(driver) if driver_of(found) == Some(driver) => {
                    (format!("spec references sibling spec `{found}` in its body: member specs should be independent (chant lint `coupling`)"), Hint::None)
                }
                Some(_) => continue,
                // chant's coupling rule reads the body alone: listing the id in `depends_on`
                // does not silence it, so say so rather than offer that as the fix again.
                None if listed.contains(&found) => (format!("spec id `{found}` in the body: it is in `depends_on` already, but chant lint `coupling` warns about any spec id in the prose; leave it out of the text or name it inside a ``` block"), Hint::None),
                None => (format!("spec id `{found}` in the body: use `depends_on` for dependencies instead of naming spec ids in prose (chant lint `coupling`, which keeps warning until the id leaves the text)"), Hint::AddDependency),
            };
        acc.push(Code::SpecIdInBody, TextRange::new(start, start + found.len()), message).hint = hint;
    }
}

/// Every date id in the body outside chant's fenced lines, with its file offset. A match's line
/// is fenced when it is a fence line itself or an odd number of fence lines come before it; the
/// fence lines are found by a substring search, and only for bodies that hold an id.
fn unfenced_date_ids(spec: &Spec) -> Vec<(usize, &str)> {
    let base = spec.body_start;
    let found = date_ids(spec.body());
    if found.is_empty() {
        return Vec::new();
    }
    let mut fences = fence_line_starts(&spec.text, base).peekable();
    let (mut fences_up_to_line, mut last_fence) = (0usize, None);
    let mut out = Vec::new();
    for (line_start, at, id) in found {
        let line_start = base + line_start;
        while let Some(fence) = fences.next_if(|&fence| fence <= line_start) {
            fences_up_to_line += 1;
            last_fence = Some(fence);
        }
        if last_fence != Some(line_start) && fences_up_to_line % 2 == 0 {
            out.push((base + at, id));
        }
    }
    out
}

/// chant's coupling matches, in order, each with the start of its line and its own offset in
/// `body`. Each line is scanned once whatever it holds: a 4 MB line of ids must not be scanned
/// back to its start once per id. chant searches line by line;
/// the regex set-up per line and the search of every byte cost a tenth of a whole check. Only a
/// line holding the ASCII tail every match ends with (`-` + three of `[0-9a-z]` + `-` + three
/// more) can hold a match, so a `memchr` pass over the hyphens picks those lines and the regex
/// reads them alone, with the same line edges (and so the same `\b` answers) as chant's.
fn date_ids(body: &str) -> Vec<(usize, usize, &str)> {
    let bytes = body.as_bytes();
    let mut out = Vec::new();
    let mut searched_to = 0;
    for hyphen in memchr::memchr_iter(b'-', bytes) {
        if hyphen < searched_to || !starts_id_tail(&bytes[hyphen..]) {
            continue;
        }
        let line_start = memchr::memrchr(b'\n', &bytes[..hyphen]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', &bytes[hyphen..]).map_or(bytes.len(), |i| hyphen + i);
        let line = &body[line_start..line_end];
        out.extend(DATE_ID_IN_TEXT.find_iter(line).map(|m| (line_start, line_start + m.start(), m.as_str())));
        searched_to = line_end;
    }
    out
}

/// The quick fixes of one of this rule's findings (`index`: its place in the list the editor
/// sent back), registered in `FIXES`.
pub(super) fn fixes(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    add_dependency(ws, spec, d, index)
}

/// The indentation of block list items relative to their key in this file (`""` or `"  "`).
fn list_indent(spec: &Spec) -> String {
    let text = spec.text.as_str();
    let root = spec.yaml.as_ref();
    root.into_iter()
        .flat_map(|r| r.entries())
        .find_map(|e| match &e.value.kind {
            NodeKind::Seq { flow: false, items } => {
                let prefix = dash_prefix(text, items.first()?.range.start as usize)?;
                Some(" ".repeat(prefix.len().saturating_sub(column(text, e.key.range.start as usize))))
            }
            _ => None,
        })
        .unwrap_or_default()
}

fn add_dependency(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    if d.hint != Hint::AddDependency {
        return Vec::new();
    }
    let id = &spec.text[d.range.as_usize()];
    // Naming an id chant lint does not know (no spec, an archived or nested one, one chant cannot
    // load) would add its `Unknown dependency` error: only a loadable active spec qualifies.
    let known = matches!(ws.resolve(id), Resolution::Active(_));
    if !known || spec.string_items(DEPENDS_ON).iter().any(|(e, _)| *e == id) {
        return Vec::new();
    }
    let (Some(fm), text) = (&spec.split, spec.text.as_str()) else { return Vec::new() };
    let nl = eol(text);
    // chant's scheduler waits for a dependency until it is completed: a consequence chant
    // reports (`chant list` shows the spec blocked, `chant work` refuses it), so the title says so.
    let done = ws
        .lookup(id)
        .and_then(|s| s.status())
        .is_some_and(|s| matches!(s, SpecStatus::Completed | SpecStatus::Cancelled));
    let blocks = if done { String::new() } else { format!("; chant blocks this spec until `{id}` is completed") };
    let title = format!("Add `{id}` to `depends_on` (chant lint still warns while the id is in the text{blocks})");
    let present =
        spec.yaml.as_ref().and_then(|root| root.entries().iter().find(|e| e.key.as_scalar() == Some(DEPENDS_ON)));
    let edits = match present {
        None => {
            let new_text = format!("depends_on:{nl}{}- {id}{nl}", list_indent(spec));
            vec![Edit { range: TextRange::empty(fm.yaml.end as usize), new_text }]
        }
        Some(entry) if entry.value.is_null() => {
            let line = full_line(text, entry.key.range.start as usize);
            let content_end = line.start as usize + text[line.as_usize()].trim_end_matches(['\n', '\r']).len();
            let indent = " ".repeat(column(text, entry.key.range.start as usize)) + &list_indent(spec);
            let new_text = format!(":{nl}{indent}- {id}");
            vec![Edit { range: TextRange::new(entry.key.range.end as usize, content_end), new_text }]
        }
        Some(entry) => match &entry.value.kind {
            NodeKind::Seq { .. } => match append_items(text, &entry.value, &[id]) {
                Some(edits) => edits,
                None => return Vec::new(),
            },
            NodeKind::Scalar { .. } => {
                let old = &text[entry.value.range.as_usize()];
                vec![Edit { range: entry.value.range, new_text: format!("[{old}, {id}]") }]
            }
            _ => return Vec::new(),
        },
    };
    // chant's scheduler now waits for that spec: right when the text depends on it, but the
    // author's call.
    vec![Fix { changes_meaning: true, ..Fix::edit(title, index, edits) }]
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn ids_in_prose() {
        check(
            Code::SpecIdInBody,
            r#"
                //- /.chant/specs/2026-01-22-001-x7m.md
                ---
                ---
                # T
                See 2026-01-20-00a-abc and 2026-01-22-001-x7m.1.
                ```
                2026-01-20-00b-abc
                ```
            "#,
            expect![[r#"
                ---
                ---
                # T
                See 2026-01-20-00a-abc and 2026-01-22-001-x7m.1.
                    ^^^^^^^^^^^^^^^^^^ warning[spec-id-in-body]: spec id `2026-01-20-00a-abc` in the body: use `depends_on` for dependencies instead of naming spec ids in prose (chant lint `coupling`, which keeps warning until the id leaves the text)
                ```
                2026-01-20-00b-abc
                ```
            "#]],
        );
    }

    /// Listing the id in `depends_on` does not silence chant's rule: the message says so.
    #[test]
    fn an_id_already_listed_says_the_text_is_what_warns() {
        check(
            Code::SpecIdInBody,
            r#"
                //- /.chant/specs/2026-01-22-001-x7m.md
                ---
                depends_on: [2026-01-20-00a-abc]
                ---
                # T
                See 2026-01-20-00a-abc.
            "#,
            expect![[r#"
                ---
                depends_on: [2026-01-20-00a-abc]
                ---
                # T
                See 2026-01-20-00a-abc.
                    ^^^^^^^^^^^^^^^^^^ warning[spec-id-in-body]: spec id `2026-01-20-00a-abc` in the body: it is in `depends_on` already, but chant lint `coupling` warns about any spec id in the prose; leave it out of the text or name it inside a ``` block
            "#]],
        );
    }
}

/// The one-pass search finds exactly what chant's line-by-line search finds, whatever the line
/// ends (`\r\n`, lone `\r`), fences and word characters around the ids.
#[cfg(test)]
mod one_pass {
    use super::unfenced_date_ids;
    use crate::spec::id::DATE_ID_IN_TEXT;
    use crate::spec::{Spec, SpecLocation};
    use proptest::prelude::*;

    fn line_by_line(spec: &Spec) -> Vec<(usize, &str)> {
        let lines = spec.body_lines().filter(|line| !line.in_fence);
        lines
            .flat_map(|line| {
                let start = line.range.start as usize;
                let found = DATE_ID_IN_TEXT.find_iter(&spec.text[line.range.as_usize()]);
                found.map(move |m| (start + m.start(), m.as_str()))
            })
            .collect()
    }

    /// Ids (one with Arabic-Indic digits, which `\d` matches), id tails, fences and line ends.
    const PIECES: &[&str] = &[
        "2026-01-20-00a-abc",
        "2026-01-20-00b-abc.12",
        "\u{662}\u{660}\u{662}\u{666}-01-20-00a-abc",
        "-00a-abc",
        "7",
        "---\n",
        "\n",
        "\r",
        "\r\n",
        "```",
        " ",
        "x",
        "_",
        ".",
        "é",
        "-",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn finds_what_the_line_search_finds(picks in proptest::collection::vec(0..PIECES.len(), 0..40)) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let spec = Spec::parse("2026-01-01-001-own".into(), SpecLocation::Active, text);
            prop_assert_eq!(unfenced_date_ids(&spec), line_by_line(&spec));
        }
    }

    #[test]
    fn ids_at_line_edges_and_in_fences() {
        let text = "---\n---\n2026-01-20-00a-abc\r\nx2026-01-20-00a-abc\r2026-01-20-00b-abc.3\n```\n2026-01-20-00c-abc\n```\n  2026-01-20-00d-abc";
        let spec = Spec::parse("2026-01-01-001-own".into(), SpecLocation::Active, text.into());
        let found: Vec<&str> = unfenced_date_ids(&spec).into_iter().map(|(_, id)| id).collect();
        assert_eq!(found, ["2026-01-20-00a-abc", "2026-01-20-00b-abc.3", "2026-01-20-00d-abc"]);
        assert_eq!(unfenced_date_ids(&spec), line_by_line(&spec));
    }
}

/// The rule's quick fixes applied to fixtures: the exact text each produces, and the findings
/// after re-reading the workspace (the repaired one gone, nothing new).
#[cfg(test)]
mod fix_tests {
    use crate::ide::test_fixture::fixes::*;

    /// chant's `coupling` lint flags ids in prose whatever `depends_on` says, so the warning stays
    /// after the fix; what the fix guarantees is that the dependency is recorded and nothing new
    /// appears.
    #[track_caller]
    fn check_add_dependency(fixture: &str, expect: Expect) {
        let title = "Add `2026-01-20-00a-abc` to `depends_on` (chant lint still warns while the id is in the text; chant blocks this spec until `2026-01-20-00a-abc` is completed)";
        let (out, before, after) = run_fix(fixture, Code::SpecIdInBody, title);
        expect.assert_eq(&out);
        // chant's verdict: the warning remains (its message now says the id is listed already), and
        // nothing else changes.
        assert_eq!(before, after);
    }

    #[test]
    fn spec_id_in_body_adds_the_dependency() {
        let other = r#"
            //- /.chant/specs/2026-01-20-00a-abc.md
            ---
            ---
            # Other
        "#;
        check_add_dependency(
            &join_fixtures(&[
                r#"
                    //- /.chant/specs/2026-01-22-001-x7m.md
                    ---
                    labels:
                      - x
                    ---
                    # T
                    See $02026-01-20-00a-abc.
                "#,
                other,
            ]),
            expect![[r#"
                offered: ["Add `2026-01-20-00a-abc` to `depends_on` (chant lint still warns while the id is in the text; chant blocks this spec until `2026-01-20-00a-abc` is completed)"]
                ---
                labels:
                  - x
                depends_on:
                  - 2026-01-20-00a-abc
                ---
                # T
                See 2026-01-20-00a-abc.
            "#]],
        );
        check_add_dependency(
            &join_fixtures(&[
                r#"
                    //- /.chant/specs/2026-01-22-001-x7m.md
                    ---
                    depends_on:
                    - 2026-01-20-00b-abc
                    ---
                    # T
                    See $02026-01-20-00a-abc.
                "#,
                other,
                r#"
                    //- /.chant/specs/2026-01-20-00b-abc.md
                    ---
                    ---
                    # B
                "#,
            ]),
            expect![[r#"
                offered: ["Add `2026-01-20-00a-abc` to `depends_on` (chant lint still warns while the id is in the text; chant blocks this spec until `2026-01-20-00a-abc` is completed)"]
                ---
                depends_on:
                - 2026-01-20-00b-abc
                - 2026-01-20-00a-abc
                ---
                # T
                See 2026-01-20-00a-abc.
            "#]],
        );
    }

    #[test]
    fn spec_id_in_body_flow_and_empty_forms() {
        let other = r#"
            //- /.chant/specs/2026-01-20-00a-abc.md
            ---
            ---
            # Other
        "#;
        check_add_dependency(
            &join_fixtures(&[
                r#"
                    //- /.chant/specs/2026-01-22-001-x7m.md
                    ---
                    depends_on: []
                    ---
                    # T
                    See $02026-01-20-00a-abc.
                "#,
                other,
            ]),
            expect![[r#"
                offered: ["Add `2026-01-20-00a-abc` to `depends_on` (chant lint still warns while the id is in the text; chant blocks this spec until `2026-01-20-00a-abc` is completed)"]
                ---
                depends_on: [2026-01-20-00a-abc]
                ---
                # T
                See 2026-01-20-00a-abc.
            "#]],
        );
        check_add_dependency(
            &join_fixtures(&[
                r#"
                    //- /.chant/specs/2026-01-22-001-x7m.md
                    ---
                    depends_on:
                    labels:
                        - x
                    ---
                    # T
                    See $02026-01-20-00a-abc.
                "#,
                other,
            ]),
            expect![[r#"
                offered: ["Add `2026-01-20-00a-abc` to `depends_on` (chant lint still warns while the id is in the text; chant blocks this spec until `2026-01-20-00a-abc` is completed)"]
                ---
                depends_on:
                    - 2026-01-20-00a-abc
                labels:
                    - x
                ---
                # T
                See 2026-01-20-00a-abc.
            "#]],
        );
    }
}

//! `invisible-criteria`: task boxes under an acceptance-criteria heading chant does not count
//! (`### Acceptance Criteria`, `## Acceptance criteria`, or an earlier `## Acceptance Criteria`
//! when a later one wins), so chant's gates see none of them.

use super::fix::{full_line, Edit, Fix};
use super::Diagnostic;
use super::{Acc, Code, Ctx, Hint};
use crate::spec::criteria::marker_rename;
use crate::spec::criteria::MARKER;
use crate::spec::Spec;
use crate::text::TextRange;
use crate::workspace::Workspace;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let spec = ctx.spec;
    let seen = spec.criteria.items.len();
    for found in spec.hidden_criteria() {
        let (why, fix) = if found.title {
            // The title is the spec's name: renaming it would leave chant without a title.
            (
                format!("chant only counts boxes under a `{MARKER}` heading, and this line is the spec's title"),
                format!("put them under a `{MARKER}` heading"),
            )
        } else if found.shadowed {
            (
                "only the last `## Acceptance Criteria` section counts".to_string(),
                "merge this section into the last one".to_string(),
            )
        } else {
            (
                format!("chant only counts boxes under a heading that starts with exactly `{MARKER}`"),
                format!("rename the heading to `{MARKER}`"),
            )
        };
        let hidden = found.hidden;
        acc.push(
            Code::InvisibleCriteria,
            found.heading,
            format!("{hidden} checkbox(es) here are invisible to chant: {why}, so chant sees {seen} criteria; {fix}"),
        )
        .hint = if found.shadowed || found.title { Hint::None } else { Hint::RenameHeading };
    }
}

/// The quick fixes of one of this rule's findings (`index`: its place in the list the editor
/// sent back), registered in `FIXES`.
pub(super) fn fixes(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    rename_heading(ws, spec, d, index)
}

fn rename_heading(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    // A shadowed `## Acceptance Criteria` has the right name already: it needs merging, which
    // is the user's call.
    if d.hint != Hint::RenameHeading {
        return Vec::new();
    }
    // Only the last marker counts: next to a counted section with boxes, a renamed heading
    // would hide one of the two lists. An empty counted section above it is harmless.
    let counted_above = spec.criteria.section.is_none_or(|s| s.end <= d.range.start);
    if !spec.criteria.items.is_empty() || !counted_above {
        return Vec::new();
    }
    let line = full_line(&spec.text, d.range.start as usize);
    // The line chant takes as the title is never renamed: chant would report `Missing title`.
    if spec.title.as_ref().is_some_and(|t| line.start <= t.line.start && t.line.start < line.end.max(line.start + 1)) {
        return Vec::new();
    }
    let content = spec.text[line.as_usize()].trim_end_matches(['\n', '\r']);
    let content = TextRange::new(line.start as usize, line.start as usize + content.len());
    let Some(edit) = marker_rename(&spec.text, content) else { return Vec::new() };
    let title = format!("Rename the heading to `{MARKER}`{}", consequence(ws, spec, &edit));
    vec![Fix::edit(title, index, vec![edit])]
}

/// What chant reports once the renamed heading's boxes count, for the fix's title: crossing the
/// `complexity` threshold is a new `chant lint` warning the user should not learn of later.
fn consequence(ws: &Workspace, spec: &Spec, edit: &Edit) -> String {
    let mut text = spec.text.clone();
    text.replace_range(edit.range.as_usize(), &edit.new_text);
    let after = Spec::parse(spec.id.clone(), spec.location, text);
    let n = after.criteria.items.len() as u64;
    let limit = ws.config.thresholds.complexity_criteria;
    if n > limit {
        format!(" (chant then counts {n} criteria, more than {limit}: `chant lint` warns `complexity`)")
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn headings_chant_ignores() {
        check(
            Code::InvisibleCriteria,
            r#"
                ---
                ---
                # T
                ### Acceptance Criteria
                - [ ] a
                ## Acceptance criteria
                - [ ] b
                ## Notes
                - [ ] not criteria
            "#,
            expect![[r#"
                ---
                ---
                # T
                ### Acceptance Criteria
                ^^^^^^^^^^^^^^^^^^^^^^^ warning[invisible-criteria]: 1 checkbox(es) here are invisible to chant: chant only counts boxes under a heading that starts with exactly `## Acceptance Criteria`, so chant sees 0 criteria; rename the heading to `## Acceptance Criteria`
                - [ ] a
                ## Acceptance criteria
                ^^^^^^^^^^^^^^^^^^^^^^ warning[invisible-criteria]: 1 checkbox(es) here are invisible to chant: chant only counts boxes under a heading that starts with exactly `## Acceptance Criteria`, so chant sees 0 criteria; rename the heading to `## Acceptance Criteria`
                - [ ] b
                ## Notes
                - [ ] not criteria
            "#]],
        );
        check(
            Code::InvisibleCriteria,
            r#"
                ---
                ---
                # T
                ## Acceptance Criteria
                - [ ] a
                ## Notes
                ## Acceptance Criteria
                - [ ] b
            "#,
            expect![[r#"
            ---
            ---
            # T
            ## Acceptance Criteria
            ^^^^^^^^^^^^^^^^^^^^^^ warning[invisible-criteria]: 1 checkbox(es) here are invisible to chant: only the last `## Acceptance Criteria` section counts, so chant sees 1 criteria; merge this section into the last one
            - [ ] a
            ## Notes
            ## Acceptance Criteria
            - [ ] b
        "#]],
        );
        check(
            Code::InvisibleCriteria,
            r#"
                ---
                ---
                # Check the acceptance criteria
                - [ ] a
            "#,
            expect![[r#"
                ---
                ---
                # Check the acceptance criteria
                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[invisible-criteria]: 1 checkbox(es) here are invisible to chant: chant only counts boxes under a `## Acceptance Criteria` heading, and this line is the spec's title, so chant sees 0 criteria; put them under a `## Acceptance Criteria` heading
                - [ ] a
            "#]],
        );
        check(
            Code::InvisibleCriteria,
            r#"
                ---
                ---
                # T
                ## Acceptance Criteria
                - [ ] a
                ### Acceptance Criteria
                - [ ] b
            "#,
            expect![[r#"
            ---
            ---
            # T
            ## Acceptance Criteria
            - [ ] a
            ### Acceptance Criteria
            - [ ] b
        "#]],
        );
    }
}

/// The rule's quick fixes applied to fixtures: the exact text each produces, and the findings
/// after re-reading the workspace (the repaired one gone, nothing new).
#[cfg(test)]
mod fix_tests {
    use crate::ide::test_fixture::fixes::*;

    #[test]
    fn invisible_criteria_heading() {
        check_fix(
            r#"
                ---
                ---
                # T
                $0### Acceptance criteria (v2)
                - [x] a
            "#,
            Code::InvisibleCriteria,
            "Rename the heading to `## Acceptance Criteria`",
            expect![[r#"
                offered: ["Rename the heading to `## Acceptance Criteria`"]
                ---
                ---
                # T
                ## Acceptance Criteria (v2)
                - [x] a
            "#]],
        );
    }

    /// With boxes already counted elsewhere, either rename would hide one of the two lists.
    #[test]
    fn invisible_criteria_next_to_a_counted_section_is_left_to_the_user() {
        let fx = with_cursor(
            r#"
                ---
                ---
                # T
                ## Acceptance Criteria
                - [x] a
                ## Notes
                $0### Acceptance Criteria
                - [ ] b
            "#,
        );
        let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
        let index = diagnostics.iter().position(|d| d.code == Code::InvisibleCriteria).expect("flagged");
        assert_eq!(fixes_for(&fx.ws, fx.spec(), &diagnostics, index), Vec::new());
    }

    /// A level-1 title that mentions acceptance criteria is chant's title: its boxes are flagged,
    /// but renaming it would leave chant without a title (`Missing title`), so there is no fix. A
    /// later level-1 heading is not the title and may be renamed.
    #[test]
    fn invisible_criteria_never_renames_the_title() {
        let fx = with_cursor(
            r#"
                ---
                ---
                $0# Check the acceptance criteria
                - [ ] a
            "#,
        );
        let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
        let index = diagnostics.iter().position(|d| d.code == Code::InvisibleCriteria).expect("flagged");
        assert_eq!(fixes_for(&fx.ws, fx.spec(), &diagnostics, index), Vec::new());
        check_fix(
            r#"
                ---
                ---
                # Check the acceptance criteria
                $0# Acceptance criteria
                - [x] a
            "#,
            Code::InvisibleCriteria,
            "Rename the heading to `## Acceptance Criteria`",
            expect![[r#"
                offered: ["Rename the heading to `## Acceptance Criteria`"]
                ---
                ---
                # Check the acceptance criteria
                ## Acceptance Criteria
                - [x] a
            "#]],
        );
    }

    /// Revealing 22 boxes crosses chant's `complexity` threshold (10): the fix's title says so.
    #[test]
    fn invisible_criteria_title_names_the_complexity_warning() {
        let title = "Rename the heading to `## Acceptance Criteria` (chant then counts 22 criteria, more than 10: `chant lint` warns `complexity`)";
        let (out, _, after) = run_fix(
            r#"
                ---
                ---
                # T
                $0### Acceptance Criteria
                - [ ] box 1
                - [ ] box 2
                - [ ] box 3
                - [ ] box 4
                - [ ] box 5
                - [ ] box 6
                - [ ] box 7
                - [ ] box 8
                - [ ] box 9
                - [ ] box 10
                - [ ] box 11
                - [ ] box 12
                - [ ] box 13
                - [ ] box 14
                - [ ] box 15
                - [ ] box 16
                - [ ] box 17
                - [ ] box 18
                - [ ] box 19
                - [ ] box 20
                - [ ] box 21
                - [ ] box 22
            "#,
            Code::InvisibleCriteria,
            title,
        );
        assert!(out.contains("\n## Acceptance Criteria\n"), "{out}");
        assert!(after.contains(&Code::Complexity));
    }
}

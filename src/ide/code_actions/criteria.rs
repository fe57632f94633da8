//! Feature: "Mark done" / "Mark not done" on a counted acceptance criterion, and "Mark all
//! criteria done" on the counted heading. The edits touch only the character inside the boxes
//! chant counts (`[ ]` ↔ `[x]`), so fenced or shadowed boxes never change.
//!
//! When chant cannot load the spec, toggling boxes changes nothing chant sees: the actions are
//! still returned, disabled, with the reason, so the user learns what to fix first.

use super::{Edit, Fix};
use crate::ide::diagnostics::fix::full_line;
use crate::ide::limits::{more_not_shown, CODE_ACTIONS, EDITS_PER_ACTION};
use crate::spec::criteria::{Criterion, MARKER};
use crate::spec::Spec;
use crate::text::TextRange;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CriteriaAction {
    Enabled(Fix),
    Disabled { title: String, reason: String },
}

/// Why chant would not see a toggle, when the spec itself is broken.
fn blocked(spec: &Spec) -> Option<String> {
    let line = |offset: usize| spec.line_index().line_of(offset as u32) + 1;
    if let Some(err) = &spec.yaml_error {
        return Some(format!(
            "The frontmatter has a YAML syntax error (line {}): chant cannot load this spec; fix the frontmatter first",
            line(err.offset)
        ));
    }
    if spec.split.as_ref().is_some_and(|fm| fm.close.is_none()) {
        return Some("The frontmatter is never closed with `---`: close it first".to_string());
    }
    match &spec.verdict {
        Err(err) => Some(format!("chant cannot load this spec ({}): fix the frontmatter first", err.message)),
        Ok(_) => None,
    }
}

fn toggle(c: &Criterion) -> Edit {
    let inside = c.range.start as usize + 1;
    Edit { range: TextRange::new(inside, inside + 1), new_text: if c.checked { " " } else { "x" }.to_string() }
}

fn fix(title: String, edits: Vec<Edit>) -> Fix {
    Fix {
        title,
        edits,
        creates: Vec::new(),
        diagnostics: Vec::new(),
        deletes: false,
        changes_meaning: false,
        preferred: false,
    }
}

/// The criteria actions for the lines `range` touches.
pub fn criteria_actions(spec: &Spec, range: TextRange) -> Vec<CriteriaAction> {
    let text = spec.text.as_str();
    let first = full_line(text, (range.start as usize).min(text.len()));
    // A selection that ends at the start of a line does not reach into that line.
    let end = (range.end as usize).min(text.len());
    let end = if end > range.start as usize && text.as_bytes()[..end].ends_with(b"\n") { end - 1 } else { end };
    let last = full_line(text, end);
    let touched = |r: TextRange| r.start >= first.start && r.start < last.end.max(first.start + 1);
    let mut out: Vec<(String, Vec<Edit>)> = Vec::new();
    let on_line: Vec<&Criterion> = spec.criteria.items.iter().filter(|c| touched(c.range)).collect();
    // One toggle per box selected, up to a cap: a selection of the whole of a huge spec would
    // otherwise answer with one action per box.
    for c in on_line.iter().take(CODE_ACTIONS) {
        let verb = if c.checked { "Mark not done" } else { "Mark done" };
        let title = if on_line.len() == 1 { verb.to_string() } else { format!("{verb}: {}", &text[c.text.as_usize()]) };
        out.push((title, vec![toggle(c)]));
    }
    let more_boxes = on_line.len().saturating_sub(CODE_ACTIONS);
    if spec.criteria.heading.is_some_and(touched) {
        let edits: Vec<Edit> = spec.criteria.unchecked().take(EDITS_PER_ACTION).map(toggle).collect();
        let open = spec.criteria.unchecked().count();
        // The edit list is bounded: past the cap the action ticks the first boxes and says so;
        // running it again ticks the next ones.
        let title = if open > EDITS_PER_ACTION {
            format!("Mark the first {EDITS_PER_ACTION} of {open} open criteria done")
        } else {
            "Mark all criteria done".to_string()
        };
        out.push((title, edits));
    }
    // A box chant does not count gets no toggle; say so rather than offering nothing.
    if out.is_empty() {
        let start = (first.start as usize).max(spec.body_start);
        let lines = &text[start.min(last.end as usize)..last.end as usize];
        let uncounted = ["- [ ]", "- [x]", "- [X]"].iter().any(|p| lines.contains(p));
        if uncounted {
            return vec![CriteriaAction::Disabled {
                title: "Mark done".to_string(),
                reason: format!(
                    "chant does not count this box: only boxes outside ``` fences in the last `{MARKER}` section count"
                ),
            }];
        }
    }
    let reason = blocked(spec);
    let mut actions: Vec<CriteriaAction> = out
        .into_iter()
        .map(|(title, edits)| match (&reason, edits.is_empty()) {
            (Some(reason), _) => CriteriaAction::Disabled { title, reason: reason.clone() },
            (None, true) => CriteriaAction::Disabled { title, reason: "Every criterion is already done".to_string() },
            (None, false) => CriteriaAction::Enabled(fix(title, edits)),
        })
        .collect();
    if more_boxes > 0 {
        actions.push(CriteriaAction::Disabled {
            title: more_not_shown(more_boxes, "criteria toggles"),
            reason: format!("At most {CODE_ACTIONS} criteria are offered at once: select fewer lines"),
        });
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_fixture::fixes::*;

    const CRITERIA: &str = r#"
        ---
        status: pending
        ---
        # T
        ## Acceptance Criteria
        - [ ] one
          - [x] nested
        ```
        - [ ] fenced
        ```
        - [ ] two - [X] three
        ## Notes
        - [ ] not counted
    "#;

    fn criteria_at(text: &str, needle: &str) -> Vec<CriteriaAction> {
        let spec = Spec::parse("t".into(), crate::spec::SpecLocation::Active, text.to_string());
        let at = text.find(needle).expect("needle");
        criteria_actions(&spec, TextRange::new(at, at + needle.len()))
    }

    #[track_caller]
    fn check_criteria(text: &str, needle: &str, expect: Expect) {
        let text = &trim_indent(text);
        let mut out = String::new();
        for action in criteria_at(text, needle) {
            match action {
                CriteriaAction::Enabled(fix) => {
                    out.push_str(&format!("== {}\n{}", fix.title, apply_edits(text, &fix.edits)));
                }
                CriteriaAction::Disabled { title, reason } => {
                    out.push_str(&format!("== {title} (disabled: {reason})\n"))
                }
            }
        }
        expect.assert_eq(&out);
    }

    #[test]
    fn mark_done_and_not_done_touch_only_counted_boxes() {
        check_criteria(
            CRITERIA,
            "one",
            expect![[r#"
                == Mark done
                ---
                status: pending
                ---
                # T
                ## Acceptance Criteria
                - [x] one
                  - [x] nested
                ```
                - [ ] fenced
                ```
                - [ ] two - [X] three
                ## Notes
                - [ ] not counted
            "#]],
        );
        check_criteria(
            CRITERIA,
            "nested",
            expect![[r#"
                == Mark not done
                ---
                status: pending
                ---
                # T
                ## Acceptance Criteria
                - [ ] one
                  - [ ] nested
                ```
                - [ ] fenced
                ```
                - [ ] two - [X] three
                ## Notes
                - [ ] not counted
            "#]],
        );
        check_criteria(
            CRITERIA,
            "fenced",
            expect![[r#"
            == Mark done (disabled: chant does not count this box: only boxes outside ``` fences in the last `## Acceptance Criteria` section count)
        "#]],
        );
        check_criteria(
            CRITERIA,
            "not counted",
            expect![[r#"
            == Mark done (disabled: chant does not count this box: only boxes outside ``` fences in the last `## Acceptance Criteria` section count)
        "#]],
        );
        check_criteria(CRITERIA, "# T", expect![[""]]);
    }

    #[test]
    fn two_boxes_on_one_line_get_one_action_each() {
        check_criteria(
            CRITERIA,
            "two",
            expect![[r#"
                == Mark done: two
                ---
                status: pending
                ---
                # T
                ## Acceptance Criteria
                - [ ] one
                  - [x] nested
                ```
                - [ ] fenced
                ```
                - [x] two - [X] three
                ## Notes
                - [ ] not counted
                == Mark not done: three
                ---
                status: pending
                ---
                # T
                ## Acceptance Criteria
                - [ ] one
                  - [x] nested
                ```
                - [ ] fenced
                ```
                - [ ] two - [ ] three
                ## Notes
                - [ ] not counted
            "#]],
        );
    }

    #[test]
    fn mark_all_done_on_the_heading() {
        check_criteria(
            CRITERIA,
            "## Acceptance",
            expect![[r#"
                == Mark all criteria done
                ---
                status: pending
                ---
                # T
                ## Acceptance Criteria
                - [x] one
                  - [x] nested
                ```
                - [ ] fenced
                ```
                - [x] two - [X] three
                ## Notes
                - [ ] not counted
            "#]],
        );
        // Escaped, not a raw fixture: the CRLF line ends are the case.
        let done = "---\n---\n# T\n## Acceptance Criteria\r\n- [x] a\r\n";
        check_criteria(
            done,
            "## Acceptance",
            expect![[r#"
            == Mark all criteria done (disabled: Every criterion is already done)
        "#]],
        );
    }

    #[test]
    fn broken_frontmatter_disables_the_toggles() {
        check_criteria(
            r#"
                ---
                status: "open
                ---
                # T
                ## Acceptance Criteria
                - [ ] a
            "#,
            "] a",
            expect![[r#"
                == Mark done (disabled: The frontmatter has a YAML syntax error (line 2): chant cannot load this spec; fix the frontmatter first)
            "#]],
        );
    }

    // Caps: a selection over a whole huge criteria list.

    #[test]
    fn criteria_actions_on_thousands_of_boxes_are_capped_and_say_so() {
        let boxes: String = (0..6_000).map(|i| format!("- [ ] c{i}\n")).collect();
        let text = format!("---\nstatus: pending\n---\n# T\n## Acceptance Criteria\n{boxes}");
        let spec = Spec::parse("t".into(), crate::spec::SpecLocation::Active, text.clone());
        let actions = criteria_actions(&spec, TextRange::new(0, text.len()));
        let rendered: Vec<String> = actions
            .iter()
            .map(|action| match action {
                CriteriaAction::Enabled(fix) => format!("{} ({} edits)", fix.title, fix.edits.len()),
                CriteriaAction::Disabled { title, reason } => format!("{title} (disabled: {reason})"),
            })
            .collect();
        let shown = format!("{} actions\n{}", rendered.len(), rendered[rendered.len() - 3..].join("\n"));
        expect![[r#"
            102 actions
            Mark done: c99 (1 edits)
            Mark the first 5000 of 6000 open criteria done (5000 edits)
            5900 more criteria toggles not shown (disabled: At most 100 criteria are offered at once: select fewer lines)"#]].assert_eq(&shown);
    }

    // What one request gets: `code_actions` with the client's diagnostics, with and without data.
}

//! `invisible-criteria`: task boxes under an acceptance-criteria heading chant does not count
//! (`### Acceptance Criteria`, `## Acceptance criteria`, or an earlier `## Acceptance Criteria`
//! when a later one wins), so chant's gates see none of them.

use super::{Acc, Code, Ctx, Hint};
use crate::spec::criteria::MARKER;
use crate::spec::Spec;

/// True when some `#` line other than the heading chant counts mentions acceptance criteria:
/// a cheap test (a SIMD substring search) that decides whether the markdown outline is worth
/// building for this spec.
fn has_other_criteria_heading(spec: &Spec) -> bool {
    let text = spec.text.as_bytes();
    let counted = spec.criteria.heading.map(|h| h.start as usize);
    let found = |needle: &[u8]| -> bool {
        memchr::memmem::find_iter(&text[spec.body_start..], needle).any(|at| {
            let at = spec.body_start + at;
            let line_start = memchr::memrchr(b'\n', &text[..at]).map_or(0, |i| i + 1);
            let line = &spec.text[line_start..];
            let line = &line[..line.find('\n').unwrap_or(line.len())];
            line.trim_start().starts_with('#')
                && line.to_ascii_lowercase().contains("acceptance criteria")
                && Some(line_start) != counted
        })
    };
    found(b"cceptance") || found(b"CCEPTANCE")
}

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let spec = ctx.spec;
    if !has_other_criteria_heading(spec) {
        return;
    }
    let counted: Vec<u32> = spec.criteria.items.iter().map(|c| c.range.start).collect();
    let headings = &spec.markdown().headings;
    for (i, heading) in headings.iter().enumerate() {
        if !heading.text.to_lowercase().contains("acceptance criteria") {
            continue;
        }
        let end = headings[i + 1..]
            .iter()
            .find(|h| h.level <= heading.level)
            .map_or(spec.text.len() as u32, |h| h.range.start);
        let hidden = spec
            .markdown()
            .task_boxes
            .iter()
            .filter(|b| b.range.start > heading.range.end && b.range.start < end && !counted.contains(&b.range.start))
            .count();
        if hidden == 0 {
            continue;
        }
        let shadowed = spec
            .criteria
            .shadowed_headings
            .iter()
            .any(|h| h.start <= heading.range.start && heading.range.start <= h.end);
        let (why, fix) = if shadowed {
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
        let seen = spec.criteria.items.len();
        acc.push(
            Code::InvisibleCriteria,
            heading.range,
            format!("{hidden} checkbox(es) here are invisible to chant: {why}, so chant sees {seen} criteria; {fix}"),
        )
        .hint = if shadowed { Hint::None } else { Hint::RenameHeading };
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
            "---\n---\n# T\n### Acceptance Criteria\n- [ ] a\n## Acceptance criteria\n- [ ] b\n## Notes\n- [ ] not criteria\n",
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
            "---\n---\n# T\n## Acceptance Criteria\n- [ ] a\n## Notes\n## Acceptance Criteria\n- [ ] b\n",
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
            "---\n---\n# T\n## Acceptance Criteria\n- [ ] a\n### Acceptance Criteria\n- [ ] b\n",
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

//! `invisible-criteria`: task boxes under an acceptance-criteria heading chant does not count
//! (`### Acceptance Criteria`, `## Acceptance criteria`, or an earlier `## Acceptance Criteria`
//! when a later one wins), so chant's gates see none of them.

use super::{Acc, Code, Ctx, Hint};
use crate::spec::criteria::MARKER;

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

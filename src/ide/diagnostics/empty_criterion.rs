//! `empty-criterion`: a counted checkbox with no text, which no one can verify.

use super::{Acc, Code, Ctx};

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    for criterion in &ctx.spec.criteria.items {
        if criterion.text.is_empty() {
            acc.push(
                Code::EmptyCriterion,
                criterion.range,
                "empty acceptance criterion: say what must be true, or remove the box",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn blank_box() {
        check(
            Code::EmptyCriterion,
            // Escaped, not a raw fixture: the trailing spaces after `- [x]` are the case.
            "---\n---\n# T\n## Acceptance Criteria\n- [ ]\n- [x]   \n- [ ] real\n",
            expect![[r#"
            ---
            ---
            # T
            ## Acceptance Criteria
            - [ ]
              ^^^ warning[empty-criterion]: empty acceptance criterion: say what must be true, or remove the box
            - [x]   
              ^^^ warning[empty-criterion]: empty acceptance criterion: say what must be true, or remove the box
            - [ ] real
        "#]],
        );
    }
}

//! `no-acceptance-criteria`: a code or task spec with no criteria chant counts, so nothing
//! tells the agent or the reviewer when the work is done.

use super::{header_range, Acc, Code, Ctx};
use crate::spec::criteria::MARKER;
use crate::syntax::typed::SpecType;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let spec = ctx.spec;
    if !matches!(spec.spec_type(), Some(SpecType::Code | SpecType::Task)) || !spec.criteria.items.is_empty() {
        return;
    }
    let range = spec.title.as_ref().map_or_else(|| header_range(spec), |t| t.line);
    acc.push(
        Code::NoAcceptanceCriteria,
        range,
        format!("no acceptance criteria chant can count: add a `{MARKER}` section with `- [ ]` items"),
    );
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn code_spec_without_criteria() {
        check(
            Code::NoAcceptanceCriteria,
            r#"
                ---
                type: task
                ---
                # T
            "#,
            expect![[r#"
            ---
            type: task
            ---
            # T
            ^^^ information[no-acceptance-criteria]: no acceptance criteria chant can count: add a `## Acceptance Criteria` section with `- [ ]` items
        "#]],
        );
        check(
            Code::NoAcceptanceCriteria,
            r#"
                ---
                type: research
                ---
                # T
            "#,
            expect![[r#"
            ---
            type: research
            ---
            # T
        "#]],
        );
    }
}

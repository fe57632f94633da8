//! `unchecked-criterion`: each `- [ ]` that chant counts (spec-format §6). Its severity follows
//! the status: a completed spec with open boxes is a warning; work in flight is information;
//! pending work is a hint; cancelled specs are left alone.

use super::blocked_by::status_name;
use super::{Acc, Code, Ctx, Severity};
use crate::syntax::typed::SpecStatus;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let spec = ctx.spec;
    let status = spec.status();
    let severity = match status {
        Some(SpecStatus::Cancelled) => return,
        Some(SpecStatus::Completed) => Severity::Warning,
        Some(SpecStatus::InProgress | SpecStatus::Paused | SpecStatus::Failed | SpecStatus::NeedsAttention) => {
            Severity::Information
        }
        _ => Severity::Hint,
    };
    let total = spec.criteria.items.len();
    let open = spec.criteria.unchecked().count();
    for criterion in spec.criteria.unchecked() {
        let message = match status {
            Some(SpecStatus::Completed) => format!("unchecked acceptance criterion in a completed spec ({open} of {total} open): chant's finalize would refuse this spec; check the box if it is done"),
            Some(s) => format!("open acceptance criterion ({open} of {total} open, spec is `{}`)", status_name(s)),
            None => format!("open acceptance criterion ({open} of {total} open)"),
        };
        acc.push_with(Code::UncheckedCriterion, severity, criterion.range, message);
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn by_status() {
        check(
            Code::UncheckedCriterion,
            r#"
                ---
                status: completed
                ---
                # T
                ## Acceptance Criteria
                - [ ] a
                - [x] b
            "#,
            expect![[r#"
            ---
            status: completed
            ---
            # T
            ## Acceptance Criteria
            - [ ] a
              ^^^ warning[unchecked-criterion]: unchecked acceptance criterion in a completed spec (1 of 2 open): chant's finalize would refuse this spec; check the box if it is done
            - [x] b
        "#]],
        );
        check(
            Code::UncheckedCriterion,
            r#"
                ---
                status: in_progress
                ---
                # T
                ## Acceptance Criteria
                - [ ] a
            "#,
            expect![[r#"
            ---
            status: in_progress
            ---
            # T
            ## Acceptance Criteria
            - [ ] a
              ^^^ information[unchecked-criterion]: open acceptance criterion (1 of 1 open, spec is `in_progress`)
        "#]],
        );
        check(
            Code::UncheckedCriterion,
            r#"
                ---
                ---
                # T
                ## Acceptance Criteria
                - [ ] a
            "#,
            expect![[r#"
            ---
            ---
            # T
            ## Acceptance Criteria
            - [ ] a
              ^^^ hint[unchecked-criterion]: open acceptance criterion (1 of 1 open, spec is `pending`)
        "#]],
        );
        check(
            Code::UncheckedCriterion,
            r#"
                ---
                status: cancelled
                ---
                # T
                ## Acceptance Criteria
                - [ ] a
            "#,
            expect![[r#"
            ---
            status: cancelled
            ---
            # T
            ## Acceptance Criteria
            - [ ] a
        "#]],
        );
    }
}

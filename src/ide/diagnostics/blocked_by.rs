//! `blocked-by`: the spec is in progress or completed while one of its dependencies is not
//! completed or cancelled, which usually means work ran out of order.

use super::{Acc, Code, Ctx};
use crate::spec::schema::DEPENDS_ON;
use crate::syntax::typed::SpecStatus;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let Some(own) = ctx.spec.status() else { return };
    if !matches!(own, SpecStatus::InProgress | SpecStatus::Completed) {
        return;
    }
    for (entry, range) in ctx.spec.accepted_items(DEPENDS_ON) {
        let Some(dep) = ctx.ws.lookup(entry) else { continue };
        if dep.id == ctx.spec.id {
            continue;
        }
        let Some(status) = dep.status() else { continue };
        if matches!(status, SpecStatus::Completed | SpecStatus::Cancelled) {
            continue;
        }
        let own_name = status_name(own);
        acc.push(
            Code::BlockedBy,
            range,
            format!("this spec is `{own_name}` but its dependency `{entry}` is still `{}`", status_name(status)),
        );
    }
}

pub(crate) fn status_name(status: SpecStatus) -> &'static str {
    match status {
        SpecStatus::Pending => "pending",
        SpecStatus::InProgress => "in_progress",
        SpecStatus::Paused => "paused",
        SpecStatus::Completed => "completed",
        SpecStatus::Failed => "failed",
        SpecStatus::NeedsAttention => "needs_attention",
        SpecStatus::Ready => "ready",
        SpecStatus::Blocked => "blocked",
        SpecStatus::Cancelled => "cancelled",
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn completed_before_dependency() {
        check(
            Code::BlockedBy,
            r#"
                //- /.chant/specs/a.md
                ---
                status: completed
                depends_on: [b, c]
                ---
                # A
                //- /.chant/specs/b.md
                ---
                status: pending
                ---
                # B
                //- /.chant/specs/c.md
                ---
                status: cancelled
                ---
                # C
            "#,
            expect![[r#"
                ---
                status: completed
                depends_on: [b, c]
                             ^ information[blocked-by]: this spec is `completed` but its dependency `b` is still `pending`
                ---
                # A
            "#]],
        );
    }
}

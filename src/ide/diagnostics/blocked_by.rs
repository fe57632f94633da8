//! `blocked-by`: the spec is in progress or completed while one of its dependencies is not
//! completed or cancelled, which usually means work ran out of order. A member also inherits its
//! driver's dependencies and (without `depends_on` of its own) waits for its prior siblings, as
//! chant's readiness has it; those are reported on the title line.

use super::{Acc, Code, GraphCtx};
use crate::spec::schema::DEPENDS_ON;
use crate::syntax::typed::SpecStatus;
use crate::workspace::readiness::{order_blockers, Blocker, DepState};

pub(super) fn check(ctx: &GraphCtx, acc: &mut Acc) {
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
    inherited(ctx, acc, own);
}

/// The driver's open dependencies and the open prior siblings: nothing in this spec's
/// frontmatter names them, so the finding sits on the title line.
fn inherited(ctx: &GraphCtx, acc: &mut Acc, own: SpecStatus) {
    let Some(title) = &ctx.spec.title else { return };
    let own_name = status_name(own);
    for blocker in order_blockers(ctx.ws, ctx.spec) {
        let message = match blocker {
            Blocker::DriverDependency { driver, id, state: DepState::Status(status) } => format!(
                "this spec is `{own_name}` but its driver `{driver}` depends on `{id}`, which is still `{}`; chant holds members back until their driver's dependencies are done",
                status_name(status)
            ),
            Blocker::PriorSibling { id, status } => format!(
                "this spec is `{own_name}` but its prior sibling `{id}` is still `{}`; chant runs members in order unless a member has its own `depends_on`",
                status_name(status)
            ),
            _ => continue,
        };
        acc.push(Code::BlockedBy, title.line, message);
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

    /// A member inherits its driver's dependencies and waits for its prior siblings (chant's
    /// `is_blocked` / `all_prior_siblings_completed`); nothing in its own frontmatter says so.
    #[test]
    fn members_inherit_order_from_driver_and_siblings() {
        check(
            Code::BlockedBy,
            r#"
                //- /.chant/specs/d.2.md
                ---
                status: in_progress
                ---
                # Second member
                //- /.chant/specs/d.md
                ---
                type: driver
                depends_on: [x, d.1]
                ---
                # Driver
                //- /.chant/specs/d.1.md
                ---
                status: pending
                ---
                # First member
                //- /.chant/specs/x.md
                ---
                status: paused
                ---
                # X
            "#,
            expect![[r#"
                ---
                status: in_progress
                ---
                # Second member
                ^^^^^^^^^^^^^^^ information[blocked-by]: this spec is `in_progress` but its driver `d` depends on `x`, which is still `paused`; chant holds members back until their driver's dependencies are done
                ^^^^^^^^^^^^^^^ information[blocked-by]: this spec is `in_progress` but its prior sibling `d.1` is still `pending`; chant runs members in order unless a member has its own `depends_on`
            "#]],
        );
    }
}

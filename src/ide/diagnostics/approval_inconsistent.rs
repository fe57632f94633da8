//! `approval-inconsistent`: chant lint's `approval` rules: an approved or rejected spec needs
//! `by` and `at`; a pending one must not have `by`.

use super::{Acc, Code, Ctx};

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    // An `approval` chant rejects (a repeated key, a bad status) stops the spec loading; that is
    // reported once, not read again for consistency.
    if ctx.spec.rejects("approval") {
        return;
    }
    let Some(approval) = ctx.spec.field("approval") else { return };
    let set = |key: &str| approval.get(key).is_some_and(|v| !v.is_null());
    let status_node = approval.get("status");
    let status = status_node.and_then(|n| n.as_scalar()).filter(|s| !s.is_empty()).unwrap_or("pending");
    let anchor = status_node.filter(|n| !n.range.is_empty()).map_or(approval.range, |n| n.range);
    match status {
        "approved" | "rejected" => {
            for (key, what) in [("by", "`by` (who decided)"), ("at", "`at` (when)")] {
                if !set(key) {
                    acc.push(
                        Code::ApprovalInconsistent,
                        anchor,
                        format!("approval status is `{status}` but {what} is missing"),
                    );
                }
            }
        }
        "pending" if set("by") => {
            let by = approval.get("by").map_or(anchor, |n| n.range);
            acc.push(Code::ApprovalInconsistent, by, "approval has `by` set but its status is still `pending`: set `status` to approved/rejected or remove `by`");
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn approval_rules() {
        check(
            Code::ApprovalInconsistent,
            r#"
                ---
                approval:
                  required: true
                  status: approved
                ---
                # T
            "#,
            expect![[r#"
            ---
            approval:
              required: true
              status: approved
                      ^^^^^^^^ error[approval-inconsistent]: approval status is `approved` but `by` (who decided) is missing
                      ^^^^^^^^ error[approval-inconsistent]: approval status is `approved` but `at` (when) is missing
            ---
            # T
        "#]],
        );
        check(
            Code::ApprovalInconsistent,
            r#"
                ---
                approval:
                  by: bob
                ---
                # T
            "#,
            expect![[r#"
            ---
            approval:
              by: bob
                  ^^^ error[approval-inconsistent]: approval has `by` set but its status is still `pending`: set `status` to approved/rejected or remove `by`
            ---
            # T
        "#]],
        );
    }
}

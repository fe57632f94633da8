//! `self-dependency`: a spec lists its own id in `depends_on`, so it can never become ready.

use super::{Acc, Code, Ctx};
use crate::spec::schema::DEPENDS_ON;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    for (entry, range) in ctx.spec.accepted_items(DEPENDS_ON) {
        if entry == ctx.spec.id {
            acc.push(
                Code::SelfDependency,
                range,
                format!("`{entry}` is this spec's own id: a spec cannot depend on itself; remove the entry"),
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
    fn own_id() {
        check(
            Code::SelfDependency,
            r#"
                ---
                depends_on:
                  - test
                ---
                # T
            "#,
            expect![[r#"
            ---
            depends_on:
              - test
                ^^^^ error[self-dependency]: `test` is this spec's own id: a spec cannot depend on itself; remove the entry
            ---
            # T
        "#]],
        );
    }
}

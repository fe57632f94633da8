//! `empty-members`: a driver or group spec whose `members` list is present but empty.

use super::{Acc, Code, Ctx};
use crate::spec::schema::MEMBERS;
use crate::syntax::typed::SpecType;
use crate::syntax::yaml::NodeKind;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    if !matches!(ctx.spec.spec_type(), Some(SpecType::Driver | SpecType::Group)) {
        return;
    }
    let Some(members) = ctx.spec.field(MEMBERS) else { return };
    if matches!(&members.kind, NodeKind::Seq { items, .. } if items.is_empty()) {
        acc.push(
            Code::EmptyMembers,
            members.range,
            "driver/group spec has an empty `members` list: list its member spec ids or remove the key",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn empty_list() {
        check(
            Code::EmptyMembers,
            r#"
                ---
                type: group
                members: []
                ---
                # T
            "#,
            expect![[r#"
            ---
            type: group
            members: []
                     ^^ warning[empty-members]: driver/group spec has an empty `members` list: list its member spec ids or remove the key
            ---
            # T
        "#]],
        );
    }
}

//! `self-dependency`: a spec lists its own id in `depends_on`, so it can never become ready.

use super::fix::{entry_lines, full_line, Edit, Fix};
use super::Diagnostic;
use super::{Acc, Code, Ctx};
use crate::spec::schema::DEPENDS_ON;
use crate::spec::Spec;
use crate::syntax::yaml::NodeKind;
use crate::text::TextRange;
use crate::workspace::Workspace;

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

/// The quick fixes of one of this rule's findings (`index`: its place in the list the editor
/// sent back), registered in `FIXES`.
pub(super) fn fixes(_ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    remove_item(spec, d, index)
}

fn remove_item(spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    let Some(node) = spec.field(DEPENDS_ON) else { return Vec::new() };
    let text = spec.text.as_str();
    let entry = &text[d.range.as_usize()];
    let range = match &node.kind {
        // The only entry: an empty `depends_on:` would be noise, so the key goes with it.
        NodeKind::Seq { flow: false, items } if items.len() == 1 => {
            let root = spec.yaml.as_ref().map(|r| r.entries()).unwrap_or_default();
            match root.iter().find(|e| e.key.as_scalar() == Some(DEPENDS_ON)) {
                Some(entry) => entry_lines(text, entry),
                None => return Vec::new(),
            }
        }
        NodeKind::Seq { flow: false, .. } => full_line(text, d.range.start as usize),
        NodeKind::Seq { flow: true, items } => {
            let Some(i) = items.iter().position(|it| it.range == d.range) else { return Vec::new() };
            match (i.checked_sub(1).map(|p| &items[p]), items.get(i + 1)) {
                (_, Some(next)) => TextRange::new(d.range.start as usize, next.range.start as usize),
                (Some(prev), None) => TextRange::new(prev.range.end as usize, d.range.end as usize),
                (None, None) => d.range,
            }
        }
        _ => {
            let edit = Edit { range: d.range, new_text: "[]".to_string() };
            let mut fix = Fix::edit(format!("Remove `{entry}` from `depends_on`"), index, vec![edit]);
            fix.deletes = true;
            return vec![fix];
        }
    };
    let mut fix =
        Fix::edit(format!("Remove `{entry}` from `depends_on`"), index, vec![Edit { range, new_text: String::new() }]);
    fix.deletes = true;
    vec![fix]
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

/// The rule's quick fixes applied to fixtures: the exact text each produces, and the findings
/// after re-reading the workspace (the repaired one gone, nothing new).
#[cfg(test)]
mod fix_tests {
    use crate::ide::test_fixture::fixes::*;

    #[test]
    fn self_dependency_block_and_flow() {
        check_fix(
            r#"
                //- /.chant/specs/me.md
                ---
                depends_on:
                  - other
                  - $0me
                status: pending
                ---
                # T
                //- /.chant/specs/other.md
                ---
                ---
                # O
            "#,
            Code::SelfDependency,
            "Remove `me` from `depends_on`",
            expect![[r#"
                offered: ["Remove `me` from `depends_on`"]
                ---
                depends_on:
                  - other
                status: pending
                ---
                # T
            "#]],
        );
        check_fix(
            r#"
                //- /.chant/specs/me.md
                ---
                depends_on: [$0me, other]
                ---
                # T
                //- /.chant/specs/other.md
                ---
                ---
                # O
            "#,
            Code::SelfDependency,
            "Remove `me` from `depends_on`",
            expect![[r#"
                offered: ["Remove `me` from `depends_on`"]
                ---
                depends_on: [other]
                ---
                # T
            "#]],
        );
    }

    #[test]
    fn self_dependency_only_entry_takes_the_key_along() {
        check_fix(
            r#"
                //- /.chant/specs/me.md
                ---
                depends_on:
                  - $0me
                ---
                # T
            "#,
            Code::SelfDependency,
            "Remove `me` from `depends_on`",
            expect![[r#"
                offered: ["Remove `me` from `depends_on`"]
                ---
                ---
                # T
            "#]],
        );
    }
}

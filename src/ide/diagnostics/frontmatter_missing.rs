//! `frontmatter-missing`: the file has no frontmatter block, so chant silently loads it as a
//! pending code spec with no dependencies.

use super::fix::{eol, Edit, Fix};
use super::Diagnostic;
use super::{line_range, Acc, Code, Ctx};
use crate::spec::Spec;
use crate::syntax::frontmatter::ChantSplit;
use crate::text::TextRange;
use crate::workspace::Workspace;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    if ctx.spec.split.is_some() || ctx.spec.chant_split != ChantSplit::NoFrontmatter {
        return;
    }
    acc.push(
        Code::FrontmatterMissing,
        line_range(ctx.spec, 0),
        "no frontmatter: chant loads this spec as `type: code`, `status: pending` with no dependencies; start the file with a `---` block",
    );
}

/// The quick fixes of one of this rule's findings (`index`: its place in the list the editor
/// sent back), registered in `FIXES`.
pub(super) fn fixes(_ws: &Workspace, spec: &Spec, _d: &Diagnostic, index: usize) -> Vec<Fix> {
    frontmatter(spec, index)
}

fn frontmatter(spec: &Spec, index: usize) -> Vec<Fix> {
    let nl = eol(&spec.text);
    let block = format!("---{nl}type: code{nl}status: pending{nl}---{nl}");
    vec![Fix::edit("Add a frontmatter block", index, vec![Edit { range: TextRange::empty(0), new_text: block }])]
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn file_without_block() {
        check(
            Code::FrontmatterMissing,
            r#"
                # Title

                Body
            "#,
            expect![[r#"
            # Title
            ^^^^^^^ warning[frontmatter-missing]: no frontmatter: chant loads this spec as `type: code`, `status: pending` with no dependencies; start the file with a `---` block

            Body
        "#]],
        );
    }

    #[test]
    fn block_present() {
        check(
            Code::FrontmatterMissing,
            r#"
                ---
                type: code
                ---
                # Title
            "#,
            expect![[r#"
            ---
            type: code
            ---
            # Title
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
    fn frontmatter_missing_inserts_a_block() {
        check_fix(
            r#"
                $0# Title

                Body
            "#,
            Code::FrontmatterMissing,
            "Add a frontmatter block",
            expect![[r#"
                offered: ["Add a frontmatter block"]
                ---
                type: code
                status: pending
                ---
                # Title

                Body
            "#]],
        );
    }
}

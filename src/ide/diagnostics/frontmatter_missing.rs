//! `frontmatter-missing`: the file has no frontmatter block, so chant silently loads it as a
//! pending code spec with no dependencies.

use super::{line_range, Acc, Code, Ctx};
use crate::syntax::frontmatter::ChantSplit;

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

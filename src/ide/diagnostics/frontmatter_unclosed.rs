//! `frontmatter-unclosed`: an opening `---` that no `---` line closes.

use super::{Acc, Code, Ctx};
use crate::syntax::frontmatter::ChantSplit;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let Some(fm) = &ctx.spec.split else { return };
    if fm.close.is_some() {
        return;
    }
    let consequence = match ctx.spec.chant_split {
        ChantSplit::NoFrontmatter => {
            "chant finds no end and loads the spec with defaults (`type: code`, `status: pending`)".to_string()
        }
        ChantSplit::Frontmatter { cut, .. } => {
            let line = ctx.spec.line_index().line_of(cut.start) + 1;
            format!("chant ends it at the first `---` it finds (line {line}), so part of the body is read as YAML")
        }
    };
    acc.push(
        Code::FrontmatterUnclosed,
        fm.open,
        format!("frontmatter is never closed: {consequence}; add a `---` line after the last key"),
    );
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn never_closed() {
        check(
            Code::FrontmatterUnclosed,
            "---\ntype: code\n# Title\n",
            expect![[r#"
            ---
            ^^^ error[frontmatter-unclosed]: frontmatter is never closed: chant finds no end and loads the spec with defaults (`type: code`, `status: pending`); add a `---` line after the last key
            type: code
            # Title
        "#]],
        );
    }

    #[test]
    fn closed_only_by_a_rule_in_the_body() {
        check(
            Code::FrontmatterUnclosed,
            "---\ntype: code\n# Title\ntext --- more\n",
            expect![[r#"
            ---
            ^^^ error[frontmatter-unclosed]: frontmatter is never closed: chant ends it at the first `---` it finds (line 4), so part of the body is read as YAML; add a `---` line after the last key
            type: code
            # Title
            text --- more
        "#]],
        );
    }
}

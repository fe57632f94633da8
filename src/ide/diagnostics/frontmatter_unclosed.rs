//! `frontmatter-unclosed`: an opening `---` that no `---` line closes, including a block ended
//! by YAML's `...`, which chant does not take as the end of the frontmatter.

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
    let message = match fm.dots {
        Some(dots) => {
            let line = ctx.spec.line_index().line_of(dots.start) + 1;
            format!("frontmatter ends with `...` (line {line}), which ends a YAML document but not chant's frontmatter: {consequence}; write `---` instead")
        }
        None => format!("frontmatter is never closed: {consequence}; add a `---` line after the last key"),
    };
    acc.push(Code::FrontmatterUnclosed, fm.open, message);
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::{check, check_codes};
    use expect_test::expect;

    /// chant ends frontmatter only at `---`: a block ended by `...` is, to chant, no frontmatter
    /// at all, and its keys do not count.
    #[test]
    fn closed_by_document_end_marker() {
        check_codes(
            &[Code::FrontmatterUnclosed, Code::UnknownDependency, Code::InvalidValue],
            r#"
                ---
                status: pendng
                depends_on: [nowhere]
                ...
                # Title
            "#,
            expect![[r#"
                ---
                ^^^ error[frontmatter-unclosed]: frontmatter ends with `...` (line 4), which ends a YAML document but not chant's frontmatter: chant finds no end and loads the spec with defaults (`type: code`, `status: pending`); write `---` instead
                status: pendng
                depends_on: [nowhere]
                ...
                # Title
            "#]],
        );
    }

    #[test]
    fn never_closed() {
        check(
            Code::FrontmatterUnclosed,
            r#"
                ---
                type: code
                # Title
            "#,
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
            r#"
                ---
                type: code
                # Title
                text --- more
            "#,
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

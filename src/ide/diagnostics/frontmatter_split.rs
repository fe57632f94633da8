//! `frontmatter-split`: chant's naive splitter (first `---` substring anywhere) would end the
//! frontmatter somewhere other than the closing `---` line, or reads text after the opening dashes.

use super::{Acc, Code, Ctx};
use crate::syntax::frontmatter::ChantSplit;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let spec = ctx.spec;
    let Some(fm) = &spec.split else { return };
    if let Some(tail) = fm.open_tail {
        acc.push(
            Code::FrontmatterSplit,
            tail,
            "chant reads the text after the opening `---` as YAML; put `---` alone on the first line",
        );
    }
    let Some(close) = fm.close else { return };
    let ChantSplit::Frontmatter { cut, .. } = spec.chant_split else { return };
    if cut.start == close.start {
        return;
    }
    let line = spec.line_index().line_of(cut.start) + 1;
    if cut.start < close.start {
        acc.push(
            Code::FrontmatterSplit,
            cut,
            format!("chant ends the frontmatter at this `---` (line {line}), not at the closing line: the rest of the YAML becomes body text; chant splits on `---` anywhere, even inside quotes, so reword the value"),
        );
    } else {
        acc.push(
            Code::FrontmatterSplit,
            close,
            format!("chant does not accept `...` as the end of the frontmatter and reads on to the `---` on line {line}; close the block with `---`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn dashes_inside_a_value() {
        check(
            Code::FrontmatterSplit,
            r#"
                ---
                type: code
                branch: a---b
                ---
                # T
            "#,
            expect![[r#"
            ---
            type: code
            branch: a---b
                     ^^^ warning[frontmatter-split]: chant ends the frontmatter at this `---` (line 3), not at the closing line: the rest of the YAML becomes body text; chant splits on `---` anywhere, even inside quotes, so reword the value
            ---
            # T
        "#]],
        );
    }

    #[test]
    fn dots_close_and_tail() {
        check(
            Code::FrontmatterSplit,
            r#"
                ---yaml
                type: code
                ...
                # T

                ---
            "#,
            expect![[r#"
                ---yaml
                   ^^^^ warning[frontmatter-split]: chant reads the text after the opening `---` as YAML; put `---` alone on the first line
                type: code
                ...
                # T

                ---
            "#]],
        );
    }
}

//! `title-in-code-block`: chant's title rule ignores code fences, so the `# ` line it picks as
//! the title sits inside a fenced block (a shell comment, say).

use super::{Acc, Code, Ctx};

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let Some(title) = &ctx.spec.title else { return };
    if !title.in_code_block {
        return;
    }
    acc.push(
        Code::TitleInCodeBlock,
        title.line,
        format!("chant takes this line inside a code block as the spec's title (`{}`); add a `# Title` line before the code block", title.text),
    );
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn shell_comment() {
        check(
            Code::TitleInCodeBlock,
            r#"
                ---
                type: code
                ---
                Intro
                ```sh
                # install deps
                ```
                # Real title
            "#,
            expect![[r#"
            ---
            type: code
            ---
            Intro
            ```sh
            # install deps
            ^^^^^^^^^^^^^^ warning[title-in-code-block]: chant takes this line inside a code block as the spec's title (`install deps`); add a `# Title` line before the code block
            ```
            # Real title
        "#]],
        );
    }
}

//! `missing-title`: no line starting with `# ` in the body (chant lint `title`).

use super::{header_range, Acc, Code, Ctx};
use crate::text::TextRange;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    if ctx.spec.title.is_some() {
        return;
    }
    let range = match ctx.spec.split.as_ref().and_then(|fm| fm.close) {
        Some(close) => close,
        None if ctx.spec.text.is_empty() => TextRange::empty(0),
        None => header_range(ctx.spec),
    };
    acc.push(Code::MissingTitle, range, "missing title: chant lint requires a `# Title` line after the frontmatter");
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn no_h1() {
        check(
            Code::MissingTitle,
            r#"
                ---
                type: code
                ---
                ## Not a title
                #NoSpace
            "#,
            expect![[r#"
            ---
            type: code
            ---
            ^^^ error[missing-title]: missing title: chant lint requires a `# Title` line after the frontmatter
            ## Not a title
            #NoSpace
        "#]],
        );
    }

    #[test]
    fn title_found() {
        check(
            Code::MissingTitle,
            r#"
                ---
                type: code
                ---

                  # Indented title
            "#,
            expect![[r#"
            ---
            type: code
            ---

              # Indented title
        "#]],
        );
    }
}

//! `yaml-syntax`: the YAML scanner or parser stops, so chant cannot load the spec: in the block
//! the editor shows, or in the frontmatter as chant cuts it at a `---` inside a value.

use super::{Acc, Code, Ctx};
use crate::text::TextRange;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    if super::invalid_type::chant_cut_breaks_yaml(ctx.spec) {
        for (err, range) in super::invalid_type::located(ctx.spec) {
            acc.push(
                Code::YamlSyntax,
                range,
                format!("YAML syntax error in the frontmatter as chant cuts it at the first `---` (see frontmatter-split): {}; chant cannot load this spec", err.message),
            );
        }
        return;
    }
    let Some(err) = &ctx.spec.yaml_error else { return };
    let text = &ctx.spec.text;
    let mut at = err.offset.min(text.len());
    // The scanner reports tab errors after the tab; point at the tab itself.
    if err.message.contains("tab") && text[..at].ends_with('\t') {
        at -= 1;
    }
    let width = text[at..].chars().next().filter(|c| *c != '\n' && *c != '\r').map_or(0, char::len_utf8);
    acc.push(
        Code::YamlSyntax,
        TextRange::new(at, at + width),
        format!("YAML syntax error: {}; chant cannot load this spec", err.message),
    );
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::{check, check_codes};
    use expect_test::expect;

    #[test]
    fn tab_indentation() {
        check(
            Code::YamlSyntax,
            // Escaped, not a raw fixture: the tab before `- a` is the case.
            "---\ntype: code\nlabels:\n\t- a\n---\n# T\n",
            expect![[r#"
            ---
            type: code
            labels:
            	- a
            ^ error[yaml-syntax]: YAML syntax error: tabs disallowed within this context (block indentation); chant cannot load this spec
            ---
            # T
        "#]],
        );
    }

    #[test]
    fn unclosed_quote() {
        check(
            Code::YamlSyntax,
            r#"
                ---
                branch: "open
                ---
                # T
            "#,
            expect![[r#"
            ---
            branch: "open
                    ^ error[yaml-syntax]: YAML syntax error: while scanning a quoted scalar, found unexpected end of stream; chant cannot load this spec
            ---
            # T
        "#]],
        );
    }

    /// chant cuts at the `---` inside the quotes; what is left is an unclosed quoted scalar, a
    /// syntax error to chant (not a wrong type).
    #[test]
    fn chant_cut_inside_quotes() {
        check_codes(
            &[Code::YamlSyntax, Code::InvalidType],
            r#"
                ---
                type: code
                labels: ["a --- b", "c"]
                ---
                # T
            "#,
            expect![[r#"
                ---
                type: code
                labels: ["a --- b", "c"]
                            ^^^^^^^^^^^^ error[yaml-syntax]: YAML syntax error in the frontmatter as chant cuts it at the first `---` (see frontmatter-split): found unexpected end of stream, while scanning a quoted scalar; chant cannot load this spec
                ---
                # T
            "#]],
        );
    }
}

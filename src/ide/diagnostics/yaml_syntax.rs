//! `yaml-syntax`: the YAML scanner or parser stops, so chant cannot load the spec.

use super::{Acc, Code, Ctx};
use crate::text::TextRange;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
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
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn tab_indentation() {
        check(
            Code::YamlSyntax,
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
            "---\nbranch: \"open\n---\n# T\n",
            expect![[r#"
            ---
            branch: "open
                    ^ error[yaml-syntax]: YAML syntax error: while scanning a quoted scalar, found unexpected end of stream; chant cannot load this spec
            ---
            # T
        "#]],
        );
    }
}

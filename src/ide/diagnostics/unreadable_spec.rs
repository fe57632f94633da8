//! `unreadable-spec`: a spec file chant-lsp cannot read as a spec at all (not UTF-8, NUL bytes,
//! too large, a link out of the workspace, not a regular file). It must not vanish silently: the
//! finding sits on line 1 and is the only one such a file gets. It is an error when chant cannot
//! load the file either, a warning when chant still would (too large, a link out).

use super::{Acc, Code, GraphCtx, Severity};
use crate::text::TextRange;

pub(super) fn check(ctx: &GraphCtx, acc: &mut Acc) {
    let Some(why) = &ctx.spec.unreadable else { return };
    let severity = if why.chant_loads { Severity::Warning } else { Severity::Error };
    acc.push_with(Code::UnreadableSpec, severity, TextRange::empty(0), why.reason.clone());
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::{check, check_codes};
    use expect_test::expect;

    #[test]
    fn nul_bytes_make_the_only_finding() {
        check_codes(
            Code::ALL,
            // Escaped, not a raw fixture: the text holds a NUL byte.
            "---\nstatus: pending\nbogus: 1\n---\n# Logo \0\n",
            expect![[r#"
                ---
                ^ warning[unreadable-spec]: a NUL byte on line 5: chant-lsp treats the file as binary and does not analyse it (chant reads it as text)
                status: pending
                bogus: 1
                ---
                # Logo ␀
            "#]],
        );
    }

    #[test]
    fn readable_spec_has_none() {
        check(
            Code::UnreadableSpec,
            r#"
                ---
                status: pending
                ---
                # Logo
            "#,
            expect![[r#"
            ---
            status: pending
            ---
            # Logo
        "#]],
        );
    }

    /// A NUL in the frontmatter stops chant's YAML parser: an error, and the dependent is told.
    #[test]
    fn nul_in_the_frontmatter_is_an_error_and_dependents_hear_of_it() {
        check_codes(
            &[Code::UnreadableSpec, Code::UnknownDependency, Code::BlockedBy],
            // Escaped, not a raw fixture: the text holds a NUL byte.
            "//- /.chant/specs/a.md\n---\nstatus: in_progress\ndepends_on: [bin]\n---\n# A\n//- /.chant/specs/bin.md\n---\nstatus: \0\n---\n# Bin\n",
            expect![[r#"
                ---
                status: in_progress
                depends_on: [bin]
                             ^^^ error[unknown-dependency]: dependency `bin` exists (.chant/specs/bin.md) but chant cannot load it, so chant treats it as unknown; fix the errors in that spec
                ---
                # A
            "#]],
        );
        check(
            Code::UnreadableSpec,
            // Escaped, not a raw fixture: the text holds a NUL byte.
            "---\nstatus: \0\n---\n# Bin\n",
            expect![[r#"
            ---
            ^ error[unreadable-spec]: a NUL byte in the frontmatter (line 2): a binary file; chant's YAML parser refuses it, so chant cannot load this spec
            status: ␀
            ---
            # Bin
        "#]],
        );
    }

    /// chant still loads a spec with a NUL in its body: its dependents get no false finding,
    /// and nothing is claimed about its status.
    #[test]
    fn nul_in_the_body_leaves_dependents_alone() {
        check_codes(
            &[Code::UnreadableSpec, Code::UnknownDependency, Code::BlockedBy],
            // Escaped, not a raw fixture: the text holds a NUL byte.
            "//- /.chant/specs/a.md\n---\nstatus: in_progress\ndepends_on: [bin]\n---\n# A\n//- /.chant/specs/bin.md\n---\nstatus: pending\n---\n# Bin \0\n",
            expect![[r#"
                ---
                status: in_progress
                depends_on: [bin]
                ---
                # A
            "#]],
        );
    }
}

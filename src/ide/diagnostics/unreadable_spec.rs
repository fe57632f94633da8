//! `unreadable-spec`: a spec file that cannot be read as a spec at all (not UTF-8, NUL bytes,
//! too large, not readable). chant cannot load it either, so it must not vanish silently: the
//! finding sits on line 1 and is the only one such a file gets.

use super::{Acc, Code, Ctx};
use crate::text::TextRange;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let Some(reason) = &ctx.spec.unreadable else { return };
    acc.push(Code::UnreadableSpec, TextRange::empty(0), format!("chant cannot load this file as a spec: {reason}"));
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
            "---\nstatus: pending\nbogus: 1\n---\n# Logo \0\n",
            expect![[r#"
                ---
                ^ error[unreadable-spec]: chant cannot load this file as a spec: binary file (contains NUL bytes); chant reads specs as text
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
            "---\nstatus: pending\n---\n# Logo\n",
            expect![[r#"
            ---
            status: pending
            ---
            # Logo
        "#]],
        );
    }
}

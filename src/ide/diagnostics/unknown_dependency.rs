//! `unknown-dependency`: a `depends_on` entry that names no spec chant can load, so chant lint
//! fails and `chant work` keeps the spec blocked forever. Suggests ids the user may have meant.

use super::fix::{replace_with_suggestions, Fix};
use super::Diagnostic;
use super::{did_you_mean, Acc, Code, GraphCtx, Hint};
use crate::ide::limits::SUGGESTION_CANDIDATES;
use crate::spec::id::suggestions;
use crate::spec::schema::DEPENDS_ON;
use crate::spec::Spec;
use crate::workspace::Resolution;
use crate::workspace::Workspace;

pub(super) fn check(ctx: &GraphCtx, acc: &mut Acc) {
    for (entry, range) in ctx.spec.accepted_items(DEPENDS_ON) {
        if entry == ctx.spec.id {
            continue;
        }
        match ctx.ws.resolve(entry) {
            Resolution::Missing => {
                let near = ctx.ws.ids_near(entry, SUGGESTION_CANDIDATES / 4);
                let hints = suggestions(entry, &ctx.spec.id, near.into_iter());
                acc.push(
                    Code::UnknownDependency,
                    range,
                    format!("unknown dependency `{entry}`: no spec has this id (ids are file names without `.md`, matched exactly){}", did_you_mean(&hints)),
                )
                .hint = Hint::Replace(hints.iter().map(|s| s.to_string()).collect());
            }
            Resolution::Unloadable(path) => {
                let rel = path.strip_prefix(&ctx.ws.root).unwrap_or(&path).display().to_string();
                acc.push(
                    Code::UnknownDependency,
                    range,
                    format!("dependency `{entry}` exists ({rel}) but chant cannot load it, so chant treats it as unknown; fix the errors in that spec"),
                );
            }
            _ => {}
        }
    }
}

/// The quick fixes of one of this rule's findings (`index`: its place in the list the editor
/// sent back), registered in `FIXES`.
pub(super) fn fixes(_ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    replace_with_suggestions(spec, d, index)
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::{check, check_codes};
    use expect_test::expect;

    #[test]
    fn unknown_and_unloadable() {
        check(
            Code::UnknownDependency,
            r#"
                //- /.chant/specs/b.md
                ---
                depends_on:
                  - 004-sprawl
                  - broken
                  - ok
                  - sprawl
                ---
                # B
                //- /.chant/specs/004-sprawl-fix.md
                ---
                ---
                # S
                //- /.chant/specs/broken.md
                ---
                type: docs
                ---
                # Broken
                //- /.chant/specs/ok.md
                ---
                ---
                # Ok
            "#,
            expect![[r#"
                ---
                depends_on:
                  - 004-sprawl
                    ^^^^^^^^^^ error[unknown-dependency]: unknown dependency `004-sprawl`: no spec has this id (ids are file names without `.md`, matched exactly); did you mean `004-sprawl-fix`?
                  - broken
                    ^^^^^^ error[unknown-dependency]: dependency `broken` exists (.chant/specs/broken.md) but chant cannot load it, so chant treats it as unknown; fix the errors in that spec
                  - ok
                  - sprawl
                    ^^^^^^ error[unknown-dependency]: unknown dependency `sprawl`: no spec has this id (ids are file names without `.md`, matched exactly); did you mean `004-sprawl-fix`?
                ---
                # B
            "#]],
        );
    }

    #[test]
    fn scalar_form() {
        check(
            Code::UnknownDependency,
            r#"
                ---
                depends_on: nothere
                ---
                # T
            "#,
            expect![[r#"
            ---
            depends_on: nothere
                        ^^^^^^^ error[unknown-dependency]: unknown dependency `nothere`: no spec has this id (ids are file names without `.md`, matched exactly)
            ---
            # T
        "#]],
        );
    }

    /// chant rejects a list with a number, a boolean or a float in it, so the spec does not load;
    /// that is reported once (invalid-type), not again as unknown ids.
    #[test]
    fn a_value_chant_rejects_is_not_read_as_ids() {
        check_codes(
            &[Code::UnknownDependency, Code::InvalidType, Code::SelfDependency, Code::BlockedBy],
            r#"
                ---
                status: in_progress
                depends_on: [ok, 1234, true, 1.5]
                ---
                # A
            "#,
            expect![[r#"
                ---
                status: in_progress
                depends_on: [ok, 1234, true, 1.5]
                ^^^^^^^^^^ error[invalid-type]: data did not match any variant of untagged enum OneOrMany; chant cannot load this spec
                ---
                # A
            "#]],
        );
    }
}

/// The rule's quick fixes applied to fixtures: the exact text each produces, and the findings
/// after re-reading the workspace (the repaired one gone, nothing new).
#[cfg(test)]
mod fix_tests {
    use crate::ide::test_fixture::fixes::*;

    #[test]
    fn unknown_dependency_and_member() {
        check_fix(
            r#"
                //- /.chant/specs/b.md
                ---
                depends_on:
                  - $0004-sprawl
                ---
                # B
                //- /.chant/specs/004-sprawl-fix.md
                ---
                ---
                # S
            "#,
            Code::UnknownDependency,
            "Change to `004-sprawl-fix`",
            expect![[r#"
                offered: ["Change to `004-sprawl-fix`"]
                ---
                depends_on:
                  - 004-sprawl-fix
                ---
                # B
            "#]],
        );
        check_fix(
            r#"
                //- /.chant/specs/d.md
                ---
                type: driver
                members:
                  - d.1
                  - $0"d.3"
                ---
                # D
                //- /.chant/specs/d.1.md
                ---
                ---
                # One
                //- /.chant/specs/d.2.md
                ---
                ---
                # Two
            "#,
            Code::UnknownMember,
            "Change to `d.2`",
            expect![[r#"
                offered: ["Change to `d.1`", "Change to `d.2`"]
                ---
                type: driver
                members:
                  - d.1
                  - "d.2"
                ---
                # D
            "#]],
        );
    }
}

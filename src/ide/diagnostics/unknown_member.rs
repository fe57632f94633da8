//! `unknown-member`: a `members` entry of a driver/group names no spec chant can load.

use super::fix::{replace_with_suggestions, Fix};
use super::Diagnostic;
use super::{did_you_mean, Acc, Code, GraphCtx, Hint};
use crate::ide::limits::SUGGESTION_CANDIDATES;
use crate::spec::id::suggestions;
use crate::spec::schema::MEMBERS;
use crate::spec::Spec;
use crate::workspace::Resolution;
use crate::workspace::Workspace;

pub(super) fn check(ctx: &GraphCtx, acc: &mut Acc) {
    for (entry, range) in ctx.spec.accepted_items(MEMBERS) {
        match ctx.ws.resolve(entry) {
            Resolution::Missing | Resolution::CrossRepo { .. } => {
                let near = ctx.ws.ids_near(entry, SUGGESTION_CANDIDATES / 4);
                let hints = suggestions(entry, &ctx.spec.id, near.into_iter());
                acc.push(
                    Code::UnknownMember,
                    range,
                    format!("unknown member spec `{entry}`: no spec has this id{}", did_you_mean(&hints)),
                )
                .hint = Hint::Replace(hints.iter().map(|s| s.to_string()).collect());
            }
            Resolution::Unloadable(_) => {
                acc.push(
                    Code::UnknownMember,
                    range,
                    format!("member spec `{entry}` exists but chant cannot load it, so chant reports it unknown"),
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
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn members() {
        check(
            Code::UnknownMember,
            r#"
                //- /.chant/specs/d.md
                ---
                type: driver
                members:
                  - d.1
                  - d.2
                ---
                # D
                //- /.chant/specs/d.1.md
                ---
                ---
                # One
            "#,
            expect![[r#"
                ---
                type: driver
                members:
                  - d.1
                  - d.2
                    ^^^ error[unknown-member]: unknown member spec `d.2`: no spec has this id; did you mean `d.1`?
                ---
                # D
            "#]],
        );
    }
}

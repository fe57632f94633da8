//! `no-match`: a `tracks` path or glob that matches no file, so drift detection watches nothing.

use super::paths::{check_path, path_entries, PathCheck};
use super::{Acc, Code, GraphCtx};
use crate::spec::schema::ReferenceKind;

pub(super) fn check(ctx: &GraphCtx, acc: &mut Acc) {
    for (field, value, range) in path_entries(ctx.spec) {
        if field.reference == ReferenceKind::PathOrGlob && check_path(ctx.ws, value) == PathCheck::Missing {
            acc.push(
                Code::NoMatch,
                range,
                format!(
                    "`{value}` ({}) matches no file in the workspace: drift detection has nothing to follow",
                    field.name
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn tracks_globs() {
        check(
            Code::NoMatch,
            r#"
                //- /.chant/specs/a.md
                ---
                type: documentation
                tracks: ["src/**/*.rs", "lib/*.py"]
                ---
                # A
                //- /src/x/y.rs
                fn main() {}
            "#,
            expect![[r#"
                ---
                type: documentation
                tracks: ["src/**/*.rs", "lib/*.py"]
                                        ^^^^^^^^^^ warning[no-match]: `lib/*.py` (tracks) matches no file in the workspace: drift detection has nothing to follow
                ---
                # A
            "#]],
        );
    }
}

//! `missing-file`: a path in `informed_by`, `context`, `origin` or `output_schema` (and in
//! `target_files` once the spec is completed) that does not exist in the workspace.

use super::paths::{check_path, path_entries, PathCheck};
use super::{Acc, Code, GraphCtx};
use crate::spec::schema::{ReferenceKind, CONTEXT, OUTPUT_SCHEMA, TARGET_FILES};

pub(super) fn check(ctx: &GraphCtx, acc: &mut Acc) {
    for (field, value, range) in path_entries(ctx.spec) {
        // A path-or-glob field that names nothing is `no-match`'s finding.
        if field.reference == ReferenceKind::PathOrGlob || check_path(ctx.ws, value) != PathCheck::Missing {
            continue;
        }
        let field = field.name;
        let why = match field {
            TARGET_FILES => "the spec is completed but this file it should have produced is not in the workspace",
            CONTEXT => "chant cannot inject it into the prompt",
            OUTPUT_SCHEMA => "chant lint fails with `Output schema file not found` once the spec is completed",
            _ => "drift checks and readers of this spec cannot find it",
        };
        acc.push(Code::MissingFile, range, format!("`{value}` ({field}) does not exist: {why}"));
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn missing_paths() {
        check(
            Code::MissingFile,
            r#"
                //- /.chant/specs/a.md
                ---
                status: pending
                informed_by:
                  - .chant/research/there.md
                  - .chant/research/gone.md
                context: [derived_team=core]
                target_files: [not-yet.rs]
                ---
                # A
                //- /.chant/research/there.md
                # R
            "#,
            expect![[r#"
                ---
                status: pending
                informed_by:
                  - .chant/research/there.md
                  - .chant/research/gone.md
                    ^^^^^^^^^^^^^^^^^^^^^^^ warning[missing-file]: `.chant/research/gone.md` (informed_by) does not exist: drift checks and readers of this spec cannot find it
                context: [derived_team=core]
                target_files: [not-yet.rs]
                ---
                # A
            "#]],
        );
        check(
            Code::MissingFile,
            r#"
                ---
                status: completed
                target_files: [src/*.rs, out.md]
                ---
                # A
            "#,
            expect![[r#"
            ---
            status: completed
            target_files: [src/*.rs, out.md]
                           ^^^^^^^^ warning[missing-file]: `src/*.rs` (target_files) does not exist: the spec is completed but this file it should have produced is not in the workspace
                                     ^^^^^^ warning[missing-file]: `out.md` (target_files) does not exist: the spec is completed but this file it should have produced is not in the workspace
            ---
            # A
        "#]],
        );
    }
}

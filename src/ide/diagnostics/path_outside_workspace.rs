//! `path-outside-workspace`: an absolute path, a `..` that climbs out of the workspace root, or
//! a symlink that leads out. Such paths are never previewed or followed.

use super::paths::{check_path, path_entries, PathCheck};
use super::{Acc, Code, GraphCtx};

pub(super) fn check(ctx: &GraphCtx, acc: &mut Acc) {
    for (field, value, range) in path_entries(ctx.spec) {
        if let PathCheck::Outside(why) = check_path(ctx.ws, value) {
            acc.push(
                Code::PathOutsideWorkspace,
                range,
                format!("`{value}` ({}) is {why}: chant resolves paths from the workspace root, and this one is not inside it; use a path relative to the root", field.name),
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
    fn escaping_paths() {
        check(
            Code::PathOutsideWorkspace,
            r#"
                ---
                informed_by: [/etc/passwd, ../other/x.md, a/../b.md]
                ---
                # A
            "#,
            expect![[r#"
            ---
            informed_by: [/etc/passwd, ../other/x.md, a/../b.md]
                          ^^^^^^^^^^^ warning[path-outside-workspace]: `/etc/passwd` (informed_by) is an absolute path: chant resolves paths from the workspace root, and this one is not inside it; use a path relative to the root
                                       ^^^^^^^^^^^^^ warning[path-outside-workspace]: `../other/x.md` (informed_by) is a path that climbs out of the workspace with `..`: chant resolves paths from the workspace root, and this one is not inside it; use a path relative to the root
            ---
            # A
        "#]],
        );
    }

    /// A link inside the workspace that resolves outside it is reported like `../`; one that
    /// stays inside is an ordinary file.
    #[test]
    fn symlinks_leading_out() {
        use crate::ide::test_fixture::{diagnostics_for, render, write_fixture};
        let files = write_fixture(
            r#"
                //- /.chant/specs/a.md
                ---
                informed_by: [docs/out.md, docs/in.md]
                ---
                # A
                //- /docs/real.md
                # R
            "#,
        );
        files.fs.link_out("docs/out.md");
        files.fs.link("docs/in.md", "docs/real.md");
        let ws = files.load();
        let found = diagnostics_for(&ws, &files.first, &[Code::PathOutsideWorkspace, Code::MissingFile]);
        expect![[r#"
            ---
            informed_by: [docs/out.md, docs/in.md]
                          ^^^^^^^^^^^ warning[path-outside-workspace]: `docs/out.md` (informed_by) is a symlink that leads out of the workspace: chant resolves paths from the workspace root, and this one is not inside it; use a path relative to the root
            ---
            # A
        "#]].assert_eq(&render(&files.read(&files.first), &found));
    }
}

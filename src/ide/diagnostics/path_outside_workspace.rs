//! `path-outside-workspace`: an absolute path, a `..` that climbs out of the workspace root, or
//! a symlink that leads out. Such paths are never previewed or followed.

use super::paths::{check_path, path_entries, PathCheck};
use super::{Acc, Code, Ctx};

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    for (field, value, range) in path_entries(ctx.spec) {
        if let PathCheck::Outside(why) = check_path(ctx.ws, value) {
            acc.push(
                Code::PathOutsideWorkspace,
                range,
                format!("`{value}` ({field}) is {why}: chant resolves paths from the workspace root, and this one is not inside it; use a path relative to the root"),
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
            "---\ninformed_by: [/etc/passwd, ../other/x.md, a/../b.md]\n---\n# A\n",
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
}

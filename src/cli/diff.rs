//! `check --diff`: what `--fix` would change, as a unified diff (`--- a/PATH` / `+++ b/PATH`,
//! three lines of context), ready for `git apply -p1` or a review comment.

use similar::TextDiff;

/// The unified diff turning `before` into `after` for the file shown as `display_path`.
pub fn unified_diff(display_path: &str, before: &str, after: &str) -> String {
    let path = display_path.replace('\\', "/");
    TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .missing_newline_hint(true)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_hunk_with_context() {
        let before = "---\ntype: implementation\nstatus: pending\n---\n# A\n";
        let after = "---\ntype: code\nstatus: pending\n---\n# A\n";
        expect_test::expect![[r#"
            --- a/.chant/specs/a.md
            +++ b/.chant/specs/a.md
            @@ -1,5 +1,5 @@
             ---
            -type: implementation
            +type: code
             status: pending
             ---
             # A
        "#]]
        .assert_eq(&unified_diff(".chant/specs/a.md", before, after));
    }
}

//! `invalid-value`: an enum value chant rejects (`status`, `type`, `verification_status`,
//! `approval.status`), with the nearest valid value suggested.

use super::fix::{replace_with_suggestions, Fix};
use super::invalid_type::{classify, located};
use super::Diagnostic;
use super::{Acc, Code, Ctx, Hint};
use crate::spec::id::nearest;
use crate::spec::schema::{self, FieldShape};
use crate::spec::Spec;
use crate::workspace::Workspace;

fn allowed(path: &str) -> &'static [&'static str] {
    match schema::any_field(path).map(|f| f.shape) {
        Some(FieldShape::Enum(values)) => values,
        _ => &[],
    }
}

/// Values seen in real specs whose intended replacement is not the nearest by spelling.
fn known_replacement(path: &str, value: &str) -> Option<&'static str> {
    match (path, value) {
        ("type", "docs" | "doc" | "documentation_spec") => Some("documentation"),
        ("type", "implementation" | "feature" | "bug" | "fix") => Some("code"),
        ("status", "done" | "complete") => Some("completed"),
        ("status", "in-progress" | "wip" | "active") => Some("in_progress"),
        ("status", "todo" | "open") => Some("pending"),
        _ => None,
    }
}

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    for (err, range) in located(ctx.spec) {
        if classify(err) != Some(Code::InvalidValue) {
            continue;
        }
        let path = err.path.as_deref().unwrap_or("value");
        let value = ctx.spec.text[range.as_usize()].trim_matches(['"', '\'']);
        let options = allowed(path);
        let suggestion = known_replacement(path, value).or_else(|| nearest(value, options));
        let mut message = format!("`{value}` is not a valid `{path}`: chant cannot load this spec");
        if !options.is_empty() {
            message.push_str(&format!(" (expected one of {})", options.join(", ")));
        }
        if let Some(s) = suggestion {
            message.push_str(&format!("; did you mean `{s}`?"));
        }
        if (path, value) == ("type", "conflict") {
            message
                .push_str("; chant still writes `type: conflict` for merge-conflict specs but can no longer load them");
        }
        acc.push(Code::InvalidValue, range, message).hint =
            Hint::Replace(suggestion.into_iter().map(str::to_string).collect());
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
    fn enums() {
        check(
            Code::InvalidValue,
            r#"
                ---
                type: docs
                status: complete
                verification_status: ok
                approval:
                  status: "approve"
                ---
                # T
            "#,
            expect![[r#"
                ---
                type: docs
                      ^^^^ error[invalid-value]: `docs` is not a valid `type`: chant cannot load this spec (expected one of code, task, driver, documentation, research, group); did you mean `documentation`?
                status: complete
                        ^^^^^^^^ error[invalid-value]: `complete` is not a valid `status`: chant cannot load this spec (expected one of pending, in_progress, paused, completed, failed, needs_attention, ready, blocked, cancelled); did you mean `completed`?
                verification_status: ok
                                     ^^ error[invalid-value]: `ok` is not a valid `verification_status`: chant cannot load this spec (expected one of passed, failed, partial)
                approval:
                  status: "approve"
                          ^^^^^^^^^ error[invalid-value]: `approve` is not a valid `approval.status`: chant cannot load this spec (expected one of pending, approved, rejected); did you mean `approved`?
                ---
                # T
            "#]],
        );
    }

    #[test]
    fn conflict_type() {
        check(
            Code::InvalidValue,
            r#"
                ---
                type: conflict
                ---
                # T
            "#,
            expect![[r#"
            ---
            type: conflict
                  ^^^^^^^^ error[invalid-value]: `conflict` is not a valid `type`: chant cannot load this spec (expected one of code, task, driver, documentation, research, group); chant still writes `type: conflict` for merge-conflict specs but can no longer load them
            ---
            # T
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
    fn invalid_value_status() {
        check_fix(
            r#"
                ---
                status: $0complete
                ---
                # T
            "#,
            Code::InvalidValue,
            "Change to `completed`",
            expect![[r#"
                offered: ["Change to `completed`"]
                ---
                status: completed
                ---
                # T
            "#]],
        );
    }

    #[test]
    fn invalid_value_type() {
        check_fix(
            r#"
                ---
                type: $0implementation
                ---
                # T
                ## Acceptance Criteria
                - [x] a
            "#,
            Code::InvalidValue,
            "Change to `code`",
            expect![[r#"
                offered: ["Change to `code`"]
                ---
                type: code
                ---
                # T
                ## Acceptance Criteria
                - [x] a
            "#]],
        );
        check_fix(
            r#"
                ---
                type: $0docs
                tracks: [a.rs]
                target_files: [b.md]
                ---
                # T
                ## Acceptance Criteria
                - [x] a
            "#,
            Code::InvalidValue,
            "Change to `documentation`",
            expect![[r#"
                offered: ["Change to `documentation`"]
                ---
                type: documentation
                tracks: [a.rs]
                target_files: [b.md]
                ---
                # T
                ## Acceptance Criteria
                - [x] a
            "#]],
        );
    }

    #[test]
    fn invalid_value_keeps_quotes_and_crlf() {
        check_fix(
            // Escaped, not a raw fixture: the CRLF line ends are the case.
            "---\r\napproval:\r\n  status: $0\"approve\"\r\n  by: alice\r\n  at: 2026-01-01T00:00:00Z\r\n---\r\n# T\r\n",
            Code::InvalidValue,
            "Change to `approved`",
            expect![[r#"
                offered: ["Change to `approved`"]
                ---␍
                approval:␍
                  status: "approved"␍
                  by: alice␍
                  at: 2026-01-01T00:00:00Z␍
                ---␍
                # T␍
            "#]],
        );
    }
}

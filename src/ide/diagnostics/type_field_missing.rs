//! `type-field-missing`: chant lint's `type` rules, read from the schema's table of the keys
//! each spec type wants (documentation: `tracks`, `target_files`; research: `informed_by` or
//! `origin`, and `target_files`).

use super::fix::Fix;
use super::Diagnostic;
use super::{header_range, Acc, Code, Ctx, Hint};
use crate::spec::schema::{self, TYPE_WANTS};
use crate::spec::Spec;
use crate::workspace::Workspace;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let spec = ctx.spec;
    let Some(spec_type) = spec.spec_type() else { return };
    let has = |key: &str| spec.field(key).is_some_and(|v| !v.is_null());
    let range = spec.scalar("type").map_or_else(|| header_range(spec), |(_, r)| r);
    for want in TYPE_WANTS.iter().filter(|w| w.spec_type == spec_type) {
        if want.any_of.iter().any(|key| has(key)) {
            continue;
        }
        let keys: Vec<String> = want.any_of.iter().map(|key| format!("`{key}`")).collect();
        let message = format!("{} spec without {}: {}", schema::type_name(spec_type), keys.join(" or "), want.why);
        acc.push(Code::TypeFieldMissing, range, message).hint = Hint::MissingKey(want.any_of[0].to_string());
    }
}

/// The quick fixes of one of this rule's findings (`index`: its place in the list the editor
/// sent back), registered in `FIXES`.
pub(super) fn fixes(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    super::missing_required_field::insert_key(ws, spec, d, index)
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn documentation_and_research() {
        check(
            Code::TypeFieldMissing,
            r#"
                ---
                type: documentation
                target_files: [a.md]
                ---
                # T
            "#,
            expect![[r#"
            ---
            type: documentation
                  ^^^^^^^^^^^^^ warning[type-field-missing]: documentation spec without `tracks`: list the source files this documentation follows, so drift can be detected
            target_files: [a.md]
            ---
            # T
        "#]],
        );
        check(
            Code::TypeFieldMissing,
            r#"
                ---
                type: research
                ---
                # T
            "#,
            expect![[r#"
            ---
            type: research
                  ^^^^^^^^ warning[type-field-missing]: research spec without `informed_by` or `origin`: name the material the research starts from
                  ^^^^^^^^ warning[type-field-missing]: research spec without `target_files`: name the file the findings are written to
            ---
            # T
        "#]],
        );
        check(
            Code::TypeFieldMissing,
            r#"
                ---
                type: research
                origin: [a]
                target_files: [b]
                ---
                # T
            "#,
            expect![[r#"
            ---
            type: research
            origin: [a]
            target_files: [b]
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
    fn type_field_missing_inserts_key() {
        check_fix(
            r#"
                ---
                type: $0documentation
                target_files: [a.md]
                ---
                # T
            "#,
            Code::TypeFieldMissing,
            "Add `tracks: []`",
            expect![[r#"
                offered: ["Add `tracks: []`"]
                ---
                type: documentation
                target_files: [a.md]
                tracks: []
                ---
                # T
            "#]],
        );
    }

    #[test]
    fn research_spec_gets_informed_by() {
        check_fix(
            r#"
                ---
                type: $0research
                target_files: [out.md]
                ---
                # T
            "#,
            Code::TypeFieldMissing,
            "Add `informed_by: []`",
            expect![[r#"
                offered: ["Add `informed_by: []`"]
                ---
                type: research
                target_files: [out.md]
                informed_by: []
                ---
                # T
            "#]],
        );
    }
}

//! `type-field-missing`: chant lint's `type` rules: documentation specs need `tracks` and
//! `target_files`; research specs need `informed_by` or `origin`, and `target_files`.

use super::{header_range, Acc, Code, Ctx, Hint};
use crate::syntax::typed::SpecType;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let spec = ctx.spec;
    let has = |key: &str| spec.field(key).is_some_and(|v| !v.is_null());
    let range = spec.scalar("type").map_or_else(|| header_range(spec), |(_, r)| r);
    let mut missing = |key: &str, what: &str, why: &str| {
        acc.push(Code::TypeFieldMissing, range, format!("{what}: {why}")).hint = Hint::MissingKey(key.to_string());
    };
    match spec.spec_type() {
        Some(SpecType::Documentation) => {
            if !has("tracks") {
                missing(
                    "tracks",
                    "documentation spec without `tracks`",
                    "list the source files this documentation follows, so drift can be detected",
                );
            }
            if !has("target_files") {
                missing(
                    "target_files",
                    "documentation spec without `target_files`",
                    "list the documentation files the work writes",
                );
            }
        }
        Some(SpecType::Research) => {
            if !has("informed_by") && !has("origin") {
                missing(
                    "informed_by",
                    "research spec without `informed_by` or `origin`",
                    "name the material the research starts from",
                );
            }
            if !has("target_files") {
                missing(
                    "target_files",
                    "research spec without `target_files`",
                    "name the file the findings are written to",
                );
            }
        }
        _ => {}
    }
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

//! `invalid-type`: a value of a shape chant's struct rejects (`labels: auth`, `public: yes`,
//! `replay_count: "2"`), which makes the whole spec fail to load.
//!
//! Also home of the shared placement of serde_yaml's errors, used by `invalid-value`.

use super::{line_range, Acc, Code, Ctx};
use crate::spec::Spec;
use crate::syntax::typed::TypedError;
use crate::text::TextRange;

/// Which catalogue code a serde_yaml error belongs to; `None` for errors another rule reports.
pub(super) fn classify(err: &TypedError) -> Option<Code> {
    if err.message.starts_with("duplicate field") {
        None
    } else if err.message.starts_with("unknown variant") {
        Some(Code::InvalidValue)
    } else {
        Some(Code::InvalidType)
    }
}

/// The errors chant hits, each placed on the innermost value serde_yaml points at.
pub(super) fn located(spec: &Spec) -> Vec<(&TypedError, TextRange)> {
    if spec.yaml_error.is_some() {
        return Vec::new();
    }
    let errors: Vec<&TypedError> = if spec.field_errors.is_empty() {
        spec.verdict.as_ref().err().into_iter().collect()
    } else {
        spec.field_errors.iter().collect()
    };
    errors.into_iter().map(|err| (err, place(spec, err))).collect()
}

fn place(spec: &Spec, err: &TypedError) -> TextRange {
    let Some(offset) = err.offset else { return super::header_range(spec) };
    let node = spec.yaml.as_ref().and_then(|root| root.innermost_at(offset));
    match node {
        Some(node) if !node.range.is_empty() => node.range,
        _ => {
            let line = line_range(spec, offset);
            TextRange::new(offset.min(line.end as usize), line.end as usize)
        }
    }
}

fn cut_elsewhere(spec: &Spec) -> bool {
    let close = spec.split.as_ref().and_then(|fm| fm.close).map(|c| c.start);
    match spec.chant_split {
        crate::syntax::frontmatter::ChantSplit::Frontmatter { cut, .. } => Some(cut.start) != close,
        crate::syntax::frontmatter::ChantSplit::NoFrontmatter => false,
    }
}

/// chant's verdict fails because the frontmatter as chant cuts it (at a `---` inside a value)
/// is not YAML at all: a syntax error, reported by `yaml-syntax`, not a wrong type.
pub(super) fn chant_cut_breaks_yaml(spec: &Spec) -> bool {
    if !spec.field_errors.is_empty() || spec.verdict.is_ok() || !cut_elsewhere(spec) {
        return false;
    }
    let crate::syntax::frontmatter::ChantSplit::Frontmatter { yaml, .. } = spec.chant_split else { return false };
    crate::syntax::yaml::parse(&spec.text[yaml.as_usize()], yaml.start as usize).1.is_some()
}

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    if chant_cut_breaks_yaml(ctx.spec) {
        return;
    }
    for (err, range) in located(ctx.spec) {
        if classify(err) != Some(Code::InvalidType) {
            continue;
        }
        let field = err.path.as_deref().map(|p| format!("`{p}`: ")).unwrap_or_default();
        // With no per-field error, the failure comes from the frontmatter as chant's naive
        // splitter cuts it, which can differ from the block the editor shows.
        let note = if ctx.spec.field_errors.is_empty() && cut_elsewhere(ctx.spec) {
            " (in the frontmatter as chant cuts it at the first `---`; see frontmatter-split)"
        } else {
            ""
        };
        acc.push(Code::InvalidType, range, format!("{field}{}; chant cannot load this spec{note}", err.message));
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::{check, check_codes};
    use expect_test::expect;

    #[test]
    fn wrong_shapes() {
        check(
            Code::InvalidType,
            r#"
                ---
                labels: auth
                public: yes
                replay_count: "2"
                depends_on: [001]
                model: 4
                target_files:
                  - a
                  - [b]
                ---
                # T
            "#,
            expect![[r#"
                ---
                labels: auth
                        ^^^^ error[invalid-type]: `labels`: invalid type: string "auth", expected a sequence; chant cannot load this spec
                public: yes
                        ^^^ error[invalid-type]: `public`: invalid type: string "yes", expected a boolean; chant cannot load this spec
                replay_count: "2"
                              ^^^ error[invalid-type]: `replay_count`: invalid type: string "2", expected u32; chant cannot load this spec
                depends_on: [001]
                model: 4
                target_files:
                  - a
                  - [b]
                    ^^^ error[invalid-type]: `target_files[1]`: invalid type: sequence, expected a string; chant cannot load this spec
                ---
                # T
            "#]],
        );
    }

    /// The cut leaves an unclosed quote: a syntax error to chant, reported as yaml-syntax alone.
    #[test]
    fn chant_cuts_inside_a_quoted_value() {
        check_codes(
            &[Code::InvalidType, Code::YamlSyntax],
            r#"
                ---
                branch: "a---b"
                ---
                # T
            "#,
            expect![[r#"
                ---
                branch: "a---b"
                          ^^^^^ error[yaml-syntax]: YAML syntax error in the frontmatter as chant cuts it at the first `---` (see frontmatter-split): found unexpected end of stream, while scanning a quoted scalar; chant cannot load this spec
                ---
                # T
            "#]],
        );
    }

    #[test]
    fn frontmatter_is_not_a_mapping() {
        check(
            Code::InvalidType,
            r#"
                ---
                - a
                - b
                ---
                # T
            "#,
            expect![[r#"
            ---
            - a
            ^^^ error[invalid-type]: invalid type: sequence, expected struct ChantFrontmatter; chant cannot load this spec
            - b
            ---
            # T
        "#]],
        );
    }
}

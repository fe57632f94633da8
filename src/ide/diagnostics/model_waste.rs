//! `model-waste`: chant lint `model_waste`: a large model (opus, sonnet) on a spec that looks
//! trivially small by the `simple_*` thresholds.

use super::{Acc, Code, GraphCtx};
use crate::spec::schema::TARGET_FILES;
use crate::syntax::typed::SpecType;

pub(super) fn check(ctx: &GraphCtx, acc: &mut Acc) {
    let spec = ctx.spec;
    let Some((model, range)) = spec.scalar("model") else { return };
    let lower = model.to_ascii_lowercase();
    if !(lower.contains("opus") || lower.contains("sonnet")) {
        return;
    }
    if matches!(spec.spec_type(), Some(SpecType::Driver | SpecType::Group | SpecType::Research) | None) {
        return;
    }
    let t = &ctx.ws.config.thresholds;
    let n_criteria = u64::from(spec.criteria.items);
    let n_files = spec.string_items(TARGET_FILES).len() as u64;
    if n_criteria > t.simple_criteria || n_files > t.simple_files {
        return;
    }
    let n_words = u64::from(spec.n_words);
    if n_words <= t.simple_words {
        acc.push(
            Code::ModelWaste,
            range,
            format!("spec uses `{model}` but looks simple ({n_criteria} criteria, {n_files} files, {n_words} words): consider `haiku` to reduce cost"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn big_model_small_spec() {
        check(
            Code::ModelWaste,
            r#"
                ---
                model: claude-opus-4-5
                ---
                # Fix typo
            "#,
            expect![[r#"
            ---
            model: claude-opus-4-5
                   ^^^^^^^^^^^^^^^ warning[model-waste]: spec uses `claude-opus-4-5` but looks simple (0 criteria, 0 files, 3 words): consider `haiku` to reduce cost
            ---
            # Fix typo
        "#]],
        );
    }
}

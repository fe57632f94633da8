//! `complexity`: chant lint `complexity` with the config's thresholds: too many criteria, too
//! many target files, or (only when enabled in `lint.disable`) too many words.

use super::{Acc, Code, GraphCtx};
use crate::spec::schema::TARGET_FILES;

pub(super) fn check(ctx: &GraphCtx, acc: &mut Acc) {
    let spec = ctx.spec;
    let t = &ctx.ws.config.thresholds;
    let n_criteria = u64::from(spec.criteria.items);
    if n_criteria > t.complexity_criteria {
        let range = spec.criteria.heading.unwrap_or(spec.header);
        acc.push(
            Code::Complexity,
            range,
            format!(
                "spec has {n_criteria} acceptance criteria (more than {}): consider splitting it (`chant split {}`)",
                t.complexity_criteria, spec.id
            ),
        );
    }
    let n_files = spec.string_items(TARGET_FILES).len() as u64;
    if n_files > t.complexity_files {
        let range = spec.key_range(TARGET_FILES).unwrap_or(spec.header);
        acc.push(
            Code::Complexity,
            range,
            format!(
                "spec touches {n_files} files (more than {}): consider splitting it (`chant split {}`)",
                t.complexity_files, spec.id
            ),
        );
    }
    if ctx.ws.config.words_rule_enabled() {
        let n_words = u64::from(spec.n_words);
        if n_words > t.complexity_words {
            let range = spec.title.as_ref().map_or(spec.header, |t| t.line);
            acc.push(
                Code::Complexity,
                range,
                format!(
                    "spec description is {n_words} words (more than {}): it may be too complex for a small model",
                    t.complexity_words
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
    fn thresholds_from_config() {
        check(
            Code::Complexity,
            r#"
                //- /.chant/specs/a.md
                ---
                target_files: [a, b, c]
                ---
                # A
                one two three four five
                ## Acceptance Criteria
                - [ ] a
                - [ ] b
                - [x] c
                //- /.chant/config.md
                ---
                lint:
                  thresholds:
                    complexity_criteria: 2
                    complexity_files: 2
                    complexity_words: 4
                  disable: []
                ---
            "#,
            expect![[r#"
                ---
                target_files: [a, b, c]
                ^^^^^^^^^^^^ warning[complexity]: spec touches 3 files (more than 2): consider splitting it (`chant split a`)
                ---
                # A
                ^^^ warning[complexity]: spec description is 21 words (more than 4): it may be too complex for a small model
                one two three four five
                ## Acceptance Criteria
                ^^^^^^^^^^^^^^^^^^^^^^ warning[complexity]: spec has 3 acceptance criteria (more than 2): consider splitting it (`chant split a`)
                - [ ] a
                - [ ] b
                - [x] c
            "#]],
        );
    }
}

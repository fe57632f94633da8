//! `unknown-prompt`: `prompt:` names no `.chant/prompts/<name>.md`; `chant work` would fail
//! with `Prompt not found`.

use super::{did_you_mean, Acc, Code, GraphCtx, Hint};
use crate::spec::id::nearest;
use crate::spec::schema::PROMPT;

pub(super) fn check(ctx: &GraphCtx, acc: &mut Acc) {
    let Some((name, range)) = ctx.spec.scalar(PROMPT) else { return };
    if ctx.ws.has_prompt(name) {
        return;
    }
    let mut names: Vec<&str> = ctx.ws.prompts.iter().map(String::as_str).collect();
    names.sort_unstable();
    let hints: Vec<&str> = nearest(name, &names).into_iter().collect();
    acc.push(
        Code::UnknownPrompt,
        range,
        format!("prompt `{name}` not found: there is no .chant/prompts/{name}.md, so `chant work` fails with `Prompt not found`{}", did_you_mean(&hints)),
    )
    .hint = Hint::Replace(hints.iter().map(|s| s.to_string()).collect());
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn prompts() {
        check(
            Code::UnknownPrompt,
            r#"
                //- /.chant/specs/a.md
                ---
                prompt: standrd
                ---
                # A
                //- /.chant/prompts/standard.md
                Prompt
            "#,
            expect![[r#"
                ---
                prompt: standrd
                        ^^^^^^^ warning[unknown-prompt]: prompt `standrd` not found: there is no .chant/prompts/standrd.md, so `chant work` fails with `Prompt not found`; did you mean `standard`?
                ---
                # A
            "#]],
        );
    }
}

//! `unknown-prompt`: `prompt:` names no `.chant/prompts/<name>.md`; `chant work` would fail
//! with `Prompt not found`.

use super::fix::{requote, suggested, Edit, Fix};
use super::Diagnostic;
use super::{did_you_mean, Acc, Code, GraphCtx, Hint};
use crate::spec::id::nearest;
use crate::spec::schema::PROMPT;
use crate::spec::Spec;
use crate::workspace::Workspace;

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

/// The quick fixes of one of this rule's findings (`index`: its place in the list the editor
/// sent back), registered in `FIXES`.
pub(super) fn fixes(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    prompts(ws, spec, d, index)
}

fn prompts(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    let original = &spec.text[d.range.as_usize()];
    let mut names: Vec<&str> = ws.prompts.iter().map(String::as_str).collect();
    names.sort_unstable();
    // The rule's own guess first, then the rest alphabetically.
    if let Some(best) = suggested(d).first() {
        if let Some(at) = names.iter().position(|n| n == best) {
            let best = names.remove(at);
            names.insert(0, best);
        }
    }
    names
        .into_iter()
        .take(12)
        .map(|name| {
            let edit = Edit { range: d.range, new_text: requote(original, name) };
            Fix::edit(format!("Change prompt to `{name}`"), index, vec![edit])
        })
        .collect()
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

/// The rule's quick fixes applied to fixtures: the exact text each produces, and the findings
/// after re-reading the workspace (the repaired one gone, nothing new).
#[cfg(test)]
mod fix_tests {
    use crate::ide::test_fixture::fixes::*;

    #[test]
    fn unknown_prompt() {
        check_fix(
            r#"
                //- /.chant/specs/a.md
                ---
                prompt: $0standrd
                ---
                # A
                //- /.chant/prompts/standard.md
                P
                //- /.chant/prompts/bugfix.md
                P
            "#,
            Code::UnknownPrompt,
            "Change prompt to `standard`",
            expect![[r#"
                offered: ["Change prompt to `standard`", "Change prompt to `bugfix`"]
                ---
                prompt: standard
                ---
                # A
            "#]],
        );
    }
}

//! `missing-required-field`: a field named in `enterprise.required` of `.chant/config.md` is
//! absent (chant lint `required`). Names that are not spec fields can never be satisfied.

use super::{Acc, Code, GraphCtx, Hint};
use crate::spec::schema::visible_to_required_check;

pub(super) fn check(ctx: &GraphCtx, acc: &mut Acc) {
    let Some(required) = &ctx.ws.config.enterprise_required else { return };
    for name in required {
        let present = ctx.spec.has_value(name);
        if present && visible_to_required_check(name) {
            continue;
        }
        let message = if visible_to_required_check(name) {
            format!("missing required field `{name}` (listed in `enterprise.required` of .chant/config.md)")
        } else {
            format!("required field `{name}` can never be satisfied: chant only sees its own spec fields, so chant lint always reports it missing; remove it from `enterprise.required`")
        };
        let d = acc.push(Code::MissingRequiredField, ctx.spec.header, message);
        if visible_to_required_check(name) {
            d.hint = Hint::MissingKey(name.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn required_fields() {
        check(
            Code::MissingRequiredField,
            r#"
                //- /.chant/specs/a.md
                ---
                labels: [x]
                prompt:
                ---
                # T
                //- /.chant/config.md
                ---
                project:
                  name: p
                enterprise:
                  required: [labels, prompt, team]
                ---
            "#,
            expect![[r#"
                ---
                ^^^ error[missing-required-field]: missing required field `prompt` (listed in `enterprise.required` of .chant/config.md)
                ^^^ error[missing-required-field]: required field `team` can never be satisfied: chant only sees its own spec fields, so chant lint always reports it missing; remove it from `enterprise.required`
                labels: [x]
                prompt:
                ---
                # T
            "#]],
        );
    }
}

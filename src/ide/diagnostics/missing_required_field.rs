//! `missing-required-field`: a field named in `enterprise.required` of `.chant/config.md` is
//! absent (chant lint `required`). Names that are not spec fields can never be satisfied.

use super::fix::{eol, full_line, Edit, Fix};
use super::Diagnostic;
use super::{Acc, Code, GraphCtx, Hint};
use crate::spec::schema::visible_to_required_check;
use crate::spec::schema::{self, FieldShape, PROMPT};
use crate::spec::Spec;
use crate::text::TextRange;
use crate::workspace::Workspace;

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

/// The quick fixes of one of this rule's findings (`index`: its place in the list the editor
/// sent back), registered in `FIXES`.
pub(super) fn fixes(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    insert_key(ws, spec, d, index)
}

/// A value that satisfies the presence check without inventing content for the user.
fn placeholder(ws: &Workspace, key: &str) -> Option<String> {
    let shape = schema::field(key).map(|f| f.shape)?;
    Some(match shape {
        FieldShape::List | FieldShape::OneOrList => "[]".to_string(),
        FieldShape::Enum(values) => values.first()?.to_string(),
        FieldShape::Bool => "false".to_string(),
        FieldShape::Int => "0".to_string(),
        FieldShape::Map => return None,
        // A prompt must name an existing file, or the fix trades one warning for another.
        FieldShape::Text if key == PROMPT => {
            let mut names: Vec<&String> = ws.prompts.iter().collect();
            names.sort_unstable();
            match names.iter().find(|n| n.as_str() == "standard").or(names.first()) {
                Some(name) => name.to_string(),
                None => return None,
            }
        }
        FieldShape::Text => "TODO".to_string(),
    })
}

pub(super) fn insert_key(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    // No hint for an unsatisfiable `enterprise.required` entry: that is fixed in the config.
    let (Hint::MissingKey(key), Some(fm)) = (&d.hint, &spec.split) else { return Vec::new() };
    let key = key.as_str();
    let Some(value) = placeholder(ws, key) else { return Vec::new() };
    let text = spec.text.as_str();
    let title = format!("Add `{key}: {value}`");
    let present = spec.yaml.as_ref().and_then(|root| root.entries().iter().find(|e| e.key.as_scalar() == Some(key)));
    let edit = match present {
        // `prompt:` with nothing after it: fill the value in rather than repeating the key.
        Some(entry) => {
            let line = full_line(text, entry.key.range.start as usize);
            let content_end = line.start as usize + text[line.as_usize()].trim_end_matches(['\n', '\r']).len();
            Edit { range: TextRange::new(entry.key.range.end as usize, content_end), new_text: format!(": {value}") }
        }
        None => {
            Edit { range: TextRange::empty(fm.yaml.end as usize), new_text: format!("{key}: {value}{}", eol(text)) }
        }
    };
    vec![Fix::edit(title, index, vec![edit])]
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

/// The rule's quick fixes applied to fixtures: the exact text each produces, and the findings
/// after re-reading the workspace (the repaired one gone, nothing new).
#[cfg(test)]
mod fix_tests {
    use crate::ide::test_fixture::fixes::*;

    #[test]
    fn missing_required_field_fills_the_value() {
        check_fix(
            r#"
                //- /.chant/specs/a.md
                $0---
                labels: [x]
                prompt:
                ---
                # T
                //- /.chant/config.md
                ---
                project:
                  name: p
                enterprise:
                  required: [labels, prompt]
                ---
                //- /.chant/prompts/standard.md
                P
            "#,
            Code::MissingRequiredField,
            "Add `prompt: standard`",
            expect![[r#"
                offered: ["Add `prompt: standard`"]
                ---
                labels: [x]
                prompt: standard
                ---
                # T
            "#]],
        );
        check_fix(
            // Escaped, not a raw fixture: the spec's CRLF line ends are the case.
            "//- /.chant/specs/a.md\r\n$0---\r\nstatus: pending\r\n---\r\n# T\r\n//- /.chant/config.md\n---\nproject:\n  name: p\nenterprise:\n  required: [labels]\n---\n",
            Code::MissingRequiredField,
            "Add `labels: []`",
            expect![[r#"
                offered: ["Add `labels: []`"]
                ---␍
                status: pending␍
                labels: []␍
                ---␍
                # T␍
            "#]],
        );
    }
}

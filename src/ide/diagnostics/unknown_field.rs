//! `unknown-field`: a key chant ignores on read and drops when it rewrites the file.

use super::{did_you_mean, Acc, Code, Ctx, Hint};
use crate::spec::id::nearest;
use crate::spec::schema::{self, FIELDS, KNOWN_UNKNOWN};
use crate::syntax::yaml::YamlNode;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let Some(root) = &ctx.spec.yaml else { return };
    let names: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
    for entry in root.entries() {
        let Some(key) = entry.key.as_scalar() else { continue };
        if schema::field(key).is_none() {
            // Keys seen in real specs carry their own advice; only typos get a spelling guess.
            let hint = match KNOWN_UNKNOWN.iter().find(|(k, _)| *k == key) {
                Some((_, known)) => *known,
                None => nearest(key, &names),
            };
            report(acc, &entry.key, key, "", hint);
        }
        let nested: Vec<&str> = schema::nested_fields(key).iter().map(schema::nested_key).collect();
        if nested.is_empty() {
            continue;
        }
        for inner in entry.value.entries() {
            let Some(inner_key) = inner.key.as_scalar() else { continue };
            if !nested.contains(&inner_key) {
                report(acc, &inner.key, inner_key, &format!(" in `{key}`"), nearest(inner_key, &nested));
            }
        }
    }
}

fn report(acc: &mut Acc, node: &YamlNode, key: &str, inside: &str, hint: Option<&str>) {
    let hints: Vec<&str> = hint.into_iter().collect();
    acc.push(
        Code::UnknownField,
        node.range,
        format!(
            "unknown key `{key}`{inside}: chant ignores it and drops it when it rewrites the spec{}",
            did_you_mean(&hints)
        ),
    )
    .hint = Hint::Replace(hints.iter().map(|s| s.to_string()).collect());
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn unknown_keys() {
        check(
            Code::UnknownField,
            r#"
                ---
                type: code
                commit: abc
                stauts: pending
                pr: 12
                approval:
                  approved_by: x
                ---
                # T
            "#,
            expect![[r#"
            ---
            type: code
            commit: abc
            ^^^^^^ warning[unknown-field]: unknown key `commit`: chant ignores it and drops it when it rewrites the spec; did you mean `commits`?
            stauts: pending
            ^^^^^^ warning[unknown-field]: unknown key `stauts`: chant ignores it and drops it when it rewrites the spec; did you mean `status`?
            pr: 12
            ^^ warning[unknown-field]: unknown key `pr`: chant ignores it and drops it when it rewrites the spec
            approval:
              approved_by: x
              ^^^^^^^^^^^ warning[unknown-field]: unknown key `approved_by` in `approval`: chant ignores it and drops it when it rewrites the spec
            ---
            # T
        "#]],
        );
    }
}

//! `duplicate-key`: a key chant knows, set twice in one of its mappings (the frontmatter,
//! `approval`, `retry_state`); chant refuses to load the spec. serde reports a repeated field of
//! chant's structs, but skips unknown keys before it could notice them repeated, so a repeated
//! unknown key (`commit:` twice) is not an error to chant and is not reported here.

use std::collections::HashMap;

use super::{Acc, Code, Ctx, Related};
use crate::spec::schema;
use crate::syntax::yaml::YamlNode;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let Some(root) = &ctx.spec.yaml else { return };
    check_map(ctx, root, |key| schema::field(key).is_some(), acc);
    // chant's nested structs are checked for repeats like the top level.
    for entry in root.entries() {
        let Some(parent) = entry.key.as_scalar() else { continue };
        let nested = schema::nested_fields(parent);
        if !nested.is_empty() {
            check_map(ctx, &entry.value, |key| nested.iter().any(|f| schema::nested_key(f) == key), acc);
        }
    }
}

/// Reports every second occurrence of a known key in one mapping.
fn check_map(ctx: &Ctx, map: &YamlNode, known: impl Fn(&str) -> bool, acc: &mut Acc) {
    let mut first_seen: HashMap<&str, &YamlNode> = HashMap::new();
    for entry in map.entries() {
        let Some(key) = entry.key.as_scalar().filter(|key| known(key)) else { continue };
        let Some(first) = first_seen.get(key) else {
            first_seen.insert(key, &entry.key);
            continue;
        };
        let line = ctx.spec.line_index().line_of(first.range.start) + 1;
        let d = acc.push(
            Code::DuplicateKey,
            entry.key.range,
            format!("duplicate key `{key}` (first set on line {line}): chant refuses to load a spec with a repeated key; keep one"),
        );
        d.related.push(Related {
            path: ctx.path.to_path_buf(),
            range: first.range,
            message: format!("`{key}` first set here"),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn repeated_keys() {
        check(
            Code::DuplicateKey,
            r#"
                ---
                status: pending
                type: code
                status: completed
                approval:
                  by: a
                  by: b
                ---
                # T
            "#,
            expect![[r#"
            ---
            status: pending
            type: code
            status: completed
            ^^^^^^ error[duplicate-key]: duplicate key `status` (first set on line 2): chant refuses to load a spec with a repeated key; keep one
            approval:
              by: a
              by: b
              ^^ error[duplicate-key]: duplicate key `by` (first set on line 6): chant refuses to load a spec with a repeated key; keep one
            ---
            # T
        "#]],
        );
    }

    /// serde skips unknown keys before it could see them repeated: chant loads such a spec.
    #[test]
    fn repeated_unknown_keys_are_not_reported() {
        check(
            Code::DuplicateKey,
            r#"
                ---
                commit: a
                commit: b
                approval:
                  note: x
                  note: y
                extra:
                  status: a
                  status: b
                ---
                # T
            "#,
            expect![[r#"
                ---
                commit: a
                commit: b
                approval:
                  note: x
                  note: y
                extra:
                  status: a
                  status: b
                ---
                # T
            "#]],
        );
    }
}

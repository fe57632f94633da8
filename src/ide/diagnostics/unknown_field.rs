//! `unknown-field`: a key chant ignores on read and drops when it rewrites the file.

use super::fix::{append_items, entry_lines, suggested, Edit, Fix};
use super::Diagnostic;
use super::{did_you_mean, Acc, Code, Ctx, Hint};
use crate::spec::id::nearest;
use crate::spec::schema::FieldShape;
use crate::spec::schema::{self, FIELDS, KNOWN_UNKNOWN};
use crate::spec::Spec;
use crate::syntax::yaml::YamlNode;
use crate::syntax::yaml::{NodeKind, YamlEntry};
use crate::text::TextRange;
use crate::workspace::Workspace;

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

/// The quick fixes of one of this rule's findings (`index`: its place in the list the editor
/// sent back), registered in `FIXES`.
pub(super) fn fixes(_ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    unknown_field(spec, d, index)
}

/// The entry whose key sits at `key`, anywhere in the tree, with the mapping holding it.
fn find_entry(node: &YamlNode, key: TextRange) -> Option<(&YamlNode, &YamlEntry)> {
    match &node.kind {
        NodeKind::Map { entries, .. } => {
            entries.iter().find_map(|e| if e.key.range == key { Some((node, e)) } else { find_entry(&e.value, key) })
        }
        NodeKind::Seq { items, .. } => items.iter().find_map(|it| find_entry(it, key)),
        _ => None,
    }
}

fn unknown_field(spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    let Some(root) = &spec.yaml else { return Vec::new() };
    let Some((map, entry)) = find_entry(root, d.range) else { return Vec::new() };
    let text = spec.text.as_str();
    let key = &text[d.range.as_usize()];
    let remove = Edit { range: entry_lines(text, entry), new_text: String::new() };
    let mut out = Vec::new();
    if let Some(target) = suggested(d).first().copied() {
        match map.get(target) {
            None if !fits(target, &entry.value) => {}
            None => {
                let mut edits = vec![Edit { range: d.range, new_text: target.to_string() }];
                // `commit: abc` → `commits: [abc]`: chant rejects a lone string for a list key.
                let is_list = schema::field(target).is_some_and(|f| f.shape == FieldShape::List);
                if is_list && entry.value.as_scalar().is_some() && !entry.value.is_null() {
                    let old = &text[entry.value.range.as_usize()];
                    edits.push(Edit { range: entry.value.range, new_text: format!("[{old}]") });
                }
                out.push(Fix::edit(format!("Rename `{key}` to `{target}`"), index, edits));
            }
            Some(existing) => {
                // `commit: abc` next to `commits: [...]`: the value joins the list chant reads.
                let items: Vec<&str> = entry.value.scalar_items().iter().map(|it| &text[it.range.as_usize()]).collect();
                if let (false, Some(mut edits)) = (items.is_empty(), append_items(text, existing, &items)) {
                    edits.push(remove.clone());
                    edits.sort_by_key(|e| e.range.start);
                    out.push(Fix::edit(format!("Merge `{key}` into `{target}`"), index, edits));
                }
            }
        }
    }
    let mut removal = Fix::edit(format!("Remove `{key}`"), index, vec![remove]);
    removal.deletes = true;
    out.push(removal);
    out
}

/// Whether `value` keeps its meaning under the key `target` (a lone string is wrapped in a
/// list); `needs_approval: true` does not become an `approval` mapping.
fn fits(target: &str, value: &YamlNode) -> bool {
    let Some(field) = schema::field(target) else { return true };
    match (&value.kind, field.shape) {
        (NodeKind::Map { .. }, FieldShape::Map) => true,
        (_, FieldShape::Map) | (NodeKind::Map { .. }, _) => false,
        (NodeKind::Seq { .. }, FieldShape::List | FieldShape::OneOrList) => true,
        (NodeKind::Seq { .. }, _) => false,
        _ => true,
    }
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

/// The rule's quick fixes applied to fixtures: the exact text each produces, and the findings
/// after re-reading the workspace (the repaired one gone, nothing new).
#[cfg(test)]
mod fix_tests {
    use crate::ide::test_fixture::fixes::*;

    #[test]
    fn unknown_field_rename_remove_and_merge() {
        check_fix(
            r#"
                ---
                type: code
                $0commit: abc
                ---
                # T
            "#,
            Code::UnknownField,
            "Rename `commit` to `commits`",
            expect![[r#"
                offered: ["Rename `commit` to `commits`", "Remove `commit`"]
                ---
                type: code
                commits: [abc]
                ---
                # T
            "#]],
        );
        check_fix(
            r#"
                ---
                commits:
                  - def
                $0commit: abc
                status: pending
                ---
                # T
            "#,
            Code::UnknownField,
            "Merge `commit` into `commits`",
            expect![[r#"
                offered: ["Merge `commit` into `commits`", "Remove `commit`"]
                ---
                commits:
                  - def
                  - abc
                status: pending
                ---
                # T
            "#]],
        );
        check_fix(
            r#"
                ---
                commits: [def]
                $0commit: abc
                ---
                # T
            "#,
            Code::UnknownField,
            "Merge `commit` into `commits`",
            expect![[r#"
                offered: ["Merge `commit` into `commits`", "Remove `commit`"]
                ---
                commits: [def, abc]
                ---
                # T
            "#]],
        );
        check_fix(
            r#"
                ---
                $0pr:
                  - 12
                status: pending
                ---
                # T
            "#,
            Code::UnknownField,
            "Remove `pr`",
            expect![[r#"
                offered: ["Remove `pr`"]
                ---
                status: pending
                ---
                # T
            "#]],
        );
    }

    /// `needs_approval: true` is not an approval mapping: only removal is offered.
    #[test]
    fn unknown_field_rename_needs_a_fitting_value() {
        check_fix(
            r#"
                ---
                $0needs_approval: true
                ---
                # T
            "#,
            Code::UnknownField,
            "Remove `needs_approval`",
            expect![[r#"
                offered: ["Remove `needs_approval`"]
                ---
                ---
                # T
            "#]],
        );
        check_fix(
            r#"
                ---
                $0tags:
                  - a
                ---
                # T
            "#,
            Code::UnknownField,
            "Rename `tags` to `labels`",
            expect![[r#"
                offered: ["Rename `tags` to `labels`", "Remove `tags`"]
                ---
                labels:
                  - a
                ---
                # T
            "#]],
        );
    }
}

//! `duplicate-key`: the same key twice in one mapping; chant refuses to load the spec.

use std::collections::HashMap;

use super::{Acc, Code, Ctx, Related};
use crate::syntax::yaml::{NodeKind, YamlNode};

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let Some(root) = &ctx.spec.yaml else { return };
    visit(ctx, root, acc);
}

fn visit(ctx: &Ctx, node: &YamlNode, acc: &mut Acc) {
    match &node.kind {
        NodeKind::Map { entries, .. } => {
            let mut first_seen: HashMap<&str, &YamlNode> = HashMap::new();
            for entry in entries {
                if let Some(key) = entry.key.as_scalar() {
                    if let Some(first) = first_seen.get(key) {
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
                    } else {
                        first_seen.insert(key, &entry.key);
                    }
                }
                visit(ctx, &entry.value, acc);
            }
        }
        NodeKind::Seq { items, .. } => items.iter().for_each(|it| visit(ctx, it, acc)),
        _ => {}
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
            "---\nstatus: pending\ntype: code\nstatus: completed\napproval:\n  by: a\n  by: b\n---\n# T\n",
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
}

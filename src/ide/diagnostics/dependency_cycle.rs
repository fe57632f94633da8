//! `dependency-cycle`: the spec depends, through `depends_on`, on itself. Every entry that leads
//! into the cycle is flagged, and every other member of the cycle is listed as related.

use super::{Acc, Code, Ctx, Related};
use crate::text::TextRange;

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    let Some(cycle) = ctx.ws.cycle_of(&ctx.spec.id) else { return };
    // Only the spec the id resolves to takes part; an archived copy of the same id does not.
    if ctx.ws.lookup_path(&ctx.spec.id).map(|p| p.as_path()) != Some(ctx.path) {
        return;
    }
    let mut related = Vec::new();
    for mate in cycle.iter().filter(|m| **m != ctx.spec.id) {
        let (Some(path), Some(spec)) = (ctx.ws.lookup_path(mate), ctx.ws.lookup(mate)) else { continue };
        let range = spec.title.as_ref().map_or(TextRange::empty(0), |t| t.line);
        related.push(Related { path: path.clone(), range, message: format!("`{mate}` is part of the cycle") });
    }
    let names = cycle.join(", ");
    for (entry, range) in ctx.spec.string_items("depends_on") {
        if entry != ctx.spec.id && cycle.iter().any(|m| m == entry) {
            let d = acc.push(
                Code::DependencyCycle,
                range,
                format!("dependency cycle through `{entry}`: {names} depend on each other, so none of them can ever become ready; remove one link"),
            );
            d.related = related.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn three_cycle() {
        check(
            Code::DependencyCycle,
            "//- /.chant/specs/a.md\n---\ndepends_on: [b, d]\n---\n# A\n//- /.chant/specs/b.md\n---\ndepends_on: [c]\n---\n# B\n//- /.chant/specs/c.md\n---\ndepends_on: [a]\n---\n# C\n//- /.chant/specs/d.md\n---\n---\n# D\n",
            expect![[r#"
                ---
                depends_on: [b, d]
                             ^ error[dependency-cycle]: dependency cycle through `b`: a, b, c depend on each other, so none of them can ever become ready; remove one link
                ---
                # A
            "#]],
        );
    }
}

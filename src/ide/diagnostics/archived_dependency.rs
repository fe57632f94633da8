//! `archived-dependency`: the entry resolves only to an archived spec or one in a sub-folder of
//! `.chant/specs/`. chant's lint only knows top-level specs, so it reports the id as unknown and
//! `chant work` treats this spec as blocked.

use super::{Acc, Code, GraphCtx};
use crate::spec::schema::DEPENDS_ON;
use crate::spec::SpecLocation;
use crate::workspace::Resolution;

pub(super) fn check(ctx: &GraphCtx, acc: &mut Acc) {
    for (entry, range) in ctx.spec.accepted_items(DEPENDS_ON) {
        let Resolution::Elsewhere(path) = ctx.ws.resolve(entry) else { continue };
        let rel = path.strip_prefix(&ctx.ws.root).unwrap_or(&path).display().to_string();
        let where_ = match ctx.ws.spec(&path).map(|s| s.location) {
            Some(SpecLocation::Nested) => "lives in a sub-folder of .chant/specs",
            _ => "is archived",
        };
        acc.push(
            Code::ArchivedDependency,
            range,
            format!("`{entry}` {where_} ({rel}): chant lint reports it as an unknown dependency and `chant work` keeps this spec blocked; remove the entry once the dependency is done"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn archived_and_nested() {
        check(
            Code::ArchivedDependency,
            r#"
                //- /.chant/specs/b.md
                ---
                depends_on: [old, deep]
                ---
                # B
                //- /.chant/archive/2026-01-01/old.md
                ---
                status: completed
                ---
                # Old
                //- /.chant/specs/sub/deep.md
                ---
                ---
                # Deep
            "#,
            expect![[r#"
                ---
                depends_on: [old, deep]
                             ^^^ warning[archived-dependency]: `old` is archived (.chant/archive/2026-01-01/old.md): chant lint reports it as an unknown dependency and `chant work` keeps this spec blocked; remove the entry once the dependency is done
                                  ^^^^ warning[archived-dependency]: `deep` lives in a sub-folder of .chant/specs (.chant/specs/sub/deep.md): chant lint reports it as an unknown dependency and `chant work` keeps this spec blocked; remove the entry once the dependency is done
                ---
                # B
            "#]],
        );
    }
}

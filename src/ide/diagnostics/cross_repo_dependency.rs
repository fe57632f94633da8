//! `cross-repo-dependency`: a `repo:id` entry. chant never resolves these for dependencies (its
//! resolver builds a wrong file name), so lint calls them unknown; we say where it would point.

use super::{Acc, Code, GraphCtx};
use crate::spec::schema::DEPENDS_ON;
use crate::workspace::Resolution;

pub(super) fn check(ctx: &GraphCtx, acc: &mut Acc) {
    for (entry, range) in ctx.spec.accepted_items(DEPENDS_ON) {
        let Resolution::CrossRepo { repo, id } = ctx.ws.resolve(entry) else { continue };
        let target = ctx.ws.config.repos.iter().find(|r| r.name == repo);
        let where_ = match target {
            None => format!("repository `{repo}` is not listed under `repos` in the chant config"),
            Some(r) => {
                let specs = ctx.ws.root.join(crate::workspace::load::expand_home(&r.path)).join(".chant/specs");
                let file = specs.join(format!("{id}.md"));
                // The config comes from the (untrusted) repository and may name any folder: only
                // the existence of one spec file is checked, through a door rooted at that
                // repository's specs, and nothing of it is read.
                if ctx.ws.fs.other_root(specs).is_file(&file) {
                    format!("it points at {}", file.display())
                } else {
                    format!("no spec `{id}` at {}", file.display())
                }
            }
        };
        acc.push(
            Code::CrossRepoDependency,
            range,
            format!("cross-repository dependency: chant does not resolve `repo:id` in `depends_on` (lint reports it unknown and the spec stays blocked); {where_}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn repo_prefix() {
        check(
            Code::CrossRepoDependency,
            r#"
                ---
                depends_on: [backend:2026-01-27-001-abc]
                ---
                # T
            "#,
            expect![[r#"
            ---
            depends_on: [backend:2026-01-27-001-abc]
                         ^^^^^^^^^^^^^^^^^^^^^^^^^^ information[cross-repo-dependency]: cross-repository dependency: chant does not resolve `repo:id` in `depends_on` (lint reports it unknown and the spec stays blocked); repository `backend` is not listed under `repos` in the chant config
            ---
            # T
        "#]],
        );
    }
}
